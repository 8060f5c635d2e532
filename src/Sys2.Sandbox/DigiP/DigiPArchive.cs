using System.Globalization;
using Sys2.Integrations.DigiP;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.DigiP;

/// <summary>
/// The hub's register of accepted SIPs. Rejections are not remembered against the idempotency
/// key, so a corrected SIP can be sent again under it; once a SIP is accepted, the key answers
/// that rapporto again, flagged as a replay: a redelivered call rebuilds its SIP with a new time
/// reference, so the bytes differ while the attempt is the same.
/// </summary>
public sealed class DigiPArchive(SipInspector inspector, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Accepted> _byKey = new(StringComparer.Ordinal);
    private readonly List<Accepted> _accepted = [];
    private readonly Dictionary<string, int> _sequence = new(StringComparer.OrdinalIgnoreCase);

    public sealed record Accepted(string Tenant, string Id, DateTimeOffset ReceivedAt, string SipDigest, int SipBytes);

    public abstract record Outcome;
    public sealed record Taken(Accepted Rapporto, bool Replayed) : Outcome;
    public sealed record Rejected(IReadOnlyList<RejectionReason> Reasons) : Outcome;
    public sealed record Refused(int Status, string Detail) : Outcome;

    public Outcome Submit(string tenant, string? idempotencyKey, byte[] sip)
    {
        if (EntityCatalogue.Load().ByTenantId(tenant) is null)
            return new Refused(404, $"'{tenant}' is not one of the aggregation's entities");
        var digest = Sha256Hex.Of(sip);
        lock (_gate)
        {
            if (idempotencyKey is not null && _byKey.TryGetValue(idempotencyKey, out var earlier))
                return new Taken(earlier, Replayed: true);
        }

        var reasons = inspector.Inspect(sip);
        if (reasons.Count > 0) return new Rejected(reasons);

        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var sequence = _sequence[tenant] = _sequence.GetValueOrDefault(tenant) + 1;
            var rapporto = new Accepted(tenant.ToUpperInvariant(),
                $"RdV-{tenant.ToUpperInvariant()}-{now.Year}-{sequence.ToString("D6", CultureInfo.InvariantCulture)}", now, digest, sip.Length);
            _accepted.Add(rapporto);
            if (idempotencyKey is not null) _byKey[idempotencyKey] = rapporto;
            return new Taken(rapporto, Replayed: false);
        }
    }

    public IReadOnlyList<Accepted> For(string tenant)
    {
        lock (_gate) return _accepted.Where(a => a.Tenant.Equals(tenant, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
