using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using System.Text.Json.Nodes;
using Sys2.Integrations;
using Sys2.Integrations.DigiP;
using Sys2.Integrations.Tests.Harness;

namespace Sys2.Integrations.Tests.DigiP;

public sealed class when_a_closed_case_is_preserved
{
    private static readonly XNamespace Sincro = "http://www.uni.com/U3011/sincro-v2/";

    [Fact]
    public async Task the_hub_answers_a_rapporto_about_the_sip_that_was_sent()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);

        var result = await digip.ArchiveAsync(DigiPFixture.Archive(sha));

        result["id"]!.GetValue<string>().ShouldBe($"RdV-H769-{DateTime.UtcNow.Year}-000001");
        DateTimeOffset.Parse(result["receivedAt"]!.GetValue<string>()).ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        result["sipDigest"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(digip.Counter.LastRequestBody!)));
    }

    [Fact]
    public async Task the_sip_holds_the_case_record_and_the_document_each_with_metadata_listed_in_a_sincro_index()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);

        await digip.ArchiveAsync(DigiPFixture.Archive(sha));

        using var zip = new ZipArchive(new MemoryStream(digip.Counter.LastRequestBody!));
        var index = XDocument.Load(zip.GetEntry("PIndex.xml")!.Open()).Root!;
        index.Name.ShouldBe(Sincro + "PIndex");
        var files = index.Descendants(Sincro + "File").ToList();
        files.Select(f => f.Element(Sincro + "Path")!.Value).ShouldBe(
            ["documenti/01-pratica.xml", "metadati/01-pratica.xml.xml", "documenti/02-scia.pdf.p7m", "metadati/02-scia.pdf.p7m.xml"]);
        files.ShouldAllBe(f => (string?)f.Element(Sincro + "Hash")!.Attribute(Sincro + "hashFunction") == "SHA-256");
        Convert.ToHexStringLower(Convert.FromBase64String(files[2].Element(Sincro + "Hash")!.Value)).ShouldBe(sha);
        index.Element(Sincro + "Process")!.Element(Sincro + "Holder")!.Value.ShouldContain("San Benedetto del Tronto");

        var caseRecord = XDocument.Load(zip.GetEntry("documenti/01-pratica.xml")!.Open()).Root!;
        caseRecord.Element("Identificativo")!.Value.ShouldBe("c-2026-0001");
        caseRecord.Element("NumeroProtocollo")!.Value.ShouldBe("0000123");
        caseRecord.Element("DataProtocollo")!.Value.ShouldBe("2026-11-02");

        var metadata = XDocument.Load(zip.GetEntry("metadati/02-scia.pdf.p7m.xml")!.Open()).Root!;
        metadata.Name.LocalName.ShouldBe("DocumentoAmministrativoInformatico");
        var impronta = metadata.Element("IdDoc")!.Element("ImprontaCrittograficaDelDocumento")!;
        Convert.ToHexStringLower(Convert.FromBase64String(impronta.Element("Impronta")!.Value)).ShouldBe(sha);
        impronta.Element("Algoritmo")!.Value.ShouldBe("SHA-256");
        var protocollo = metadata.Element("DatiDiRegistrazione")!.Element("TipoRegistro")!.Element("ProtocolloOrdinario_ProtocolloEmergenza")!;
        protocollo.Element("NumeroProtocolloDocumento")!.Value.ShouldBe("0000123");
        protocollo.Element("DataProtocollazioneDocumento")!.Value.ShouldBe("2026-11-02");
        protocollo.Element("CodiceRegistro")!.Value.ShouldBe("PG");
        var pai = metadata.Element("Soggetti")!.Element("Ruolo")!.Element("PAI")!;
        pai.Element("IPAAmm")!.Element("CodiceIPA")!.Value.ShouldBe("c_h769");
        metadata.Element("Classificazione")!.Element("IndiceDiClassificazione")!.Value.ShouldBe("VIII.4");
        metadata.Element("Riservato")!.Value.ShouldBe("false");
        metadata.Element("Agg")!.Element("IdAgg")!.Element("IdAggregazione")!.Value.ShouldBe("c-2026-0001");
        metadata.Element("ChiaveDescrittiva")!.Element("Oggetto")!.Value.ShouldBe("SCIA – prot. 0000123");
        metadata.Element("Verifica")!.Element("FirmatoDigitalmente")!.Value.ShouldBe("true");
    }

    [Fact]
    public async Task the_pindex_is_valid_against_the_sincro_schema_the_hubs_bind_and_every_metadata_file_against_allegato_5()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);

        await digip.ArchiveAsync(DigiPFixture.Archive(sha));

        using var zip = new ZipArchive(new MemoryStream(digip.Counter.LastRequestBody!));
        var indexText = new StreamReader(zip.GetEntry("PIndex.xml")!.Open()).ReadToEnd();
        OfficialSchemas.PIndexProblems(indexText).ShouldBeEmpty();
        var index = XDocument.Parse(indexText).Root!;
        index.Attribute(Sincro + "sincroVersion")!.Value.ShouldBe("2.0");
        index.Attribute(Sincro + "language")!.Value.ShouldBe("it");
        index.Attribute(Sincro + "uri")!.Value.ShouldBe("http://www.uni.com/U3011/sincro-v2/PIndex.xsd");
        index.Elements(Sincro + "FileGroup").Count().ShouldBe(2); // directly under PIndex, one per document
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("metadati/", StringComparison.Ordinal)))
            Allegato5Metadata.Validate(XDocument.Load(entry.Open())).ShouldBeEmpty(entry.FullName);
    }

    [Fact]
    public void the_daily_register_sip_is_valid_against_both_schemas_too()
    {
        var sip = DailyRegister.Build("H769", "RGP", new DateOnly(2026, 11, 30), "registro.txt", "riga 1\n"u8.ToArray(), 1, new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));

        using var zip = new ZipArchive(new MemoryStream(sip.Zip));
        OfficialSchemas.PIndexProblems(new StreamReader(zip.GetEntry("PIndex.xml")!.Open()).ReadToEnd()).ShouldBeEmpty();
        var metadata = XDocument.Load(zip.Entries.Single(e => e.FullName.StartsWith("metadati/", StringComparison.Ordinal)).Open());
        Allegato5Metadata.Validate(metadata).ShouldBeEmpty();
        metadata.Root!.Element("DatiDiRegistrazione")!.Element("TipoRegistro")!.Element("Repertorio_Registro")!
            .Element("DataRegistrazioneDocumento")!.Value.ShouldBe("2026-11-30");
    }

    [Fact]
    public async Task the_whole_fascicolo_is_preserved_each_document_with_its_own_registration_and_the_entitys_class()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);
        var receipt = digip.Documents.Add("H769", "ricevuta di consegna PEC"u8.ToArray());
        var act = digip.Documents.Add("H769", "%PDF divieto di prosecuzione"u8.ToArray());
        var pecReceipt = digip.Documents.Add("H769", "ricevuta di avvenuta consegna del divieto"u8.ToArray());
        var esito = digip.Documents.Add("H769", "<NotificaEsitoCommittente/>"u8.ToArray());
        var input = DigiPFixture.Archive(sha);
        input["attachments"] = new JsonArray(
            new JsonObject { ["name"] = "ricevuta.eml", ["sha256"] = receipt, ["mediaType"] = "message/rfc822", ["protocolNumber"] = "0000131", ["protocolDate"] = "2026-11-20", ["documentType"] = "Ricevuta di consegna" },
            null,
            // Not a protocol entry: the PEC receipt is identified by its own message id and date (TipoRegistro Nessuno).
            new JsonObject { ["name"] = "consegna-divieto.eml", ["sha256"] = pecReceipt, ["mediaType"] = "message/rfc822", ["identifier"] = "opec21.20261120.ab12@pec.aruba.it", ["date"] = "2026-11-20", ["documentType"] = "Ricevuta di avvenuta consegna PEC" },
            // An SdI message sent at 23:30 UTC: dated in Italy, the next day.
            new JsonObject { ["name"] = "IT01234567890_00001_EC_001.xml", ["sha256"] = esito, ["mediaType"] = "application/xml", ["flow"] = "U", ["identifier"] = "4821937_6b1d0c", ["date"] = "2026-11-20T23:30:00Z", ["documentType"] = "Notifica di esito committente (EC)" });
        input["acts"] = new JsonArray(
            new JsonObject { ["protocolNumber"] = "0000130", ["protocolDate"] = "2026-11-19", ["documentType"] = "Divieto di prosecuzione", ["document"] = new JsonObject { ["name"] = "divieto.pdf", ["sha256"] = act, ["mediaType"] = "application/pdf" } },
            new JsonObject { ["protocolNumber"] = "0000135", ["protocolDate"] = "2026-11-25", ["documentType"] = "Comunicazione di conclusione" });

        await digip.ArchiveAsync(input);

        using var zip = new ZipArchive(new MemoryStream(digip.Counter.LastRequestBody!));
        var metadata = zip.Entries.Where(e => e.FullName.StartsWith("metadati/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName, e => XDocument.Load(e.Open()).Root!);
        metadata.Keys.ShouldBe(["metadati/01-pratica.xml.xml", "metadati/02-scia.pdf.p7m.xml", "metadati/03-divieto.pdf.xml", "metadati/04-ricevuta.eml.xml", "metadati/05-consegna-divieto.eml.xml", "metadati/06-IT01234567890_00001_EC_001.xml.xml"]);
        string Registered(string path) =>
            string.Join(" ", metadata[path].Element("DatiDiRegistrazione")!.Descendants().Where(e => !e.HasElements).Select(e => e.Value));
        Registered("metadati/02-scia.pdf.p7m.xml").ShouldBe("E 2026-11-02 0000123 PG");
        Registered("metadati/03-divieto.pdf.xml").ShouldBe("U 2026-11-19 0000130 PG");
        Registered("metadati/04-ricevuta.eml.xml").ShouldBe("E 2026-11-20 0000131 PG");
        Registered("metadati/05-consegna-divieto.eml.xml").ShouldBe("E 2026-11-20 opec21.20261120.ab12@pec.aruba.it");
        metadata["metadati/05-consegna-divieto.eml.xml"].Element("DatiDiRegistrazione")!.Element("TipoRegistro")!.Element("Nessuno").ShouldNotBeNull();
        metadata["metadati/05-consegna-divieto.eml.xml"].Element("TipologiaDocumentale")!.Value.ShouldBe("Ricevuta di avvenuta consegna PEC");
        Registered("metadati/06-IT01234567890_00001_EC_001.xml.xml").ShouldBe("U 2026-11-21 4821937_6b1d0c");
        metadata.Values.ShouldAllBe(m => m.Element("Classificazione")!.Element("IndiceDiClassificazione")!.Value == "VIII.4");
        metadata.Values.ShouldAllBe(m => m.Element("Agg")!.Element("IdAgg")!.Element("IdAggregazione")!.Value == "c-2026-0001");
        foreach (var m in metadata.Values) Allegato5Metadata.Validate(new XDocument(m)).ShouldBeEmpty();
        var acts = XDocument.Load(zip.GetEntry("documenti/01-pratica.xml")!.Open()).Root!.Element("Registrazioni")!.Elements("Atto").ToList();
        acts.Select(a => a.Element("NumeroProtocollo")!.Value + " " + a.Element("DataProtocollo")!.Value).ShouldBe(["0000130 2026-11-19", "0000135 2026-11-25"]);
        var own = XDocument.Load(zip.GetEntry("documenti/01-pratica.xml")!.Open()).Root!.Element("Registrazioni")!.Elements("Allegato").ToList();
        own.Select(a => a.Element("TipoRegistro")!.Value + " " + a.Element("NumeroProtocollo")!.Value + " " + a.Element("DataProtocollo")!.Value).ShouldBe(
            ["Protocollo Ordinario/Protocollo Emergenza 0000131 2026-11-20", "Nessuno opec21.20261120.ab12@pec.aruba.it 2026-11-20", "Nessuno 4821937_6b1d0c 2026-11-21"]);
        OfficialSchemas.PIndexProblems(new StreamReader(zip.GetEntry("PIndex.xml")!.Open()).ReadToEnd()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("protocolDate")]
    [InlineData("classification")]
    public async Task a_fascicolo_without_its_protocol_date_or_its_class_is_not_sent(string field)
    {
        await using var digip = await DigiPFixture.StartAsync();
        var input = DigiPFixture.Archive(digip.Documents.Add("H769", DigiPFixture.Segnalazione));
        input.Remove(field);

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(input));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain($"'{field}'");
        digip.Counter.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task the_same_idempotency_key_answers_the_same_rapporto()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);

        var first = await digip.ArchiveAsync(DigiPFixture.Archive(sha));
        var sip = new SubmissionPackage("again", digip.Counter.LastRequestBody!, first["sipDigest"]!.GetValue<string>());
        var again = await digip.Port.SubmitAsync("H769", sip, "c-2026-0001/archive/1", CancellationToken.None);

        again.ShouldBeOfType<RapportoDiVersamento>().Id.ShouldBe(first["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_call_redelivered_later_gets_the_first_rapporto_though_its_sip_has_a_new_time_reference()
    {
        var clock = new Harness.ShiftableClock();
        await using var digip = await DigiPFixture.StartAsync(clock: clock);
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);
        var first = await digip.ArchiveAsync(DigiPFixture.Archive(sha));
        var firstSip = digip.Counter.LastRequestBody!;

        clock.Advance(TimeSpan.FromHours(2));
        var again = await digip.ArchiveAsync(DigiPFixture.Archive(sha));

        digip.Counter.LastRequestBody.ShouldNotBe(firstSip);
        again["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        again["sipDigest"]!.GetValue<string>().ShouldBe(first["sipDigest"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_rejected_sip_fails_the_step_for_good_with_the_hubs_reasons()
    {
        // A hub stricter than the SIPs we build: an index nested deeper than one level is refused.
        await using var digip = await DigiPFixture.StartAsync(sandboxSettings: new() { ["Sandbox:DigiP:MaxIndexDepth"] = "1" });
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(DigiPFixture.Archive(sha)));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("SIP SIP-H769-c-2026-0001-archive rejected: PIndex.xml: nested deeper than 1 levels");
        digip.Counter.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task a_document_whose_content_is_not_stored_fails_clearly_and_for_good()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var missing = Convert.ToHexStringLower(SHA256.HashData(DigiPFixture.Segnalazione));

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(DigiPFixture.Archive(missing)));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("content of document 'scia.pdf.p7m'");
        failure.Message.ShouldContain("is not in the document store");
        digip.Counter.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task stored_content_that_does_not_hash_to_the_recorded_digest_is_not_preserved()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var recorded = new string('a', 64);
        digip.Documents.Put("H769", recorded, DigiPFixture.Segnalazione);

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(DigiPFixture.Archive(recorded)));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain($"not the {recorded} the case recorded");
    }
}
