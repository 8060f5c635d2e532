using Sys2.Workflows.Formats.PagoPa;

namespace Sys2.Workflows.Tests.Formats;

public class when_parsing_a_numero_avviso
{
    [Fact]
    public void the_domain_vector_302000000001234559_is_valid_and_split_into_its_parts()
    {
        NumeroAvviso.TryParse("302000000001234559", out var avviso, out var error).ShouldBeTrue(error);

        avviso.AuxDigit.ShouldBe(3);
        avviso.SegregationCode.ShouldBe("02");
        avviso.IuvBase.ShouldBe("0000000012345");
        avviso.CheckDigits.ShouldBe("59");
        avviso.Iuv.Value.ShouldBe("02000000001234559");
    }

    [Fact]
    public void surrounding_whitespace_is_trimmed()
    {
        NumeroAvviso.Parse(" 302000000001234559\n").Value.ShouldBe("302000000001234559");
    }

    [Fact]
    public void wrong_check_digits_are_rejected_naming_the_expected_ones()
    {
        var ex = Should.Throw<FormatException>(() => NumeroAvviso.Parse("302000000001234558"));

        ex.Message.ShouldStartWith("Numero avviso '302000000001234558': ");
        ex.Message.ShouldContain("wrong check digits: expected 59 got 58");
    }

    [Fact]
    public void a_changed_iuv_base_digit_is_caught_by_the_check_digits()
    {
        // 3020000000012346 mod 93 = 60 (one more than 59)
        NumeroAvviso.TryParse("302000000001234659", out _, out var error).ShouldBeFalse();

        error.ShouldContain("expected 60 got 59");
    }

    [Theory]
    [InlineData('0')]
    [InlineData('1')]
    [InlineData('2')]
    public void the_earlier_aux_digits_0_1_2_are_rejected_as_unsupported(char aux)
    {
        var candidate = aux + "02000000001234559";

        NumeroAvviso.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldStartWith($"Numero avviso '{candidate}': aux digit {aux} is not supported: only aux digit 3");
    }

    [Theory]
    [InlineData('4')]
    [InlineData('9')]
    public void aux_digits_above_3_are_rejected_as_undefined(char aux)
    {
        var candidate = aux + "02000000001234559";

        NumeroAvviso.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe($"Numero avviso '{candidate}': aux digit {aux} is not defined by pagoPA: expected 3");
    }

    [Theory]
    [InlineData("30200000000123455", 17)]
    [InlineData("3020000000012345590", 19)]
    public void a_wrong_length_is_rejected(string candidate, int length)
    {
        NumeroAvviso.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe($"Numero avviso '{candidate}': wrong length: expected 18 digits, got {length}");
    }

    [Fact]
    public void a_non_digit_is_rejected_with_its_position()
    {
        NumeroAvviso.TryParse("3020 0000 0001 234", out _, out var error).ShouldBeFalse();

        error.ShouldBe("Numero avviso '3020 0000 0001 234': invalid character ' ' at position 5: expected a digit");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void a_missing_value_is_rejected(string? candidate)
    {
        NumeroAvviso.TryParse(candidate, out _, out var error).ShouldBeFalse();

        error.ShouldBe("Numero avviso is missing (null or blank)");
    }

    [Fact]
    public void an_iuv_is_parsed_and_checked_on_its_own()
    {
        Iuv.Parse("02000000001234559").Base.ShouldBe("0000000012345");

        Iuv.TryParse("02000000001234558", out _, out var error).ShouldBeFalse();
        error.ShouldStartWith("IUV '02000000001234558': wrong check digits: expected 59 got 58");
    }

    [Fact]
    public void an_iuv_of_the_wrong_length_is_rejected()
    {
        Iuv.TryParse("020000000012345", out _, out var error).ShouldBeFalse();

        error.ShouldBe("IUV '020000000012345': wrong length: expected 17 digits, got 15");
    }

    [Fact]
    public void computing_check_digits_needs_digits()
    {
        Should.Throw<ArgumentException>(() => NumeroAvviso.ComputeCheckDigits(""));
        Should.Throw<ArgumentException>(() => NumeroAvviso.ComputeCheckDigits("30200000000I2345"));
    }
}
