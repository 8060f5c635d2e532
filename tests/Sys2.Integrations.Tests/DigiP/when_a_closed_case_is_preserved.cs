using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using Sys2.Integrations;
using Sys2.Integrations.DigiP;

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
        files.ShouldAllBe(f => (string?)f.Element(Sincro + "Hash")!.Attribute("hashFunction") == "SHA-256");
        Convert.ToHexStringLower(Convert.FromBase64String(files[2].Element(Sincro + "Hash")!.Value)).ShouldBe(sha);
        index.Element(Sincro + "Process")!.Element(Sincro + "Holder")!.Value.ShouldContain("San Benedetto del Tronto");

        var caseRecord = XDocument.Load(zip.GetEntry("documenti/01-pratica.xml")!.Open()).Root!;
        caseRecord.Element("Identificativo")!.Value.ShouldBe("c-2026-0001");
        caseRecord.Element("NumeroProtocollo")!.Value.ShouldBe("0000123");

        var metadata = XDocument.Load(zip.GetEntry("metadati/02-scia.pdf.p7m.xml")!.Open()).Root!;
        var impronta = metadata.Element("IdDoc")!.Element("ImprontaCrittografica")!;
        Convert.ToHexStringLower(Convert.FromBase64String(impronta.Element("Impronta")!.Value)).ShouldBe(sha);
        impronta.Element("Algoritmo")!.Value.ShouldBe("SHA-256");
        metadata.Element("DatiDiRegistrazione")!.Element("NumeroDocumento")!.Value.ShouldBe("0000123");
        metadata.Element("ChiaveDescrittiva")!.Element("Oggetto")!.Value.ShouldBe("SCIA – prot. 0000123");
        metadata.Element("Verifica")!.Element("FirmatoDigitalmente")!.Value.ShouldBe("true");
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
