using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Cases.Dossiers;

public enum DossierOutcome
{
    /// <summary>Every hash, digest and the signature check out.</summary>
    Verified,

    /// <summary>It is a dossier, and something in it is not what was signed.</summary>
    Altered,

    /// <summary>Not a dossier at all (not a zip, or a zip without a dossier's manifest).</summary>
    NotADossier,
}

/// <summary>
/// What the offline check found: every problem, the first one named first; what the chain and the anchors vouch
/// for; and whether the origin was proved against a key the auditor got elsewhere or only against the key the
/// dossier carries.
/// </summary>
public sealed record DossierReport(
    DossierOutcome Outcome,
    IReadOnlyList<string> Problems,
    DossierManifest? Manifest = null,
    long? AnchoredVersion = null,
    string? AnchoredDay = null,
    bool OriginProved = false)
{
    public int ExitCode => Outcome switch { DossierOutcome.Verified => 0, DossierOutcome.Altered => 1, _ => 2 };

    public static DossierReport NotADossier(string why) => new(DossierOutcome.NotADossier, [why]);

    public IEnumerable<string> Lines()
    {
        if (Manifest is { } m)
        {
            yield return $"dossier of {m.CaseId} ({m.Tenant}), made {m.ExportedAt:yyyy-MM-dd HH:mm:ss zzz} by {m.ExportedBy}: "
                + $"{m.Events} event(s), {m.Files.Count(f => f.Path.StartsWith(DossierFormat.DocumentsFolder, StringComparison.Ordinal))} document(s)";
            yield return $"signed by the key {m.Signer.Fingerprint}";
        }
        foreach (var problem in Problems) yield return (Outcome == DossierOutcome.NotADossier ? "NOT A DOSSIER: " : "ALTERED: ") + problem;
        if (Outcome != DossierOutcome.Verified) yield break;
        yield return "chain intact: every event's hash recomputed from its stored data and headers"
            + (AnchoredVersion is { } v ? $"; the daily anchor of {AnchoredDay} vouches for versions 1..{v}" : "; no daily anchor yet");
        yield return "documents intact: each one's bytes hash to the SHA-256 its event names";
        yield return OriginProved
            ? "origin proved: the manifest is signed by the key you gave"
            : "origin checked only against the key the dossier carries: compare its fingerprint with the one the installation publishes "
              + "(GET /.well-known/sys2-dossier-key), or run again with --public-key <file|fingerprint>";
        yield return "VERIFIED";
    }
}

/// <summary>
/// Checks a dossier (<see cref="DossierFormat"/>) offline: recomputes the chain from the stored rows with the engine's own
/// <see cref="AuditChain.HashOf"/>, checks each anchor line against it, each document's bytes against the digest its
/// event names, each entry against the manifest, and the manifest against its ECDSA signature. Needs no database and no
/// configuration: only the file, and optionally the installation's published key.
/// </summary>
public static class DossierVerifier
{
    static readonly byte[] ZipMagic = [(byte)'P', (byte)'K', 3, 4];

