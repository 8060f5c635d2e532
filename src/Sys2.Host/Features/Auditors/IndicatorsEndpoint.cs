using Marten;
using Sys2.Host.Access;
using Sys2.Host.Views;
using Sys2.Workflows.Indicators;

namespace Sys2.Host.Features.Auditors;

/// <summary>
/// The lead partner's indicators as data, with the facts of every case behind them, so a member entity can recompute
/// its own figures: <c>GET /api/indicators?year=2026&amp;quarter=1&amp;entity=H769&amp;procedure=suap.scia</c>. The lead
/// partner (<c>*/pmo</c>) reads every entity; an entity's auditor or manager reads her own.
/// </summary>
public static class IndicatorsEndpoint
{
    /// <summary>One case as the figures counted it.</summary>
    public sealed record CaseLine(string CaseId, string Entity, string Procedure, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? Outcome,
        TermVerdict Verdict, IReadOnlyList<TermEnding> Terms, IReadOnlyList<IncidentFact> Incidents);

    public sealed record Row(string Entity, string Procedure, IReadOnlyDictionary<Figure, int> Figures, decimal? ShareWithinTerm);

    public sealed record Answer(int Year, int? Quarter, IReadOnlyList<Row> Rows, IReadOnlyList<IncidentRow> Incidents,
        IReadOnlyList<TimelinessLine> Timeliness, IReadOnlyList<CaseLine> Cases);

    public static void MapIndicators(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/indicators", async Task<IResult> (int year, int? quarter, string? entity, string? procedure, Caller caller, IDocumentStore store,
            CancellationToken ct) =>
        {
            var visible = IndicatorQuery.VisibleTenants(caller);
            if (visible is { Count: 0 }) return Sys2.Host.Access.Access.Forbidden("your roles allow reading no entity's indicators").Refusal!;
            var chosen = entity is { Length: > 0 } e ? e.Trim().ToUpperInvariant() : null;
            if (chosen is not null && visible is not null && !visible.Contains(chosen)) return Sys2.Host.Access.Access.Hidden(chosen).Refusal!;
            if (!ReportingPeriod.IsValid(year, quarter))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["quarter"] = ["year 2000–2100, quarter 1–4 or none (the whole year)"] });
            var period = new ReportingPeriod(year, quarter);
            IReadOnlyList<string>? scope = chosen is not null ? [chosen] : visible;
            var facts = await IndicatorQuery.FactsAsync(store, scope, procedure is { Length: > 0 } ? procedure : null, period.LastDay, ct);
            var report = ProjectIndicators.Compute(facts, period);
            var counted = facts.Where(f => Enum.GetValues<Figure>().Any(figure => ProjectIndicators.Count(f, figure, period) > 0))
                .OrderBy(f => f.Tenant, StringComparer.Ordinal).ThenBy(f => f.CaseId, StringComparer.Ordinal)
                .Select(f => new CaseLine(f.CaseId, f.Tenant, f.DefinitionId, f.OpenedAt, f.ClosedAt, f.Outcome, f.Verdict, f.Terms, f.Incidents));
            return Results.Ok(new Answer(year, quarter,
                [.. report.Rows.Select(r => new Row(r.Tenant, r.DefinitionId, r.Figures, r.ShareWithinTerm))], report.Incidents,
                await IndicatorQuery.TimelinessAsync(store, scope, period, ct), [.. counted]));
        }).Produces<Answer>();
}
