using System.Text.Json.Nodes;
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
        var meta = new JsonObject();
        foreach (var key in EventHeaders.Covered) meta[key] = metadata.GetValueOrDefault(key);
        foreach (var key in EventHeaders.CoveredWhenPresent)
            if (metadata.TryGetValue(key, out var value) && value is not null) meta[key] = value;
        var canonicalEvent = CanonicalJson.Write(JsonNode.Parse(eventJson));
        return Sha256Hex.Of($"{previousHash}\n{eventType}\n{canonicalEvent}\n{CanonicalJson.Write(meta)}");
    }

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
