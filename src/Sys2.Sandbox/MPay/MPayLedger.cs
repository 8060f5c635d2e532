using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Integrations;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats.PagoPa;

namespace Sys2.Sandbox.MPay;

/// <summary>
/// The simulator's debt positions, for all tenants. IUV bases are a sequence per segregation code, shared by the
/// entities that gave MPay the same code (an IUV need only be unique per entity, but one sequence keeps the
/// simulator's notice numbers unique across entities too); receipt ids come from the seeded source, so a run with
/// the same seed and calls is repeatable.
/// </summary>
public sealed class MPayLedger(SegregationCodes segregation, TimeProvider clock, int seed)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tenant, string Iupd), SandboxDebtPosition> _byIupd = new();
    private readonly Dictionary<string, SandboxDebtPosition> _byNotice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxDebtPosition> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sequence = new(StringComparer.OrdinalIgnoreCase);
    private readonly Random _random = new(seed);

    public abstract record Outcome;
    public sealed record Created(JsonObject Position) : Outcome;
    public sealed record Replayed(JsonObject Position) : Outcome;
    public sealed record Refused(int Status, string Detail) : Outcome;
    public sealed record Paid(JsonObject Receipt) : Outcome;
    public sealed record Found(JsonObject Position) : Outcome;

    /// <summary>The notice number of the <paramref name="sequence"/>-th IUV of a segregation code: aux 3, base = the sequence in 13 digits.</summary>
    public static NumeroAvviso NoticeFor(string segregationCode, long sequence) =>
        NumeroAvviso.ForAux3(segregationCode, sequence.ToString("D13", CultureInfo.InvariantCulture));

    public Outcome Create(string tenant, string? idempotencyKey, JsonObject? body, bool publish)
    {
        var code = segregation.For(tenant);
        if (code is null) return new Refused(404, $"organization '{tenant}' is not one of the aggregation's entities");
        var problems = new List<string>();
        var request = Read(body, problems);
        if (request is null || problems.Count > 0) return new Refused(400, string.Join("; ", problems));

        lock (_gate)
        {
            if (idempotencyKey is not null && _byKey.TryGetValue(idempotencyKey, out var earlier))
                return earlier.Tenant.Equals(tenant, StringComparison.OrdinalIgnoreCase) && earlier.Request.Iupd == request.Iupd
                    ? new Replayed(Snapshot(earlier))
                    : new Refused(422, $"Idempotency-Key '{idempotencyKey}' was used for another position ({earlier.Request.Iupd})");
            if (_byIupd.ContainsKey((tenant.ToUpperInvariant(), request.Iupd)))
                return new Refused(409, $"a debt position with IUPD '{request.Iupd}' already exists for {tenant}");

            var sequence = _sequence[code] = _sequence.GetValueOrDefault(code) + 1;
            var position = new SandboxDebtPosition(tenant, request, NoticeFor(code, sequence), idempotencyKey);
            // GPD publishes on request; with no validity date a published position is valid at once.
            if (publish) position.Status = DebtPositionStatus.Valid;
            _byIupd[(tenant.ToUpperInvariant(), request.Iupd)] = position;
            _byNotice[position.Notice.Value] = position;
            if (idempotencyKey is not null) _byKey[idempotencyKey] = position;
            return new Created(Snapshot(position));
        }
    }

    public Outcome Get(string tenant, string iupd)
    {
        lock (_gate)
            return _byIupd.TryGetValue((tenant.ToUpperInvariant(), iupd), out var position)
                ? new Found(Snapshot(position))
                : new Refused(404, $"no debt position '{iupd}' for {tenant}");
    }

    public Outcome Publish(string tenant, string iupd)
    {
        lock (_gate)
        {
            if (!_byIupd.TryGetValue((tenant.ToUpperInvariant(), iupd), out var position))
                return new Refused(404, $"no debt position '{iupd}' for {tenant}");
            if (position.Status != DebtPositionStatus.Draft)
                return new Refused(409, $"only a DRAFT position can be published; '{iupd}' is {position.Status.WireName()}");
            position.Status = DebtPositionStatus.Valid;
            return new Found(Snapshot(position));
        }
    }

    /// <summary>GPD's invalidate: a position not paid can no longer be paid (INVALID); a paid or closed one is refused with 409.</summary>
    public Outcome Invalidate(string tenant, string iupd)
    {
        lock (_gate)
        {
            if (!_byIupd.TryGetValue((tenant.ToUpperInvariant(), iupd), out var position))
                return new Refused(404, $"no debt position '{iupd}' for {tenant}");
            position.Age(clock.GetUtcNow());
            if (position.Status is not (DebtPositionStatus.Draft or DebtPositionStatus.Published or DebtPositionStatus.Valid or DebtPositionStatus.Expired))
                return new Refused(409, $"'{iupd}' is {position.Status.WireName()} and cannot be invalidated");
            position.Status = DebtPositionStatus.Invalid;
            return new Found(Snapshot(position));
        }
    }

    public Outcome FindNotice(string noticeNumber)
    {
        lock (_gate)
            return _byNotice.TryGetValue(noticeNumber, out var position)
                ? new Found(Snapshot(position))
                : new Refused(404, $"no avviso '{noticeNumber}'");
    }

    /// <summary>Pays the whole amount of an avviso (a PSP's payment), making the receipt to deliver.</summary>
    public Outcome Pay(string noticeNumber)
    {
        if (!NumeroAvviso.TryParse(noticeNumber, out var notice, out var error)) return new Refused(400, error);
        lock (_gate)
        {
            if (!_byNotice.TryGetValue(notice.Value, out var position)) return new Refused(404, $"no avviso '{notice}'");
            position.Age(clock.GetUtcNow());
            if (position.Status != DebtPositionStatus.Valid)
                return new Refused(409, $"avviso {notice} cannot be paid: the position is {position.Status.WireName()}");
            position.Status = DebtPositionStatus.Paid;
            position.PaidAt = clock.GetUtcNow();
            position.ReceiptId = Convert.ToHexStringLower(RandomBytes(16));
            return new Paid(position.Receipt());
        }
    }

    /// <summary>The body read into the record the adapter writes; every rule it breaks goes to <paramref name="problems"/>, each naming its field.</summary>
    private static DebtPositionRequest? Read(JsonObject? body, List<string> problems)
    {
        if (body is null)
        {
            problems.Add("body: a JSON object is required");
            return null;
        }

        DebtPositionBody wire;
        try
        {
            wire = new WireBody(MPayHttpAdapter.System, "invalid debt position").Read<DebtPositionBody>(body);
        }
        catch (IntegrationException e)
        {
            problems.Add(e.Message);
            return null;
        }

        var request = wire.ToRequest(problems);
        if (request is not null) problems.AddRange(request.Problems());
        return request;
    }

    private JsonObject Snapshot(SandboxDebtPosition position)
    {
        position.Age(clock.GetUtcNow());
        return position.ToJson();
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