    /// <param name="expectedKey">The installation's public key (PEM or SubjectPublicKeyInfo) or its fingerprint, as the auditor got it; null when she has none.</param>
    public static DossierReport Verify(byte[] file, string? expectedKey = null)
    {
        if (!file.AsSpan().StartsWith(ZipMagic)) return DossierReport.NotADossier("the file is not a zip archive");
        ZipArchive zip;
        try { zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read); }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return Altered(null, $"the archive is damaged ({e.Message}): a byte of it was changed");
        }
        using (zip)
        {
            var problems = new List<string>();
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                try
                {
                    using var stream = entry.Open();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    entries[entry.FullName] = copy.ToArray();
                }
                catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
                {
                    problems.Add($"the entry {entry.FullName} is damaged: its bytes no longer match the archive's checksum");
                }
            }
            if (!entries.TryGetValue(DossierFormat.ManifestEntry, out var manifestBytes))
                return problems.Any(p => p.Contains(DossierFormat.ManifestEntry, StringComparison.Ordinal))
                    ? Altered(null, problems[0])
                    : DossierReport.NotADossier($"the zip has no {DossierFormat.ManifestEntry}");
            DossierManifest? manifest;
            try { manifest = JsonSerializer.Deserialize<DossierManifest>(manifestBytes, DossierFormat.Json); }
            catch (JsonException) { manifest = null; }
            if (manifest?.Format != DossierFormat.Magic || manifest.Files is null || manifest.Signer is null || manifest.Anchors is null)
                return DossierReport.NotADossier($"its {DossierFormat.ManifestEntry} is not a '{DossierFormat.Magic}' manifest");

            var (anchoredVersion, anchoredDay) = CheckChain(manifest, entries, problems);
            CheckEntries(manifest, entries, problems);
            var originProved = CheckSignature(manifest, manifestBytes, entries, expectedKey, problems);
            return new DossierReport(problems.Count == 0 ? DossierOutcome.Verified : DossierOutcome.Altered, problems, manifest,
                anchoredVersion, anchoredDay, originProved);
        }
    }

    /// <summary>The chain of events.json, its anchor lines, and the documents its events name; the anchored version when all holds.</summary>
    private static (long? Version, string? Day) CheckChain(DossierManifest manifest, Dictionary<string, byte[]> entries, List<string> problems)
    {
        if (!entries.TryGetValue(DossierFormat.EventsEntry, out var bytes))
        {
            problems.Add($"{DossierFormat.EventsEntry} is missing");
            return (null, null);
        }
        List<DossierEvent>? events;
        try { events = JsonSerializer.Deserialize<List<DossierEvent>>(bytes, DossierFormat.Json); }
        catch (JsonException e)
        {
            problems.Add($"{DossierFormat.EventsEntry} is not readable ({e.Message})");
            return (null, null);
        }
        events ??= [];

        var computed = new Dictionary<long, string>();
        var previous = "";
        long expected = 1;
        foreach (var e in events)
        {
            if (e.Version != expected)
            {
                problems.Add($"event {expected} is missing (the next one in {DossierFormat.EventsEntry} is {e.Version})");
                break;
            }
            string hash;
            try { hash = AuditChain.HashOf(previous, e.Row); }
            catch (JsonException)
            {
                problems.Add($"event {e.Version} ({e.Row.Type}): its data or headers are not JSON any more");
                break;
            }
            if (e.Row.StoredHash != hash)
            {
                problems.Add($"event {e.Version} ({e.Row.Type}) does not match its hash: its data, headers or position were changed, or an event before it was removed");
                break;
            }
            computed[e.Version] = previous = hash;
            expected++;
        }
        if (problems.Count > 0) return (null, null);
        if (events.Count != manifest.Events || previous != manifest.ChainHead)
            problems.Add($"the chain ends at version {events.Count} ({Short(previous)}), the manifest says {manifest.Events} ({Short(manifest.ChainHead)}): events were removed or added at the end");

        DossierAnchor? vouched = null;
        foreach (var anchor in manifest.Anchors.OrderBy(a => a.Version))
        {
            var line = $"{manifest.Tenant} {manifest.CaseId} {anchor.Version} {anchor.Hash}";
            if (anchor.Line != line)
                problems.Add($"the anchor line of {anchor.Day} reads '{anchor.Line}', not '{line}'");
            else if (!computed.TryGetValue(anchor.Version, out var atVersion))
                problems.Add($"the anchor of {anchor.Day} vouches for version {anchor.Version}, the chain ends at {events.Count}: events were removed");
            else if (atVersion != anchor.Hash)
                problems.Add($"the anchor of {anchor.Day} recorded {Short(anchor.Hash)} at version {anchor.Version}, the chain hashes to {Short(atVersion)}: "
                    + "the chain was rewritten after that day");
            else vouched = anchor;
        }

        foreach (var e in events)
            foreach (var named in DossierFormat.DocumentsNamedIn(e.Data))
            {
                var label = $"document '{named.Name ?? named.Sha256}' (named by event {e.Version}, {e.Row.Type})";
                if (!entries.TryGetValue(DossierFormat.DocumentsFolder + named.Sha256, out var content))
                    problems.Add($"{label} is missing");
                else if (Sha256Hex.Of(content) is var actual && actual != named.Sha256)
                    problems.Add($"{label}: its bytes hash to {Short(actual)}, the event names {Short(named.Sha256)}");
            }
        return (vouched?.Version, vouched?.Day);
    }

    /// <summary>Every entry the manifest lists is there with its digest, and nothing else is.</summary>
    private static void CheckEntries(DossierManifest manifest, Dictionary<string, byte[]> entries, List<string> problems)
    {
        foreach (var file in manifest.Files)
        {
            if (!entries.TryGetValue(file.Path, out var content))
            {
                if (!problems.Any(p => p.Contains(file.Path, StringComparison.Ordinal))) problems.Add($"the entry {file.Path} is missing");
            }
            else if (Sha256Hex.Of(content) != file.Sha256)
                problems.Add($"the entry {file.Path} is not the one the manifest lists (its SHA-256 differs)");
        }
        var listed = manifest.Files.Select(f => f.Path).Append(DossierFormat.ManifestEntry).Append(DossierFormat.SignatureEntry).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in entries.Keys.Where(k => !listed.Contains(k)).Order(StringComparer.Ordinal))
            problems.Add($"the entry {extra} is not in the manifest: it was added");
    }

    /// <summary>The manifest's signature under the key it names; true when that key is also the one the auditor gave.</summary>
    private static bool CheckSignature(DossierManifest manifest, byte[] manifestBytes, Dictionary<string, byte[]> entries, string? expectedKey, List<string> problems)
    {
        byte[] spki;
        try { spki = Convert.FromBase64String(manifest.Signer.PublicKey); }
        catch (FormatException)
        {
            problems.Add("the manifest's public key is not base64");
            return false;
        }
        if (DossierKey.Fingerprint(spki) != manifest.Signer.Fingerprint)
            problems.Add($"the manifest's public key has the fingerprint {DossierKey.Fingerprint(spki)}, not the {manifest.Signer.Fingerprint} it claims");
        if (!entries.TryGetValue(DossierFormat.SignatureEntry, out var signatureText))
        {
            problems.Add($"{DossierFormat.SignatureEntry} is missing: the dossier is not signed");
            return false;
        }
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(spki, out _);
            var signature = Convert.FromBase64String(Encoding.ASCII.GetString(signatureText).Trim());
            if (!key.VerifyData(manifestBytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                problems.Add("the manifest's signature does not verify: the manifest was changed after it was signed, or signed with another key");
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            problems.Add($"the manifest's signature or key cannot be read ({e.Message})");
        }

        if (expectedKey is null) return false;
        var expected = FingerprintOf(expectedKey);
        if (expected is null)
        {
            problems.Add("the key given with --public-key is neither a PEM public key nor a fingerprint sha256:<64 hex digits>");
            return false;
        }
        if (expected != DossierKey.Fingerprint(spki))
        {
            problems.Add($"signed by the key {DossierKey.Fingerprint(spki)}, not by the installation's key you gave ({expected}): it does not come from that installation");
            return false;
        }
        return problems.Count == 0;
    }

    /// <summary>The fingerprint of a PEM public key, or the fingerprint itself as typed.</summary>
    public static string? FingerprintOf(string key)
    {
        if (!key.Contains("-----BEGIN", StringComparison.Ordinal)) return DossierKey.NormalizeFingerprint(key);
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(key);
            return DossierKey.Fingerprint(ecdsa);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    private static DossierReport Altered(DossierManifest? manifest, string problem) => new(DossierOutcome.Altered, [problem], manifest);

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
