using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Workflows.Tests.Formats;

public class when_validating_a_partita_iva
{
    [Fact]
    public void the_lead_partner_code_00360140446_is_valid()
    {
        PartitaIva.TryParse("00360140446", out var value, out var error).ShouldBeTrue(error);
        value.Value.ShouldBe("00360140446");
        error.ShouldBeEmpty();
    }

    [Fact]
    public void the_check_digit_of_0036014044_is_6()
    {
        // odd positions 1,3,5,7,9: 0+3+0+4+4 = 11; even positions 2,4,6,8,10 doubled: 0,12-9=3,2,0,8 = 13;
        // sum 24, (10 - 4) mod 10 = 6.
        PartitaIva.ComputeCheckDigit("0036014044").ShouldBe('6');
    }

    [Fact]
    public void the_check_digit_of_1234567890_is_3()
    {
        // odd: 1+3+5+7+9 = 25; even doubled: 4, 8, 12-9=3, 16-9=7, 0 = 22; sum 47, (10 - 7) mod 10 = 3.
        PartitaIva.ComputeCheckDigit("1234567890").ShouldBe('3');
        PartitaIva.Parse("12345678903").Value.ShouldBe("12345678903");
    }

    [Fact]
    public void a_sum_that_is_a_multiple_of_ten_gives_check_digit_0()
    {
        // odd: 0+0+0+0+1 = 1; even: position 10 holds 9, doubled 18-9 = 9; sum 10, (10 - 0) mod 10 = 0.
        PartitaIva.ComputeCheckDigit("0000000019").ShouldBe('0');
    }

    [Theory]
    [InlineData('0')]
    [InlineData('1')]
    [InlineData('2')]
    [InlineData('3')]
    [InlineData('4')]
    [InlineData('5')]
    [InlineData('7')]
    [InlineData('8')]
    [InlineData('9')]
    public void every_other_check_digit_is_rejected_naming_the_expected_one(char wrong)
    {
        var candidate = "0036014044" + wrong;

        PartitaIva.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe($"Partita IVA '{candidate}': wrong check digit: expected 6 got {wrong}");
    }

    [Fact]
    public void parse_throws_a_format_exception_naming_the_value_and_the_expected_digit()
    {
        var ex = Should.Throw<FormatException>(() => PartitaIva.Parse("00360140445"));

        ex.Message.ShouldContain("'00360140445'");
        ex.Message.ShouldContain("expected 6 got 5");
    }

    [Theory]
    [InlineData("0036014044", 10)]
    [InlineData("003601404460", 12)]
    [InlineData("1", 1)]
    public void a_wrong_length_is_rejected(string candidate, int length)
    {
        PartitaIva.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe($"Partita IVA '{candidate}': wrong length: expected 11 digits, got {length}");
    }

    [Fact]
    public void a_non_digit_is_rejected_with_its_position()
    {
        PartitaIva.TryParse("00360a40446", out _, out var error).ShouldBeFalse();

        // upper-cased by normalisation, position counted from 1
        error.ShouldBe("Partita IVA '00360A40446': invalid character 'A' at position 6: expected a digit");
    }

    [Fact]
    public void a_non_ascii_digit_is_rejected()
    {
        // U+0663 ARABIC-INDIC DIGIT THREE is a Unicode digit but not an ASCII one.
        PartitaIva.TryParse("00\u066360140446"[..11], out _, out var error).ShouldBeFalse();

        error.ShouldContain("at position 3");
    }

    [Fact]
    public void surrounding_whitespace_is_trimmed()
    {
        PartitaIva.Parse("  00360140446\t").Value.ShouldBe("00360140446");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_missing_value_is_rejected(string? candidate)
    {
        PartitaIva.TryParse(candidate, out var value, out var error).ShouldBeFalse();

        error.ShouldBe("Partita IVA is missing (null or blank)");
        value.ShouldBe(default);
    }

    [Theory]
    [InlineData("003601404")]
    [InlineData("00360140446")]
    [InlineData("003601404x")]
    public void computing_a_check_digit_needs_exactly_ten_digits(string first10)
    {
        Should.Throw<ArgumentException>(() => PartitaIva.ComputeCheckDigit(first10));
    }

    [Fact]
    public void two_parses_of_the_same_code_are_equal()
    {
        PartitaIva.Parse(" 00360140446").ShouldBe(PartitaIva.Parse("00360140446"));
        PartitaIva.Parse("00360140446").ToString().ShouldBe("00360140446");
    }
}
