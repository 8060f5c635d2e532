using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Cases.Dossiers;
using Sys2.Host.Cli;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Tests.Cases;

/// <summary>
/// The dossier's offline check, without a database: a dossier as made verifies; a byte changed in an event or a
/// document, an event removed, a signature swapped or a dossier re-signed with another key is named; a file that is
/// not a dossier is told apart (exit 2). The chain is the engine's own (<see cref="AuditChain.HashOf"/>).
/// </summary>
public sealed class when_a_dossier_is_verified_offline : IDisposable
{
    const string CaseId = "SUAP-H769-2026-0000042";
    static readonly byte[] Segnalazione = Encoding.UTF8.GetBytes("%PDF-1.7 segnalazione certificata di inizio attività");
    static readonly byte[] Planimetria = Encoding.UTF8.GetBytes("%PDF-1.7 planimetria del locale, scala 1:100");

    readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    /// <summary>Three events chained as CaseService chains them, the documents they name, an anchor of the first two.</summary>
    static DossierContents Contents()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var rows = new List<StoredEvent>();
        var previous = "";
        void Append(string type, JsonObject data)
        {
            var headers = new JsonObject
            {
                [EventHeaders.Tenant] = "H769",
                [EventHeaders.User] = "chiara.neri",
                [EventHeaders.Role] = "clerk",
                [EventHeaders.Office] = "SUAP",
                [EventHeaders.Correlation] = Guid.NewGuid().ToString(),
                [EventHeaders.Causation] = null,
                [EventHeaders.At] = at.AddMinutes(rows.Count).ToString("O"),
                [EventHeaders.Definition] = "suap.scia@1#abc",
            };
            var row = new StoredEvent(rows.Count + 1, $"Sys2.Workflows.Cases.Events.{type}, Sys2.Workflows", data.ToJsonString(), headers.ToJsonString(), at);
            previous = AuditChain.HashOf(previous, row);
            headers[EventHeaders.Hash] = previous;
            rows.Add(row with { Headers = headers.ToJsonString() });
        }
        Append("CaseOpened", new JsonObject
        {
            ["caseId"] = CaseId,
            ["tenant"] = "H769",
            ["inputs"] = new JsonObject { ["segnalazione"] = new JsonObject { ["name"] = "segnalazione.pdf", ["mediaType"] = "application/pdf", ["sha256"] = Sha256Hex.Of(Segnalazione) } },
        });
        Append("DocumentAttached", new JsonObject
        {
            ["name"] = "planimetria.pdf",
            ["sha256"] = Sha256Hex.Of(Planimetria),
            ["mediaType"] = "application/pdf",
            ["size"] = Planimetria.Length,
            ["attachedBy"] = "chiara.neri",
        });
        Append("CaseClosed", new JsonObject { ["outcome"] = "withdrawn", ["step"] = "withdrawn", ["reason"] = "rinuncia" });

