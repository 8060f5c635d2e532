using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Sys2.Invoices.Tests.Messages;

/// <summary>
/// Every message written validates against MessaggiTypes v1.1, checked here with its own schema set loaded from the
/// shared fixtures (not the library's copy), and reads back as the same record.
/// </summary>
public class when_an_sdi_message_is_written
{
    public static TheoryData<string> Kinds() => [.. Support.Messages.OneOfEach().Select(m => m.Kind + (m is NotificaEsitoCommittente ec ? ec.Esito.ToString() : ""))];

    private static SdiMessage Message(string kind) =>
        Support.Messages.OneOfEach().First(m => m.Kind + (m is NotificaEsitoCommittente ec ? ec.Esito.ToString() : "") == kind);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void it_validates_against_the_official_schema(string kind)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = OfficialSchema.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");

        using (var reader = XmlReader.Create(new MemoryStream(SdiMessages.Write(Message(kind))), settings))
            while (reader.Read()) { }

        errors.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void it_reads_back_as_the_same_message(string kind)
    {
        var message = Message(kind);
        var written = SdiMessages.Write(message);

        var reading = SdiMessages.Read(written);

        reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", reading.Problems));
        reading.Message.ShouldBeOfType(message.GetType());
        // Every field is in the bytes (the RSA signature of the same bytes with the same key is the same too).
        SdiMessages.Write(reading.Message!).ShouldBe(written);
        reading.Message!.IdentificativoSdI.ShouldBe(message.IdentificativoSdI);
        reading.Message.NomeFile.ShouldBe(message.NomeFile);
    }

    [Fact]
    public void the_root_is_in_sdis_namespace_with_the_types_prefix_and_version()
    {
        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(SdiMessages.Write(Message("RC")))).Root!;

        root.Name.ShouldBe(XName.Get("RicevutaConsegna", "http://www.fatturapa.gov.it/sdi/messaggi/v1.0"));
        root.GetPrefixOfNamespace(root.Name.Namespace).ShouldBe("types");
        root.Attribute("versione")!.Value.ShouldBe("1.0");
        root.Element("DataOraConsegna")!.Value.ShouldBe("2026-03-02T10:20:30.000+01:00");
    }

    [Fact]
    public void a_message_sdi_signs_carries_a_signature_that_verifies()
    {
        var reading = SdiMessages.Read(SdiMessages.Write(Message("RC")));

        reading.Signer.ShouldBe(SdiSandboxSigner.Certificate.Subject);
    }

    [Fact]
    public void a_signed_message_altered_after_signing_is_refused()
    {
        var text = System.Text.Encoding.UTF8.GetString(SdiMessages.Write(Message("RC"))).Replace("UFABCD", "UFZZZZ", StringComparison.Ordinal);

        var reading = SdiMessages.Read(System.Text.Encoding.UTF8.GetBytes(text));

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.SignatureInvalid);
    }

    [Fact]
    public void an_acceptance_is_not_signed_unless_a_signer_is_given()
    {
        var plain = XDocument.Parse(System.Text.Encoding.UTF8.GetString(SdiMessages.Write(Support.Messages.Accepted)));
        var signed = XDocument.Parse(System.Text.Encoding.UTF8.GetString(SdiMessages.Write(Support.Messages.Accepted, SelfSigned.Certificate)));

        plain.Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["IdentificativoSdI", "RiferimentoFattura", "Esito", "MessageIdCommittente"]);
        signed.Root!.Elements().Last().Name.LocalName.ShouldBe("Signature");
        SdiMessages.Read(System.Text.Encoding.UTF8.GetBytes(signed.ToString(SaveOptions.DisableFormatting))).Signer.ShouldBe(SelfSigned.Certificate.Subject);
    }

    private static readonly Lazy<XmlSchemaSet> OfficialSchema = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in (string[])["xmldsig-core-schema.xsd", "MessaggiTypes_v1.1.xsd"])
        {
            // The XML-DSig schema declares entities in an internal DTD: a trusted file, parsed as such.
            using var reader = XmlReader.Create(Path.Combine(Fixtures.FatturaPa, "xsd", file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
            set.Add(null, reader);
        }
        set.Compile();
        return set;
    });
}

public class when_an_outcome_is_refused_before_it_is_written
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_rejection_without_a_reason_is_refused(string? reason)
    {
        var rejection = new NotificaEsitoCommittente(Support.Messages.Id, Support.Messages.Invoice, EsitoCommittente.EC02, reason);

        SdiMessages.Check(rejection).ShouldHaveSingleItem().Message
            .ShouldBe("NotificaEsitoCommittente/Descrizione is empty: a rejection (EC02) must give the supplier its reason");
        Should.Throw<ArgumentException>(() => SdiMessages.Write(rejection));
    }

    [Fact]
    public void a_reason_over_255_characters_is_refused()
    {
        var rejection = Support.Messages.Rejected(new string('x', 256));

        SdiMessages.Check(rejection).ShouldHaveSingleItem().Message
            .ShouldBe("NotificaEsitoCommittente/Descrizione is 256 characters, over the 255 SdI accepts");
    }

    [Fact]
    public void a_reason_of_exactly_255_characters_is_written()
    {
        var rejection = Support.Messages.Rejected(new string('x', 255));

        SdiMessages.Check(rejection).ShouldBeEmpty();
        SdiMessages.Read(SdiMessages.Write(rejection)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void what_the_schema_refuses_is_refused_naming_the_element()
    {
        var tooLongId = new MetadatiInvioFile("111222333", Support.Messages.Invoice, "UFABCD", "FPA12", 1, "A-MESSAGE-ID-TOO-LONG");

        Should.Throw<ArgumentException>(() => SdiMessages.Write(tooLongId)).Message.ShouldContain("MessageId");
    }
}

public class when_an_sdi_message_is_received
{
    [Fact]
    public void a_message_of_another_namespace_is_refused()
    {
        var reading = SdiMessages.Read("""<RicevutaConsegna xmlns="urn:other" versione="1.0"/>"""u8.ToArray());

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.UnknownFormat);
    }

    [Fact]
    public void a_message_missing_an_element_is_refused_at_its_line()
    {
        var reading = SdiMessages.Read("""
            <types:MetadatiInvioFile xmlns:types="http://www.fatturapa.gov.it/sdi/messaggi/v1.0" versione="1.0">
              <IdentificativoSdI>111</IdentificativoSdI>
              <NomeFile>IT01234567890_00001.xml</NomeFile>
              <Formato>FPA12</Formato>
              <TentativiInvio>1</TentativiInvio>
              <MessageId>1</MessageId>
            </types:MetadatiInvioFile>
            """u8.ToArray());

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        var problem = reading.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(4);
        problem.Message.ShouldContain("CodiceDestinatario");
    }

    [Fact]
    public void an_entity_attack_in_a_message_is_refused_as_unsafe()
    {
        SdiMessages.Read(AttackFiles.ExternalEntity()).Verdict.ShouldBe(InvoiceVerdict.Unsafe);
    }
}
