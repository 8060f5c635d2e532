namespace Sys2.Workflows.Indicators;

/// <summary>The figures the lead partner reports; each names the cases behind it (<see cref="ProjectIndicators.Count"/>).</summary>
public enum Figure
{
    /// <summary>Cases opened in the period.</summary>
    Opened,
    /// <summary>Cases closed in the period.</summary>
    Closed,
    /// <summary>Closed in the period and judged against a legal term (within or out of it).</summary>
    Judged,
    /// <summary>Closed in the period within every legal term they ran.</summary>
    WithinTerm,
    /// <summary>Closed in the period after a term ran out or past a due date.</summary>
    OutOfTerm,
    /// <summary>Silenzi-assensi formed in the period.</summary>
    SilenceAssents,
    /// <summary>Incidents raised in the period.</summary>
    IncidentsRaised,
    /// <summary>Of those, the ones still open.</summary>
    IncidentsOpen,
    /// <summary>Incidents resolved in the period.</summary>
    IncidentsResolved,
}

/// <summary>One entity's figures for one procedure (definition) in the period.</summary>
public sealed record IndicatorRow(string Tenant, string DefinitionId, IReadOnlyDictionary<Figure, int> Figures)
{
    public int this[Figure figure] => Figures.GetValueOrDefault(figure);

    /// <summary>The share decided within the legal term, of the cases judged; null when none was.</summary>
    public decimal? ShareWithinTerm => ProjectIndicators.Share(this[Figure.WithinTerm], this[Figure.Judged]);
}

/// <summary>One entity's incidents with one regional system in the period.</summary>
public sealed record IncidentRow(string Tenant, string System, int Raised, int Open, int Resolved);

/// <summary>What the calculator answers: rows per entity and procedure, incidents per entity and regional system.</summary>
public sealed record IndicatorReport(ReportingPeriod Period, IReadOnlyList<IndicatorRow> Rows, IReadOnlyList<IncidentRow> Incidents)
{
    public int Total(Figure figure) => Rows.Sum(r => r[figure]);

    public decimal? ShareWithinTerm => ProjectIndicators.Share(Total(Figure.WithinTerm), Total(Figure.Judged));
}

/// <summary>
/// The lead partner's indicators across the entities, pure over the cases' facts (<see cref="CaseFacts"/>): one
/// definition of each figure (<see cref="Count"/>), used both to add the figures up and to list the cases behind one,
/// so a figure and its list cannot disagree, and any entity that reads its own events gets its own numbers.
/// </summary>
public static class ProjectIndicators
{
    /// <param name="procedure">A definition id to keep only its cases; null: every procedure.</param>
    public static IndicatorReport Compute(IEnumerable<CaseFacts> cases, ReportingPeriod period, string? procedure = null)
    {
        var kept = cases.Where(c => procedure is null || c.DefinitionId == procedure).ToList();
        var rows = kept
            .GroupBy(c => (c.Tenant, c.DefinitionId))
            .Select(g => new IndicatorRow(g.Key.Tenant, g.Key.DefinitionId,
                Enum.GetValues<Figure>().ToDictionary(f => f, f => g.Sum(c => Count(c, f, period)))))
            .Where(r => r.Figures.Values.Any(v => v > 0))
            .OrderBy(r => r.Tenant, StringComparer.Ordinal).ThenBy(r => r.DefinitionId, StringComparer.Ordinal)
            .ToList();
        var incidents = kept
            .SelectMany(c => c.Incidents.Select(i => (c.Tenant, Incident: i)))
            .GroupBy(x => (x.Tenant, x.Incident.System))
            .Select(g => new IncidentRow(g.Key.Tenant, g.Key.System,
                g.Count(x => period.Contains(x.Incident.RaisedAt)),
                g.Count(x => period.Contains(x.Incident.RaisedAt) && x.Incident.ResolvedAt is null),
                g.Count(x => x.Incident.ResolvedAt is { } at && period.Contains(at))))
            .Where(r => r.Raised + r.Resolved > 0)
            .OrderBy(r => r.Tenant, StringComparer.Ordinal).ThenBy(r => r.System, StringComparer.Ordinal)
            .ToList();
        return new IndicatorReport(period, rows, incidents);
    }

    /// <summary>How much one case adds to a figure in the period (0: it is not behind it).</summary>
    /// <param name="system">For the incident figures: only this regional system's incidents.</param>
    public static int Count(CaseFacts c, Figure figure, ReportingPeriod period, string? system = null)
    {
        var closedInPeriod = c.ClosedAt is { } closed && period.Contains(closed);
        var incidents = c.Incidents.Where(i => system is null || i.System == system);
        return figure switch
        {
            Figure.Opened => period.Contains(c.OpenedAt) ? 1 : 0,
            Figure.Closed => closedInPeriod ? 1 : 0,
            Figure.Judged => closedInPeriod && c.Verdict is TermVerdict.WithinTerm or TermVerdict.OutOfTerm ? 1 : 0,
            Figure.WithinTerm => closedInPeriod && c.Verdict == TermVerdict.WithinTerm ? 1 : 0,
            Figure.OutOfTerm => closedInPeriod && c.Verdict == TermVerdict.OutOfTerm ? 1 : 0,
            Figure.SilenceAssents => c.SilenceAssents.Count(period.Contains),
            Figure.IncidentsRaised => incidents.Count(i => period.Contains(i.RaisedAt)),
            Figure.IncidentsOpen => incidents.Count(i => period.Contains(i.RaisedAt) && i.ResolvedAt is null),
            Figure.IncidentsResolved => incidents.Count(i => i.ResolvedAt is { } at && period.Contains(at)),
            _ => 0,
        };
    }

    /// <summary>The cases behind a figure, optionally of one entity, procedure or regional system, oldest first.</summary>
    public static IReadOnlyList<CaseFacts> Behind(IEnumerable<CaseFacts> cases, Figure figure, ReportingPeriod period,
        string? tenant = null, string? procedure = null, string? system = null) =>
        [.. cases
            .Where(c => (tenant is null || c.Tenant == tenant) && (procedure is null || c.DefinitionId == procedure))
            .Where(c => Count(c, figure, period, system) > 0)
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseId, StringComparer.Ordinal)];

    public static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
