using Sys2.Workflows.Formats.PagoPa;

namespace Sys2.Workflows.Tests.Formats;

public class when_building_a_numero_avviso
{
    [Fact]
    public void aux_3_segregation_02_base_0000000012345_gives_avviso_302000000001234559()
    {
        // DOMAIN.md §4: 3020000000012345 mod 93 = 59.
        var avviso = NumeroAvviso.ForAux3("02", "0000000012345");

        avviso.Value.ShouldBe("302000000001234559");
        avviso.Iuv.Value.ShouldBe("02000000001234559");
        avviso.AuxDigit.ShouldBe(3);
        avviso.SegregationCode.ShouldBe("02");
        avviso.IuvBase.ShouldBe("0000000012345");
        avviso.CheckDigits.ShouldBe("59");
    }

    [Fact]
    public void the_check_digits_are_the_preceding_number_mod_93()
    {
        NumeroAvviso.ComputeCheckDigits("3020000000012345").ShouldBe("59");
    }

    [Fact]
    public void check_digits_below_ten_are_zero_padded()
    {
        // 10^15 mod 93 = 1 (10^3 = 70, 10^6 = 64, 10^12 = 4, 10^15 = 4 * 70 = 280 = 3*93 + 1),
        // so 3000000000000000 mod 93 = 3.
        var avviso = NumeroAvviso.ForAux3("00", "0000000000000");

        avviso.CheckDigits.ShouldBe("03");
        avviso.Value.ShouldBe("300000000000000003");
    }

    [Fact]
    public void a_remainder_of_zero_gives_check_digits_00()
    {
        // 3470000000000070 = 93 * 37311827956990
        NumeroAvviso.ComputeCheckDigits("3470000000000070").ShouldBe("00");
    }

    [Fact]
    public void the_largest_aux_3_number_does_not_overflow()
    {
        // 3999999999999999 = 4 * 10^15 - 1; 10^15 mod 93 = 1, so 4 - 1 = 3.
        NumeroAvviso.ForAux3("99", "9999999999999").CheckDigits.ShouldBe("03");
    }

    [Fact]
    public void the_iuv_alone_is_built_the_same_way()
    {
        var iuv = Iuv.ForAux3("02", "0000000012345");

        iuv.Value.ShouldBe("02000000001234559");
        iuv.SegregationCode.ShouldBe("02");
        iuv.Base.ShouldBe("0000000012345");
        iuv.CheckDigits.ShouldBe("59");
        NumeroAvviso.FromIuv(iuv).ShouldBe(NumeroAvviso.ForAux3("02", "0000000012345"));
    }

    [Theory]
    [InlineData("2", "0000000012345", "segregationCode")]
    [InlineData("002", "0000000012345", "segregationCode")]
    [InlineData("0a", "0000000012345", "segregationCode")]
    [InlineData("02", "000000001234", "iuvBase")]
    [InlineData("02", "00000000123456", "iuvBase")]
    [InlineData("02", "000000001234x", "iuvBase")]
    public void parts_of_the_wrong_shape_are_rejected(string segregationCode, string iuvBase, string parameter)
    {
        var ex = Should.Throw<ArgumentException>(() => NumeroAvviso.ForAux3(segregationCode, iuvBase));

        ex.ParamName.ShouldBe(parameter);
    }

    [Fact]
    public void a_default_iuv_cannot_make_an_avviso()
    {
        Should.Throw<ArgumentException>(() => NumeroAvviso.FromIuv(default));
    }
}