        var anchored = rows[1].StoredHash!;
        return new DossierContents(CaseId, "H769", at.AddDays(1), "anna.bianchi", rows,
            [new DossierDocument(Sha256Hex.Of(Segnalazione), Segnalazione, "segnalazione.pdf", "application/pdf", 1),
             new DossierDocument(Sha256Hex.Of(Planimetria), Planimetria, "planimetria.pdf", "application/pdf", 2)],
            [new DossierAnchor("2026-03-02", "chain-anchor-2026-03-02.txt", 2, anchored, $"H769 {CaseId} 2 {anchored}")],
            new DossierVerification(true, 2, "2026-03-02", null));
    }

    byte[] Dossier() => DossierWriter.Write(Contents(), _key);

    /// <summary>The dossier with its entries rewritten as a careful forger would: a well-formed zip, only the content changed.</summary>
    static byte[] Rezip(byte[] dossier, Func<string, byte[], byte[]?> change)
    {
        using var source = new ZipArchive(new MemoryStream(dossier), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var copy = new MemoryStream();
                read.CopyTo(copy);
                if (change(entry.FullName, copy.ToArray()) is not { } bytes) continue;
                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
        return buffer.ToArray();
    }

    static byte[] EditEvents(byte[] dossier, Func<List<DossierEvent>, List<DossierEvent>> edit) =>
        Rezip(dossier, (name, bytes) => name != DossierFormat.EventsEntry ? bytes
            : JsonSerializer.SerializeToUtf8Bytes(edit(JsonSerializer.Deserialize<List<DossierEvent>>(bytes, DossierFormat.Json)!), DossierFormat.Json));

    [Fact]
    public void a_dossier_as_made_verifies_and_its_origin_is_proved_with_the_published_key()
    {
        var dossier = Dossier();

        var carried = DossierVerifier.Verify(dossier);
        (carried.Outcome, carried.ExitCode, carried.OriginProved).ShouldBe((DossierOutcome.Verified, 0, false), string.Join("\n", carried.Problems));
        (carried.AnchoredVersion, carried.AnchoredDay).ShouldBe((2L, "2026-03-02"));
        carried.Lines().ShouldContain(l => l.Contains("origin checked only against the key the dossier carries"));

        var proved = DossierVerifier.Verify(dossier, DossierKey.PublicPem(_key));
        (proved.Outcome, proved.OriginProved).ShouldBe((DossierOutcome.Verified, true));
        DossierVerifier.Verify(dossier, DossierKey.Fingerprint(_key).ToUpperInvariant().Replace("SHA256:", "")).OriginProved.ShouldBeTrue();
    }

    [Fact]
    public void a_byte_changed_in_an_event_names_that_event()
    {
        var altered = EditEvents(Dossier(), events =>
            [.. events.Select(e => e.Version == 2 ? e with { Data = e.Data.Replace("chiara.neri", "chiara.nerl", StringComparison.Ordinal) } : e)]);

        var report = DossierVerifier.Verify(altered);

        (report.Outcome, report.ExitCode).ShouldBe((DossierOutcome.Altered, 1));
        report.Problems[0].ShouldStartWith("event 2 (DocumentAttached) does not match its hash");
        report.Problems.ShouldContain(p => p.Contains("the entry events.json is not the one the manifest lists"));
    }

    [Fact]
    public void a_byte_changed_in_a_document_names_the_document_and_the_event_that_names_it()
    {
        var path = DossierFormat.DocumentsFolder + Sha256Hex.Of(Planimetria);
        var altered = Rezip(Dossier(), (name, bytes) => name == path ? [.. bytes[..^1], (byte)(bytes[^1] ^ 1)] : bytes);

        var report = DossierVerifier.Verify(altered);

        report.Outcome.ShouldBe(DossierOutcome.Altered);
        report.Problems[0].ShouldStartWith("document 'planimetria.pdf' (named by event 2, DocumentAttached): its bytes hash to");
    }

    [Fact]
    public void a_removed_event_is_named_in_the_middle_and_at_the_end()
    {
        var middle = DossierVerifier.Verify(EditEvents(Dossier(), events => [.. events.Where(e => e.Version != 2)]));
        middle.Outcome.ShouldBe(DossierOutcome.Altered);
        middle.Problems[0].ShouldBe("event 2 is missing (the next one in events.json is 3)");

        var tail = DossierVerifier.Verify(EditEvents(Dossier(), events => [.. events.Where(e => e.Version != 3)]));
        tail.Outcome.ShouldBe(DossierOutcome.Altered);
        tail.Problems[0].ShouldStartWith("the chain ends at version 2");
    }

    [Fact]
    public void a_swapped_signature_does_not_verify()
    {
        var other = DossierWriter.Write(Contents(), _otherKey);
        var signature = Entry(other, DossierFormat.SignatureEntry);
        var swapped = Rezip(Dossier(), (name, bytes) => name == DossierFormat.SignatureEntry ? signature : bytes);

        var report = DossierVerifier.Verify(swapped);

        report.Outcome.ShouldBe(DossierOutcome.Altered);
        report.Problems.ShouldHaveSingleItem().ShouldStartWith("the manifest's signature does not verify");
    }

    [Fact]
    public void a_dossier_forged_and_signed_with_another_key_fails_only_against_the_published_key()
    {
        // Whoever rewrites the events and signs with a key of her own makes a dossier that is consistent with itself:
        // only the installation's published key tells it apart.
        var forged = DossierWriter.Write(Contents() with { ExportedBy = "falsario" }, _otherKey);

        DossierVerifier.Verify(forged).Outcome.ShouldBe(DossierOutcome.Verified);
        var report = DossierVerifier.Verify(forged, DossierKey.PublicPem(_key));
        (report.Outcome, report.OriginProved).ShouldBe((DossierOutcome.Altered, false));
        report.Problems.ShouldHaveSingleItem().ShouldContain($"not by the installation's key you gave ({DossierKey.Fingerprint(_key)})");
    }

    [Fact]
    public void an_entry_added_to_the_zip_is_named()
    {
        var report = DossierVerifier.Verify(AddEntry(Dossier(), "documents/extra.pdf", Planimetria));

        report.Outcome.ShouldBe(DossierOutcome.Altered);
        report.Problems.ShouldHaveSingleItem().ShouldBe("the entry documents/extra.pdf is not in the manifest: it was added");
    }

    [Fact]
    public void a_file_that_is_not_a_dossier_exits_2()
    {
        DossierVerifier.Verify(Encoding.UTF8.GetBytes("just some text")).ExitCode.ShouldBe(2);
        DossierVerifier.Verify(AddEntry(Rezip(Dossier(), (name, bytes) => name == DossierFormat.ManifestEntry ? null : bytes), "readme.txt", [1])).ExitCode.ShouldBe(2);
        DossierVerifier.Verify(Rezip(Dossier(), (name, bytes) => name == DossierFormat.ManifestEntry ? "{\"format\":\"other\"}"u8.ToArray() : bytes)).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task the_command_verifies_without_a_database_and_fails_after_one_byte_of_the_file_is_changed()
    {
        var folder = Directory.CreateTempSubdirectory("sys2-dossier-");
        try
        {
            var file = Path.Combine(folder.FullName, DossierFormat.FileName(CaseId));
            var dossier = Dossier();
            await File.WriteAllBytesAsync(file, dossier);
            var key = Path.Combine(folder.FullName, "sys2-dossier-key.pem");
            await File.WriteAllTextAsync(key, DossierKey.PublicPem(_key));

            var (code, output) = await VerifyDossierAsync(file, "--public-key", key);
            code.ShouldBe(0, output);
            output.ShouldContain("origin proved");
            output.ShouldContain("VERIFIED");

            // One byte of the file, inside the stored row of event 2 (its type, which the chain hashes).
            dossier[OffsetOf(dossier, "DocumentAttached")] ^= 0x01;
            await File.WriteAllBytesAsync(file, dossier);
            (code, output) = await VerifyDossierAsync(file, "--public-key", key);
            code.ShouldBe(1, output);
            output.ShouldContain("ALTERED");

            await File.WriteAllTextAsync(file, "not a zip");
            (code, output) = await VerifyDossierAsync(file);
            code.ShouldBe(2, output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The real command line, in process: no configuration, no connection string, no database.</summary>
    static async Task<(int Code, string Output)> VerifyDossierAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await HostCommandLine.RunAsync(["verify-dossier", .. args], output, error);
        return (code, output + error.ToString());
    }

    static int OffsetOf(byte[] file, string text) => file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));

    static byte[] Entry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    static byte[] AddEntry(byte[] zip, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(zip);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        using (var stream = archive.CreateEntry(name).Open())
            stream.Write(content);
        return buffer.ToArray();
    }
}
