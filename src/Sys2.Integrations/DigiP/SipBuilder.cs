using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Sys2.Workflows.Formats;

namespace Sys2.Integrations.DigiP;

/// <summary>A SIP (pacchetto di versamento) ready to send: the zip and its SHA-256, which the rapporto must echo.</summary>
public sealed record SubmissionPackage(string Id, byte[] Zip, string Sha256);

/// <summary>
/// Packs documents, one Allegato 5 metadata file each, and the SInCRO PIndex listing both into a
/// zip. Entry times are the package time, so the same inputs give the same bytes.
/// </summary>
public static class SipBuilder
{
    public const string DocumentsFolder = "documenti/";
    public const string MetadataFolder = "metadati/";

    public static SubmissionPackage Build(string packageId, IReadOnlyList<SipFile> files, SipAgent holder, DateTimeOffset time)
    {
        var contents = new List<(string Path, byte[] Bytes)>();
        var groups = new List<PIndex.Group>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var number = (i + 1).ToString("D2", CultureInfo.InvariantCulture);
            var documentPath = $"{DocumentsFolder}{number}-{SafeName(file.Name)}";
            var metadataPath = $"{MetadataFolder}{number}-{SafeName(file.Name)}.xml";
            var documentHash = SHA256.HashData(file.Content);
            var metadata = Xml.ToBytes(Allegato5Metadata.For(file, documentHash, holder));
            contents.Add((documentPath, file.Content));
            contents.Add((metadataPath, metadata));
            groups.Add(new PIndex.Group($"G{number}", file.Name,
            [
                new PIndex.Entry($"D{number}", documentPath, file.MediaType, documentHash),
                new PIndex.Entry($"M{number}", metadataPath, "application/xml", SHA256.HashData(metadata)),
            ]));
        }
        var index = Xml.ToBytes(PIndex.Build(packageId, groups, holder, holder, time));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (path, bytes) in contents.Prepend((PIndex.FileName, index)))
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = time;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        var packed = zip.ToArray();
        return new SubmissionPackage(packageId, packed, Sha256Hex.Of(packed));
    }

    /// <summary>A zip path segment from a user's file name: no folders, no traversal, no odd characters.</summary>
    public static string SafeName(string name)
    {
        var leaf = name.Replace('\\', '/').Split('/').LastOrDefault(s => s.Length > 0) ?? "documento";
        var safe = new string(leaf.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        if (safe.Length == 0) safe = "documento";
        return safe.Length > 100 ? safe[^100..] : safe;
    }
}
