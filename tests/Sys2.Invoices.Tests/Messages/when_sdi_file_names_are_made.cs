namespace Sys2.Invoices.Tests.Messages;

public class when_sdi_file_names_are_made
{
    [Fact]
    public void an_invoice_is_country_fiscal_code_and_progressive()
    {
        SdiFileNames.Invoice("IT", "01234567890", "00001").ShouldBe("IT01234567890_00001.xml");
        SdiFileNames.Invoice("IT", "01234567890", "A1b2C", signed: true).ShouldBe("IT01234567890_A1b2C.xml.p7m");
    }

    [Fact]
    public void a_message_is_the_invoice_stem_its_kind_and_a_three_digit_progressive()
    {
        SdiFileNames.Message("IT01234567890_00001.xml.p7m", SdiMessageKinds.RicevutaConsegna).ShouldBe("IT01234567890_00001_RC_001.xml");
        SdiFileNames.Message("IT01234567890_00001.xml", SdiMessageKinds.NotificaEsitoCommittente, 2).ShouldBe("IT01234567890_00001_EC_002.xml");
    }

    [Fact]
    public void a_message_name_parses_back_into_its_parts()
    {
        SdiFileNames.Parse("IT01234567890_00001_MT_001.xml").ShouldBe(new SdiFileName("IT", "01234567890", "00001", "MT", 1, false));
        SdiFileNames.Parse("IT01234567890_00001.xml.p7m").ShouldBe(new SdiFileName("IT", "01234567890", "00001", null, null, true));
    }

    [Theory]
    [InlineData("fattura.xml")]
    [InlineData("IT01234567890_000001.xml")]
    [InlineData("IT01234567890_00001_XX_001.xml")]
    [InlineData("IT01234567890_00001.pdf")]
    public void a_name_outside_the_convention_does_not_parse(string name)
    {
        SdiFileNames.Parse(name).ShouldBeNull();
    }

    [Fact]
    public void a_progressive_of_six_characters_is_refused()
    {
        Should.Throw<ArgumentException>(() => SdiFileNames.Invoice("IT", "01234567890", "000001")).Message.ShouldContain("'000001' is not a progressive");
    }
}
