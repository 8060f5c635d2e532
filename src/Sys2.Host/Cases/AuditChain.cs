using System.Buffers;
using System.Text;
using System.Text.Json;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Cases;

/// <summary>
/// The tamper-evident chain over a case stream: each event's <c>hash</c> header is
/// SHA-256(previous hash, event type, canonical JSON of the event, canonical JSON of its
/// metadata). Changing, removing or reordering any stored event breaks every hash after it.
/// </summary>
public static class AuditChain
{
    public static string Hash(string previousHash, string eventType, string eventJson, IReadOnlyDictionary<string, string?> metadata)
    {
        // The bytes SHA-256 reads are those of "{previous}\n{type}\n{canonical event}\n{canonical metadata}" in UTF-8,
        // written straight into one buffer: no node tree of the event, no intermediate strings.
        var preimage = new ArrayBufferWriter<byte>(eventJson.Length + 1024);
        Encoding.UTF8.GetBytes($"{previousHash}\n{eventType}\n", preimage);
        CanonicalJson.WriteTo(preimage, eventJson);
        Encoding.UTF8.GetBytes("\n", preimage);
        using (var writer = new Utf8JsonWriter(preimage))
        {
            // The metadata object in canonical (ordinal) key order: the covered headers always, null when missing;
            // the later ones only when present.
            writer.WriteStartObject();
            foreach (var (key, always) in MetadataKeys)
            {
                var value = metadata.GetValueOrDefault(key);
                if (value is null && !always) continue;
                writer.WritePropertyName(key);
                if (value is null) writer.WriteNullValue();
                else writer.WriteStringValue(value);
            }
            writer.WriteEndObject();
        }
        return Sha256Hex.Of(preimage.WrittenSpan);
    }

    private static readonly (string Key, bool Always)[] MetadataKeys =
    [
        .. EventHeaders.Covered.Select(k => (k, true)).Concat(EventHeaders.CoveredWhenPresent.Select(k => (k, false)))
            .OrderBy(k => k.Item1, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The hash a stored row must carry after <paramref name="previousHash"/>: the one computation the database's
    /// verifier (<see cref="AuditVerifier"/>) and a dossier's offline check (<see cref="Dossiers.DossierVerifier"/>) share.
    /// </summary>
    public static string HashOf(string previousHash, StoredEvent row)
    {
        var headers = row.HeaderValues();
        var metadata = EventHeaders.Covered.Concat(EventHeaders.CoveredWhenPresent).ToDictionary(k => k, headers.GetValueOrDefault);
        return Hash(previousHash, row.Type, row.Data, metadata);
    }
}
