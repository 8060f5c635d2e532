namespace Sys2.Invoices.Tests.Reading;

/// <summary>What SdI checks beyond the schema about the transmission: the format and the recipient's code agree.</summary>
public class when_a_file_goes_to_the_wrong_kind_of_recipient
{
    private static InvoiceFileReading Read(string from, string to) =>
        InvoiceFiles.Read(System.Text.Encoding.UTF8.GetBytes(Fixtures.SampleText("IT01234567890_FPA01.xml").Replace(from, to, StringComparison.Ordinal)), "a.xml");

    [Fact]
    public void an_fpa12_to_a_seven_character_code_is_refused()
    {
        var reading = Read("<CodiceDestinatario>AAAAAA</CodiceDestinatario>", "<CodiceDestinatario>ABC1234</CodiceDestinatario>");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Message.ShouldBe(
            "line 11: DatiTrasmissione/CodiceDestinatario 'ABC1234' has 7 characters: an FPA12 goes to a PA office, named by its 6-character IPA codice univoco ufficio (SdI code 00427)");
    }

    [Fact]
    public void a_format_that_is_not_the_files_version_is_refused()
    {
        var reading = Read("<FormatoTrasmissione>FPA12</FormatoTrasmissione>", "<FormatoTrasmissione>FPR12</FormatoTrasmissione>");

        reading.Problems.ShouldHaveSingleItem().Message.ShouldBe(
            "line 10: DatiTrasmissione/FormatoTrasmissione 'FPR12' is not the file's versione 'FPA12' (SdI code 00428)");
    }
}
