using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Sys2.Integrations.DigiP;

namespace Sys2.Sandbox.DigiP;

/// <summary>
/// What the hub checks on a SIP before taking charge of it: a readable zip, a well-formed PIndex
/// (no DTD, bounded size and depth) with its Process, every listed file present and hashing to
/// its declared SHA-256, and no file the index does not list.
/// </summary>
public sealed class SipInspector(DigiPSandboxOptions limits)
{
    private const string Package = "(package)";

    public IReadOnlyList<RejectionReason> Inspect(byte[] sip)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(sip, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            return [new RejectionReason(Package, $"not a zip archive ({e.Message})")];
        }

        using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
                return [new RejectionReason(Package, $"{archive.Entries.Count} entries, more than the {limits.MaxEntries} accepted")];
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var reasons = new List<RejectionReason>();
            foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')))
                if (!entries.TryAdd(entry.FullName, entry))
                    reasons.Add(new RejectionReason(entry.FullName, "appears twice in the package"));

            if (!entries.TryGetValue(PIndex.FileName, out var indexEntry))
                return [.. reasons, new RejectionReason(PIndex.FileName, "missing: a SIP needs its SInCRO index")];
            var index = ReadIndex(indexEntry, reasons);
            if (index is null) return reasons;

            CheckProcess(index, reasons);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in index.Descendants(PIndex.Ns + "File"))
                CheckFile(file, entries, listed, reasons);
            foreach (var path in entries.Keys.Where(p => p != PIndex.FileName && !listed.Contains(p)))
                reasons.Add(new RejectionReason(path, "in the package but not listed in the PIndex"));
            return reasons;
        }
    }

    private XElement? ReadIndex(ZipArchiveEntry entry, List<RejectionReason> reasons)
    {
        var bytes = ReadBounded(entry, limits.MaxIndexCharacters);
        if (bytes is null)
        {
            reasons.Add(new RejectionReason(PIndex.FileName, $"larger than the {limits.MaxIndexCharacters} bytes accepted"));
            return null;
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxIndexCharacters,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            // A first pass bounds the depth, which XmlReader does not; only then is a tree built.
            using (var reader = XmlReader.Create(new MemoryStream(bytes), settings))
                while (reader.Read())
                    if (reader.Depth > limits.MaxIndexDepth)
                    {
                        reasons.Add(new RejectionReason(PIndex.FileName, $"nested deeper than {limits.MaxIndexDepth} levels"));
                        return null;
                    }
            using var second = XmlReader.Create(new MemoryStream(bytes), settings);
            var root = XDocument.Load(second).Root!;
            if (root.Name != PIndex.Ns + "PIndex")
            {
                reasons.Add(new RejectionReason(PIndex.FileName, $"the root is {root.Name}, not PIndex in {PIndex.Ns}"));
                return null;
            }
            return root;
        }
        catch (XmlException e)
        {
            reasons.Add(new RejectionReason(PIndex.FileName, $"not acceptable XML: {e.Message}"));
            return null;
        }
    }

    private static void CheckProcess(XElement index, List<RejectionReason> reasons)
    {
        var process = index.Element(PIndex.Ns + "Process");
        foreach (var part in new[] { "Submitter", "Holder", "TimeReference" })
            if (process?.Element(PIndex.Ns + part) is null)
                reasons.Add(new RejectionReason(PIndex.FileName, $"Process/{part} is missing"));
    }

    private void CheckFile(XElement file, Dictionary<string, ZipArchiveEntry> entries, HashSet<string> listed, List<RejectionReason> reasons)
    {
        var id = file.Element(PIndex.Ns + "ID")?.Value ?? "(no ID)";
        var path = file.Element(PIndex.Ns + "Path")?.Value;
        var hash = file.Element(PIndex.Ns + "Hash");
        if (string.IsNullOrWhiteSpace(path))
        {
            reasons.Add(new RejectionReason(id, "File has no Path"));
            return;
        }
        listed.Add(path);
        if (hash is null || (string?)hash.Attribute(PIndex.Ns + "hashFunction") != PIndex.HashFunction)
        {
            reasons.Add(new RejectionReason(path, $"File {id} has no Hash with hashFunction=\"{PIndex.HashFunction}\""));
            return;
        }
        byte[] declared;
        try
        {
            declared = Convert.FromBase64String(hash.Value.Trim());
        }
        catch (FormatException)
        {
            reasons.Add(new RejectionReason(path, $"the Hash of File {id} is not base64"));
            return;
        }
        if (!entries.TryGetValue(path, out var entry))
        {
            reasons.Add(new RejectionReason(path, $"listed in the PIndex as {id} but not in the package"));
            return;
        }
        var content = ReadBounded(entry, limits.MaxEntryBytes);
        if (content is null)
        {
            reasons.Add(new RejectionReason(path, $"larger than the {limits.MaxEntryBytes} bytes accepted per file"));
            return;
        }
        var actual = SHA256.HashData(content);
        if (!actual.AsSpan().SequenceEqual(declared))
            reasons.Add(new RejectionReason(path, "its SHA-256 does not match the PIndex",
                Convert.ToHexStringLower(declared), Convert.ToHexStringLower(actual)));
    }

    private static byte[]? ReadBounded(ZipArchiveEntry entry, long max)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > max) return null;
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
