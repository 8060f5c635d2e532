using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Cases.Dossiers;

/// <summary>
/// A case's verifiable dossier: one zip, <c>pratica-&lt;id&gt;.sys2dossier.zip</c>, that an auditor outside the entity
/// checks offline with <c>verify-dossier</c>, without the database, the configuration or the installation's keys.
/// </summary>
/// <remarks>
/// <code>
/// manifest.json          what the dossier holds, every other entry with its SHA-256, the case's anchor lines,
///                        the public key that signed it (see DossierManifest)
/// manifest.sig           ECDSA P-256 over SHA-256 of manifest.json's bytes (IEEE P1363 r||s, base64)
/// events.json            the stream's rows as PostgreSQL holds them: version, .NET type, data and headers as the
///                        stored JSON text, so every hash of the chain can be recomputed (AuditChain.HashOf)
/// documents/&lt;sha256&gt;     the bytes of every document the events name by digest
/// </code>
/// Why a zip of plain files and not one JSON: documents stay bytes (no base64 of megabytes), and anyone can
/// unzip it and read the events and the anchor lines with a text editor. Why ECDSA besides the HMAC anchors:
/// the anchors' HMAC key is the installation's secret; an outside auditor can check a signature only against
/// a public key, which the installation publishes at <c>/.well-known/sys2-dossier-key</c>.
/// </remarks>
public static class DossierFormat
{
    public const string Magic = "sys2-dossier 1";
    public const string ManifestEntry = "manifest.json";
    public const string SignatureEntry = "manifest.sig";
    public const string EventsEntry = "events.json";
    public const string DocumentsFolder = "documents/";
    public const string Algorithm = "ECDSA P-256 SHA-256";
    public const string MediaType = "application/zip";

    public static string FileName(string caseId) => $"pratica-{caseId}.sys2dossier.zip";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The document digests an event names: every <c>sha256</c> property holding a SHA-256, at any depth (an
    /// attachment's <c>DocumentAttached</c>, the documents filed with <c>CaseOpened</c>'s inputs). Read the same
    /// way when the dossier is made and when it is checked, without the definition, which an outside auditor lacks.
    /// </summary>
    public static IReadOnlyList<NamedDocument> DocumentsNamedIn(string eventJson)
    {
        var found = new List<NamedDocument>();
        Walk(JsonNode.Parse(eventJson), found);
        return [.. found.DistinctBy(d => d.Sha256)];

        static void Walk(JsonNode? node, List<NamedDocument> found)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, value) in o)
                    {
                        if (name.Equals("sha256", StringComparison.OrdinalIgnoreCase) && Text(value) is { } digest && Sha256Hex.IsDigest(digest))
                            found.Add(new NamedDocument(digest.ToLowerInvariant(), Text(Sibling(o, "name")), Text(Sibling(o, "mediaType"))));
                        else Walk(value, found);
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item, found);
                    break;
            }
        }

        // The store's serializer may write camelCase or the records' own names: accept both.
        static JsonNode? Sibling(JsonObject o, string name) => o[name] ?? o[char.ToUpperInvariant(name[0]) + name[1..]];

        static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
    }
}

/// <summary>A document an event names by its SHA-256, with the name and media type beside it when the event gives them.</summary>
public sealed record NamedDocument(string Sha256, string? Name, string? MediaType);

/// <summary>One stored event in <c>events.json</c>: the row of <c>mt_events</c>, its JSON kept as the text PostgreSQL returned.</summary>
public sealed record DossierEvent(long Version, string DotnetType, DateTimeOffset RecordedAt, string Data, string? Headers)
{
    public StoredEvent Row => new(Version, DotnetType, Data, Headers, RecordedAt);

    public static DossierEvent Of(StoredEvent row) => new(row.Version, row.DotnetType, row.RecordedAt, row.Data, row.Headers);
}

/// <summary>An entry of the zip and its SHA-256; for a document, also what the case calls it.</summary>
public sealed record DossierFile(string Path, string Sha256, long Size, string? Name = null, string? MediaType = null, long? NamedByVersion = null);

/// <summary>
/// A daily anchor's line for this case, as the signed anchor file of <see cref="Day"/> holds it (<see cref="Line"/>):
/// on that day its chain stood at <see cref="Version"/> with <see cref="Hash"/>. Its HMAC can be checked only with the
/// installation's key; the entity's preservation system (DigiP) keeps the same line in its copy of the day's extract.
/// </summary>
public sealed record DossierAnchor(string Day, string File, long Version, string Hash, string Line);

/// <summary>What the installation said of the chain when it made the dossier (against its database and its anchor folder).</summary>
public sealed record DossierVerification(bool Intact, long? AnchoredVersion, string? AnchoredDay, string? Problem);

public sealed record DossierSigner(string Algorithm, string PublicKey, string Fingerprint);

/// <summary>The signed table of contents of a dossier.</summary>
public sealed record DossierManifest(
    string Format,
    string CaseId,
    string Tenant,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    int Events,
    string ChainHead,
    DossierVerification AtExport,
    IReadOnlyList<DossierAnchor> Anchors,
    IReadOnlyList<DossierFile> Files,
    DossierSigner Signer);
