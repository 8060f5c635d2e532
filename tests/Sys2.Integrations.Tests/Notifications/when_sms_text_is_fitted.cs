using Sys2.Integrations.Notifications;

namespace Sys2.Integrations.Tests.Notifications;

public sealed class when_sms_text_is_fitted
{
    [Fact]
    public void italian_accents_in_the_gsm_alphabet_are_kept_and_typographic_marks_spelt_out() =>
        GsmText.Fit("Città – “perché” È così…").ShouldBe("Città - \"perché\" E' così...");

    [Fact]
    public void extension_characters_count_twice() =>
        GsmText.Septets("€[]").ShouldBe(6);

    [Fact]
    public void a_long_text_is_cut_with_three_dots_to_exactly_fit()
    {
        var fitted = GsmText.Fit(new string('a', 158) + "€€");

        fitted.ShouldBe(new string('a', 157) + "...");
        GsmText.Septets(fitted).ShouldBe(160);
    }

    [Fact]
    public void characters_outside_the_alphabet_become_question_marks_rather_than_forcing_ucs2() =>
        GsmText.Fit("ok ✓").ShouldBe("ok ?");

    [Theory]
    [InlineData("+39 0735 581234", "+390735581234")]
    [InlineData("333-1234567", "+393331234567")]
    [InlineData("0039 071 2801122", "+390712801122")]
    public void phone_numbers_are_written_in_e164(string written, string e164)
    {
        PhoneNumbers.TryNormalize(written, out var normalized).ShouldBeTrue();
        normalized.ShouldBe(e164);
    }

    [Fact]
    public void a_phone_number_with_letters_is_not_one() =>
        PhoneNumbers.TryNormalize("chiamare in ufficio", out _).ShouldBeFalse();
}
