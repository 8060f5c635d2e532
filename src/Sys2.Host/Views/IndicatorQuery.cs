using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Invoices;
using Sys2.Invoices;
using Sys2.Workflows.Indicators;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Views;

/// <summary>One entity's ITP for one quarter, with the invoice cases behind it.</summary>
public sealed record TimelinessLine(string Tenant, PaymentTimelinessReport.Report Report);

/// <summary>
/// Gathers what the lead partner's indicators are computed from: each case's events, read with the engine's instant
/// (<see cref="DecidedAt"/>) and turned into <see cref="CaseFacts"/> by the engine's fold; the ITP from the invoice cases'
/// folded states through <see cref="PaymentTimelinessReport"/>. The figures themselves are <see cref="ProjectIndicators"/>'s.
/// Across entities the case summaries are found in one query over the entities the caller may see; each entity's events
/// are then read in that entity's own session, so no query ever reads outside the entities asked for.
/// </summary>
public static class IndicatorQuery
{
    /// <summary>
    /// The entities whose indicators a caller may read, with <see cref="Permission.AuditCases"/>: every entity for a role
    /// held over all of them (the lead partner, <c>*/pmo</c>: null), else her own (an entity's auditor or manager
    /// checks her own numbers); empty: none.
    /// </summary>
    public static IReadOnlyList<string>? VisibleTenants(Caller caller) =>
        caller.Memberships.Any(m => m.Tenant == Membership.AnyEntity && AccessRoles.Allows(m.Role, Permission.AuditCases))
            ? null
            : caller.TenantsFor(Permission.AuditCases);

    /// <param name="tenants">The entities to read; null: all of them.</param>
    /// <param name="procedure">A definition id: only its cases.</param>
    /// <param name="openedBy">Only cases opened on or before this day: a later one adds nothing to an earlier period.</param>
    public static async Task<IReadOnlyList<CaseFacts>> FactsAsync(IDocumentStore store, IReadOnlyList<string>? tenants, string? procedure,
        DateOnly? openedBy, CancellationToken ct)
    {
        var cases = await SummariesAsync(store, tenants, procedure, openedBy, ct);
        var facts = new List<CaseFacts>(cases.Count);
        foreach (var entity in cases.GroupBy(c => c.Tenant))
        {
            await using var session = store.QuerySession(entity.Key);
            var ids = entity.Select(c => c.Id).ToArray();
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamKey!.IsOneOf(ids))
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct);
            facts.AddRange(events.GroupBy(e => e.StreamKey!)
                .Select(stream => CaseFacts.From([.. stream.Select(e => new TimedEvent(e.Data, DecidedAt.Of(e) ?? e.Timestamp))])));
        }
        return facts;
    }

    /// <summary>The ITP of each entity with invoice cases, for each quarter of the period.</summary>
    public static async Task<IReadOnlyList<TimelinessLine>> TimelinessAsync(IDocumentStore store, IReadOnlyList<string>? tenants,
        ReportingPeriod period, CancellationToken ct)
    {
        var invoices = await SummariesAsync(store, tenants, InvoiceIngest.DefinitionId, null, ct);
        return [.. invoices.GroupBy(c => c.Tenant).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(entity => QuartersOf(period).Select(q =>
                new TimelinessLine(entity.Key, PaymentTimelinessReport.Of(entity.Key, entity.Select(c => c.State), q))))];
    }

    public static IEnumerable<Quarter> QuartersOf(ReportingPeriod period) =>
        period.Quarter is { } q ? [new Quarter(period.Year, q)] : Enumerable.Range(1, 4).Select(n => new Quarter(period.Year, n));

    private static async Task<IReadOnlyList<CaseSummary>> SummariesAsync(IDocumentStore store, IReadOnlyList<string>? tenants, string? procedure,
        DateOnly? openedBy, CancellationToken ct)
    {
        if (tenants is { Count: 0 }) return [];
        await using var session = store.QuerySession();
        var query = tenants is null
            ? session.Query<CaseSummary>().Where(c => c.AnyTenant())
            : session.Query<CaseSummary>().Where(c => c.TenantIsOneOf(tenants.ToArray()));
        if (procedure is not null) query = query.Where(c => c.DefinitionId == procedure);
        if (openedBy is { } day)
        {
            var before = LegalCalendar.StartOfDay(day.AddDays(1));
            query = query.Where(c => c.OpenedAt < before);
        }
        return await query.ToListAsync(ct);
    }
}
