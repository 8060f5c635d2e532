using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Cases.Dossiers;

/// <summary>A document's bytes and what the case calls it, for the dossier.</summary>
public sealed record DossierDocument(string Sha256, byte[] Content, string? Name, string? MediaType, long NamedByVersion);

/// <summary>Everything a dossier holds, read from the installation (<see cref="CaseDossier"/>) or made by a test.</summary>
public sealed record DossierContents(
    string CaseId,
    string Tenant,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    IReadOnlyList<StoredEvent> Events,
    IReadOnlyList<DossierDocument> Documents,
    IReadOnlyList<DossierAnchor> Anchors,
    DossierVerification AtExport);

/// <summary>
/// Writes a dossier (<see cref="DossierFormat"/>): the events and documents as entries, a manifest that lists each
/// with its SHA-256, and the manifest signed with the dossier key. Pure: the same contents and key make a dossier
/// that verifies the same way, so the tests need no database.
/// </summary>
public static class DossierWriter
{
    public static byte[] Write(DossierContents contents, ECDsa key)
    {
        var events = JsonSerializer.SerializeToUtf8Bytes(contents.Events.Select(DossierEvent.Of).ToList(), DossierFormat.Json);
        var entries = new List<(DossierFile File, byte[] Bytes)> { (new DossierFile(DossierFormat.EventsEntry, Sha256Hex.Of(events), events.LongLength), events) };
        foreach (var d in contents.Documents.OrderBy(d => d.NamedByVersion).ThenBy(d => d.Sha256, StringComparer.Ordinal))
            entries.Add((new DossierFile(DossierFormat.DocumentsFolder + d.Sha256, Sha256Hex.Of(d.Content), d.Content.LongLength, d.Name, d.MediaType, d.NamedByVersion),
                d.Content));

        var spki = key.ExportSubjectPublicKeyInfo();
        var manifest = new DossierManifest(
            DossierFormat.Magic, contents.CaseId, contents.Tenant, contents.ExportedAt, contents.ExportedBy,
            contents.Events.Count, contents.Events.Count == 0 ? "" : contents.Events[^1].StoredHash ?? "",
            contents.AtExport, contents.Anchors, [.. entries.Select(e => e.File)],
            new DossierSigner(DossierFormat.Algorithm, Convert.ToBase64String(spki), DossierKey.Fingerprint(spki)));
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, DossierFormat.Json);
        var signature = key.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, DossierFormat.ManifestEntry, manifestBytes, contents.ExportedAt);
            Add(zip, DossierFormat.SignatureEntry, Encoding.ASCII.GetBytes(Convert.ToBase64String(signature) + "\n"), contents.ExportedAt);
            foreach (var (file, bytes) in entries) Add(zip, file.Path, bytes, contents.ExportedAt);
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, DateTimeOffset at)
    {
        // Stored, not deflated: each entry's bytes lie in the file as they are (an auditor's hex viewer finds the events'
        // text), and documents (PDF, p7m) are compressed already.
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = at;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
