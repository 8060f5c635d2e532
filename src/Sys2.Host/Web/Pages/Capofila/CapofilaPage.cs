using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Sys2.Host.Definitions;
using Sys2.Host.Views;
using Sys2.Workflows.Indicators;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Web.Pages.Capofila;

/// <summary>
/// What the lead partner's pages share: the period and filters in the address (so a figure's link is its own filter),
/// the entities the caller may read (<see cref="IndicatorQuery.VisibleTenants"/>: all for <c>*/pmo</c>, her own for an
/// entity's auditor or manager), the procedures' titles.
/// </summary>
public abstract class CapofilaPage(DefinitionCatalog definitions, TimeProvider clock) : WorkspacePage
{
    /// <summary>The catalogue of definitions: the procedures' titles, a definition's diagram.</summary>
    protected DefinitionCatalog Definitions { get; } = definitions;

    [BindProperty(SupportsGet = true, Name = "anno")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "trimestre")] public int? Quarter { get; set; }
    [BindProperty(SupportsGet = true, Name = "procedimento")] public string? Procedure { get; set; }
    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }

    public ReportingPeriod Period { get; private set; }

    /// <summary>Null: every entity of the aggregation.</summary>
    public IReadOnlyList<string>? Visible { get; private set; }

    /// <summary>Definition id → title, for the procedures filter and the tables.</summary>
    public IReadOnlyDictionary<string, string> Procedures { get; private set; } = new Dictionary<string, string>();

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        base.OnPageHandlerExecuting(context);
        if (context.Result is not null) return;
        Visible = IndicatorQuery.VisibleTenants(Caller);
        if (Visible is { Count: 0 }) { context.Result = StatusCode(StatusCodes.Status403Forbidden); return; }
        Year ??= Sys2.Workflows.Runtime.LegalCalendar.LocalDate(clock.GetUtcNow()).Year;
        if (!ReportingPeriod.IsValid(Year.Value, Quarter)) { context.Result = BadRequest(); return; }
        Period = new ReportingPeriod(Year.Value, Quarter);
        Entity = Entity is { Length: > 0 } e ? e.Trim().ToUpperInvariant() : null;
        Procedure = Procedure is { Length: > 0 } p ? p : null;
        // A chosen entity she may not read is not hers to see: as the API answers, it does not exist.
        if (Entity is not null && Visible is not null && !Visible.Contains(Entity)) context.Result = NotFound();
        else if (Visible is { Count: 1 }) Tenant = Visible[0];
    }

    /// <summary>The entities to read: the one chosen, else all she may.</summary>
    protected IReadOnlyList<string>? Scope => Entity is not null ? [Entity] : Visible;

    protected async Task LoadProceduresAsync(CancellationToken ct)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var history in await Definitions.AllAsync(ct))
            if (history.Published is { } published)
                titles[history.DefinitionId] = Definitions.Load(published).Title;
        Procedures = titles;
    }

    public string ProcedureTitle(string id) => Procedures.GetValueOrDefault(id, id);

    public static string EntityLabel(string tenant) => EntityCatalogue.Load().ByTenantId(tenant)?.Name ?? tenant;

    /// <summary>The address of the cases behind a figure, with this page's period and filters.</summary>
    public string CasesBehind(Figure figure, string? tenant = null, string? procedure = null, string? system = null) =>
        "/capofila/pratiche" + QueryString.Create(new Dictionary<string, string?>
        {
            ["indicatore"] = FigureNames.Slug(figure),
            ["anno"] = Period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["trimestre"] = Period.Quarter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ente"] = tenant ?? Entity,
            ["procedimento"] = procedure ?? Procedure,
            ["sistema"] = system,
        }.Where(p => p.Value is not null));

    /// <summary>"75,0 %"; a dash when nothing was judged.</summary>
    public static string Percent(decimal? share) =>
        share is { } s ? (s * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',') + " %" : "–";
}

/// <summary>Each figure's name in the address and in Italian.</summary>
public static class FigureNames
{
    private static readonly (Figure Figure, string Slug, string Label)[] Names =
    [
        (Figure.Opened, "aperte", "Pratiche aperte"),
        (Figure.Closed, "chiuse", "Pratiche chiuse"),
        (Figure.Judged, "con-termine", "Chiuse con un termine di legge"),
        (Figure.WithinTerm, "nei-termini", "Decise nei termini"),
        (Figure.OutOfTerm, "fuori-termine", "Decise fuori termine"),
        (Figure.SilenceAssents, "silenzi-assensi", "Silenzi-assensi formati"),
        (Figure.IncidentsRaised, "incidenti", "Incidenti"),
        (Figure.IncidentsOpen, "incidenti-aperti", "Incidenti ancora aperti"),
        (Figure.IncidentsResolved, "incidenti-risolti", "Incidenti risolti"),
    ];

    public static string Slug(Figure figure) => Names.Single(n => n.Figure == figure).Slug;

    public static string Label(Figure figure) => Names.Single(n => n.Figure == figure).Label;

    public static Figure? Parse(string? slug) => Names.FirstOrDefault(n => n.Slug == slug) is { Slug: not null } n ? n.Figure : null;
}
