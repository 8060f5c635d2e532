using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Workflows.Tests.Formats;

public class when_validating_a_codice_fiscale
{
    [Fact]
    public void the_check_character_of_RSSMRA45D25F205_is_N()
    {
        // odd positions  R S R 4 D 5 2 5 -> 8+12+8+9+7+13+5+13 = 75
        // even positions S M A 5 2 F 0   -> 18+12+0+5+2+5+0   = 42
        // 117 mod 26 = 13 -> 'A' + 13 = 'N'
        CodiceFiscale.ComputeCheckCharacter("RSSMRA45D25F205").ShouldBe('N');
    }

    [Fact]
    public void a_personal_code_with_the_right_check_character_is_valid()
    {
        CodiceFiscale.TryParse("RSSMRA45D25F205N", out var value, out var error).ShouldBeTrue(error);

        value.Value.ShouldBe("RSSMRA45D25F205N");
        value.IsPersonal.ShouldBeTrue();
        value.IsNumeric.ShouldBeFalse();
    }

    [Fact]
    public void lowercase_and_surrounding_whitespace_are_normalised()
    {
        CodiceFiscale.Parse("  rssmra45d25f205n ").Value.ShouldBe("RSSMRA45D25F205N");
    }

    [Fact]
    public void a_wrong_check_character_is_rejected_naming_the_expected_one()
    {
        CodiceFiscale.TryParse("RSSMRA45D25F205A", out _, out var error).ShouldBeFalse();

        error.ShouldBe("Codice fiscale 'RSSMRA45D25F205A': wrong check character: expected N got A");
    }

    [Fact]
    public void parse_throws_a_format_exception_with_the_expected_character()
    {
        var ex = Should.Throw<FormatException>(() => CodiceFiscale.Parse("RSSMRA45D25F205M"));

        ex.Message.ShouldContain("'RSSMRA45D25F205M'");
        ex.Message.ShouldContain("expected N got M");
    }

    [Fact]
    public void an_omocodia_form_of_the_last_digit_is_accepted_with_its_own_check_character()
    {
        // Position 15 '5' replaced by 'R' (L=0 M=1 N=2 P=3 Q=4 R=5 S=6 T=7 U=8 V=9).
        // Position 15 is odd: '5' was worth 13, 'R' is worth 8, so the sum 117 becomes 112;
        // 112 mod 26 = 8 -> 'I'.
        CodiceFiscale.ComputeCheckCharacter("RSSMRA45D25F20R").ShouldBe('I');
        CodiceFiscale.Parse("RSSMRA45D25F20RI").Value.ShouldBe("RSSMRA45D25F20RI");
    }

    [Fact]
    public void a_fully_omocodic_code_is_accepted_with_its_own_check_character()
    {
        // All seven digit positions substituted: 4->Q 5->R 2->N 5->R 2->N 0->L 5->R.
        // odd positions  R S R Q D R N R -> 8+12+8+6+7+8+20+8   = 77
        // even positions S M A R N F L   -> 18+12+0+17+13+5+11  = 76
        // 153 mod 26 = 23 -> 'X'
        CodiceFiscale.ComputeCheckCharacter("RSSMRAQRDNRFNLR").ShouldBe('X');
        CodiceFiscale.TryParse("RSSMRAQRDNRFNLRX", out _, out var error).ShouldBeTrue(error);
    }

    [Fact]
    public void an_omocodia_form_keeping_the_original_check_character_is_rejected()
    {
        CodiceFiscale.TryParse("RSSMRA45D25F20RN", out _, out var error).ShouldBeFalse();

        error.ShouldBe("Codice fiscale 'RSSMRA45D25F20RN': wrong check character: expected I got N");
    }

    [Theory]
    [InlineData("RSSMRAO5D25F205N", 7, 'O')]   // O is not an omocodia letter
    [InlineData("RSSMRA45D25F2A5N", 14, 'A')]
    [InlineData("RSSMRA45DW5F205N", 10, 'W')]
    public void a_letter_other_than_L_to_V_in_a_digit_position_is_rejected(string candidate, int position, char found)
    {
        CodiceFiscale.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe(
            $"Codice fiscale '{candidate}': invalid character '{found}' at position {position}: " +
            "expected a digit or an omocodia letter (L M N P Q R S T U V)");
    }

    [Fact]
    public void a_digit_in_a_letter_position_is_rejected()
    {
        CodiceFiscale.TryParse("R5SMRA45D25F205N", out _, out var error).ShouldBeFalse();

        error.ShouldBe("Codice fiscale 'R5SMRA45D25F205N': invalid character '5' at position 2: expected a letter");
    }

    [Fact]
    public void a_letter_that_is_no_month_is_rejected()
    {
        CodiceFiscale.TryParse("RSSMRA45F25F205N", out _, out var error).ShouldBeFalse();

        error.ShouldBe("Codice fiscale 'RSSMRA45F25F205N': invalid character 'F' at position 9: expected a month letter (A B C D E H L M P R S T)");
    }

    [Fact]
    public void a_digit_as_check_character_is_rejected()
    {
        CodiceFiscale.TryParse("RSSMRA45D25F2051", out _, out var error).ShouldBeFalse();

        error.ShouldContain("invalid character '1' at position 16");
    }

    [Theory]
    [InlineData("RSSMRA45D25F205", 15)]
    [InlineData("RSSMRA45D25F205NX", 17)]
    [InlineData("0036014044", 10)]
    public void a_wrong_length_is_rejected(string candidate, int length)
    {
        CodiceFiscale.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe(
            $"Codice fiscale '{candidate}': wrong length: expected 16 characters (person) " +
            $"or 11 digits (company or entity), got {length}");
    }

    [Fact]
    public void the_numeric_form_of_an_entity_is_accepted()
    {
        var value = CodiceFiscale.Parse("00360140446");

        value.IsNumeric.ShouldBeTrue();
        value.IsPersonal.ShouldBeFalse();
    }

    [Fact]
    public void the_numeric_form_is_checked_like_a_partita_iva()
    {
        CodiceFiscale.TryParse("00360140447", out _, out var error).ShouldBeFalse();

        error.ShouldBe("Codice fiscale '00360140447': wrong check digit: expected 6 got 7");
        CodiceFiscale.ComputeCheckDigit("8100089044").ShouldBe('2');
    }

    [Fact]
    public void a_numeric_form_with_a_letter_is_rejected_with_its_position()
    {
        CodiceFiscale.TryParse("8100089O442", out _, out var error).ShouldBeFalse();

        error.ShouldBe("Codice fiscale '8100089O442': invalid character 'O' at position 8: expected a digit");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void a_missing_value_is_rejected(string? candidate)
    {
        CodiceFiscale.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe("Codice fiscale is missing (null or blank)");
    }

    [Theory]
    [InlineData("RSSMRA45D25F20")]
    [InlineData("rssmra45d25f205")]
    [InlineData("RSSMRA45D25F20-")]
    public void computing_a_check_character_needs_fifteen_upper_case_letters_or_digits(string first15)
    {
        Should.Throw<ArgumentException>(() => CodiceFiscale.ComputeCheckCharacter(first15));
    }
}
