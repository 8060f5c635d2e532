using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Definitions;
using Sys2.Host.Integrations;
using Sys2.Host.Views;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Web.Pages;

/// <summary>
/// One incident chosen on the page: the case, the step, the case version the page showed and what to do with it: call
/// again (<see cref="Retry"/>) or take the definition's path for a failure (<see cref="FailurePath"/>).
/// </summary>
public sealed record ChosenIncident(string CaseId, string Step, long Version, Guid CommandId, string Action = ChosenIncident.Retry)
{
    public const string Retry = "riprova", FailurePath = "manuale";

    // Carried in one form field per incident, so a checkbox selects the whole of it.
    public string Field => $"{CaseId}|{Step}|{Version}|{CommandId}|{Action}";

    public static ChosenIncident? Parse(string field) =>
        field.Split('|') is [var caseId, var step, var version, var id, var action] && long.TryParse(version, out var v) && Guid.TryParse(id, out var g)
        && action is Retry or FailurePath
            ? new ChosenIncident(caseId, step, v, g, action) : null;
}

/// <summary>A declared variable of a case, with its value now as JSON (null: not set).</summary>
public sealed record CorrectableVariable(string Name, string Type, string? Description, string? Value);

/// <summary>The correction form of an incident: the case, the step to retry after, and the version and command id of the correction.</summary>
public sealed record Correction(string CaseId, string Step, long Version, Guid CommandId, IReadOnlyList<CorrectableVariable> Variables);

/// <summary>A retry's dry run as the page shows it.</summary>
public sealed record RetryPreview(ChosenIncident Incident, DryRun DryRun);

/// <summary>What became of a sent retry: not appended (conflict, refusal: <c>Problem</c>) or where its call stands.</summary>
public sealed record RetryResult(string CaseId, string Step, string? Problem, RetryStanding? Standing)
{
    // A refresh link carries only whether the retry was appended, never the words of the problem: a link made by
    // someone else must not put text of its choosing on the operator's page.
    public string Field => $"{CaseId}|{Step}|{(Problem is null ? "" : NotAppended)}";

    public const string NotAppended = "x";
}

/// <summary>
/// The operator's incidents: the open incidents of the entities she keeps (one, or all of hers), filtered by entity,
/// regional system, step and age. A retry, of one incident or of several, is first a dry run (the exact events the
/// decider would append, nothing saved), then sent on confirmation with the command id and the case version the dry
/// run was decided on, the same <see cref="RetryIncident"/> as <c>POST /api/cases/{caseId}/incidents/{step}/retry</c>;
/// the page then waits a little for the calls the retries sent, so one that fails again says so at once.
/// </summary>
public sealed class OperatoreModel(IDocumentStore store, CaseService cases, DefinitionCatalog definitions, TimeProvider clock) : WorkspacePage
{
    /// <summary>A list with thousands of incidents would say nothing more; the filters narrow it.</summary>
    public const int MaxLines = 200;

    /// <summary>The age filter's choices: the value in the address and what it means.</summary>
    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan Age)> Ages =
    [
        ("1h", "da almeno 1 ora", TimeSpan.FromHours(1)),
        ("1g", "da almeno 1 giorno", TimeSpan.FromDays(1)),
        ("7g", "da almeno 7 giorni", TimeSpan.FromDays(7)),
    ];

    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "sistema")] public string? Activity { get; set; }
    [BindProperty(SupportsGet = true, Name = "fase")] public string? Step { get; set; }
    [BindProperty(SupportsGet = true, Name = "eta")] public string? Age { get; set; }

    public IReadOnlyList<IncidentLine> Incidents { get; private set; } = [];

    /// <summary>The incidents (case and step) whose step declares a path for a failure, which the operator may take instead of a retry.</summary>
    public IReadOnlySet<(string CaseId, string Step)> WithFailurePath { get; private set; } = new HashSet<(string, string)>();
    public int Total { get; private set; }

    /// <summary>Payments no case took, still waiting for an operator (<see cref="UnmatchedPayment"/>), in the entities shown.</summary>
    public int UnmatchedPaymentsOpen { get; private set; }
    public IReadOnlyList<string> Entities { get; private set; } = [];
    public IReadOnlyList<string> Systems { get; private set; } = [];
    public IReadOnlyList<string> Steps { get; private set; } = [];
    public IReadOnlyList<RetryPreview>? Previews { get; private set; }
    public IReadOnlyList<RetryResult>? Results { get; private set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    /// <summary>The incident whose case variables the operator corrects before retrying it, and the variables its definition declares.</summary>
    public Correction? Correcting { get; private set; }

    public static string EntityLabel(string tenant) => EntityCatalogue.Load().ByTenantId(tenant)?.Name ?? tenant;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The dry run of the chosen incidents (<paramref name="voce"/>), or of the one whose row button was pressed (<paramref name="sola"/>).</summary>
    public async Task<IActionResult> OnPostAnteprimaAsync(string[] voce, string? sola, CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        var chosen = (sola is { Length: > 0 } one ? [one] : voce).Select(ChosenIncident.Parse).OfType<ChosenIncident>().ToList();
        if (chosen.Count == 0)
        {
            (Message, Failed) = ("Scegli almeno un incidente da riprovare.", true);
            await LoadAsync(ct);
            return Page();
        }
        var previews = new List<RetryPreview>();
        foreach (var incident in chosen)
        {
            var access = Caller.On(incident.CaseId, Permission.HandleIncidents);
            if (access.Actor is not { } actor) return Refuse(access);
            previews.Add(new RetryPreview(incident, await cases.DryRunAsync(Command(incident, access.Tenant, actor), ct)));
        }
        Previews = previews;
        return Page();
    }

    /// <summary>The confirmed retries, each with the command id and version of its dry run; then where each stands.</summary>
    public async Task<IActionResult> OnPostRiprovaAsync(string[] voce, CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        var sent = new List<(ChosenIncident Incident, string? Problem)>();
        foreach (var incident in voce.Select(ChosenIncident.Parse).OfType<ChosenIncident>())
        {
            var access = Caller.On(incident.CaseId, Permission.HandleIncidents);
            if (access.Actor is not { } actor) return Refuse(access);
            var outcome = await cases.HandleAsync(Command(incident, access.Tenant, actor), ct);
            sent.Add((incident, outcome.Status switch
            {
                CommandStatus.Accepted or CommandStatus.Duplicate => null,
                CommandStatus.Conflict => "La pratica è cambiata, ricarica: il tentativo non è stato avviato.",
                _ => $"Tentativo rifiutato: {outcome.Error}",
            }));
        }
        Results = await SettleAsync([.. sent.Select(s => (s.Incident.CaseId, s.Incident.Step, s.Problem))], RetryProgress.SettleWait, ct);
        return Page();
    }

    /// <summary>The correction form of one incident: the case's declared variables with their values now.</summary>
    public async Task<IActionResult> OnGetCorreggiAsync(string pratica, string fase, CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        var access = Caller.On(pratica, Permission.HandleIncidents);
        if (!access.Allowed) return Refuse(access);
        if (await CorrectionAsync(access.Tenant, pratica, fase, ct) is not { } correction) return NotFound();
        Correcting = correction;
        return Page();
    }

    /// <summary>
    /// Appends the correction (with the command id and version the form showed), then shows the retry's dry run on
    /// the corrected case, so the operator sees what the retry will do with the new value before she confirms it.
    /// </summary>
    public async Task<IActionResult> OnPostCorreggiAsync(string pratica, string fase, string variabile, string? valore, string? motivo, Guid commandId,
        long expectedVersion, CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        var access = Caller.On(pratica, Permission.HandleIncidents);
        if (access.Actor is not { } actor) return Refuse(access);
        var outcome = await cases.HandleAsync(new CaseCommand(commandId, access.Tenant, pratica, expectedVersion,
            new CorrectVariable(variabile, ValueOf(valore), motivo ?? "", actor), actor), ct);
        if (outcome.Status is not (CommandStatus.Accepted or CommandStatus.Duplicate))
        {
            (Message, Failed) = (outcome.Status == CommandStatus.Conflict
                ? "La pratica è cambiata, ricarica: la correzione non è stata registrata."
                : $"Correzione rifiutata: {outcome.Error}", true);
            Correcting = await CorrectionAsync(access.Tenant, pratica, fase, ct);
            return Page();
        }
        (Message, Failed) = ($"Correzione di «{variabile}» registrata. Ecco che cosa farebbe ora il nuovo tentativo.", false);
        var incident = new ChosenIncident(pratica, fase, outcome.Version, Guid.NewGuid());
        Previews = [new RetryPreview(incident, await cases.DryRunAsync(Command(incident, access.Tenant, actor), ct))];
        return Page();
    }

    /// <summary>What the operator typed: JSON when it is JSON (a number, true, an object), else the text itself.</summary>
    private static JsonNode? ValueOf(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        try { return JsonNode.Parse(typed); }
        catch (JsonException) { return JsonValue.Create(typed); }
    }

    private async Task<Correction?> CorrectionAsync(string tenant, string caseId, string step, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        if (await session.LoadAsync<CaseSummary>(caseId, ct) is not { } summary) return null;
        var version = await definitions.FindVersionAsync(summary.DefinitionId, summary.DefinitionVersion, ct);
        if (version is null) return null;
        var declared = definitions.Load(version).Variables.Values
            .Select(v => new CorrectableVariable(v.Name, v.Type.ToString().ToLowerInvariant(), v.Description, summary.State.Variables.GetValueOrDefault(v.Name)?.ToJsonString()))
            .OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        return new Correction(caseId, step, summary.Version, Guid.NewGuid(), declared);
    }

    /// <summary>Where the retries of a result page stand now (its "Aggiorna lo stato" link).</summary>
    public async Task<IActionResult> OnGetEsitiAsync(string[] voce, CancellationToken ct)
    {
        if (Scope() is { } refused) return refused;
        var items = new List<(string, string, string?)>();
        foreach (var field in voce)
        {
            if (field.Split('|', 3) is not [var caseId, var step, var problem]) continue;
            var access = Caller.On(caseId, Permission.HandleIncidents);
            if (!access.Allowed) return Refuse(access);
            items.Add((caseId, step, problem.Length == 0 ? null : "Non avviato: la pratica era cambiata o il tentativo è stato rifiutato."));
        }
        Results = await SettleAsync(items, TimeSpan.Zero, ct);
        return Page();
    }

    /// <summary>
    /// Reads each appended retry's standing until none is pending or <paramref name="wait"/> has passed: the calls
    /// went out with the commit, and most regional systems answer within it.
    /// </summary>
    private async Task<IReadOnlyList<RetryResult>> SettleAsync(IReadOnlyList<(string CaseId, string Step, string? Problem)> items, TimeSpan wait, CancellationToken ct)
    {
        // Real time, not the engine's clock: this is how long a person waits for the page, not a legal term.
        var until = TimeProvider.System.GetUtcNow() + wait;
        while (true)
        {
            var results = new List<RetryResult>();
            await using var session = store.QuerySession();
            var appended = items.Where(i => i.Problem == null).Select(i => i.CaseId).Distinct().ToArray();
            var summaries = (await session.Query<CaseSummary>()
                    .Where(c => c.AnyTenant() && c.Id.IsOneOf(appended))
                    .ToListAsync(ct))
                .Where(s => CaseAccess.TenantOf(s.Id) == s.Tenant)
                .ToDictionary(s => s.Id);
            foreach (var (caseId, step, problem) in items)
                results.Add(new RetryResult(caseId, step, problem,
                    problem is null && summaries.TryGetValue(caseId, out var summary) ? RetryProgress.Of(summary, step) : null));
            if (results.All(r => r.Standing?.State != RetryState.Pending) || TimeProvider.System.GetUtcNow() >= until) return results;
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private static CaseCommand Command(ChosenIncident incident, string tenant, Actor actor) =>
        new(incident.CommandId, tenant, incident.CaseId, incident.Version,
            incident.Action == ChosenIncident.FailurePath ? new TakeFailurePath(incident.Step, actor) : new RetryIncident(incident.Step, actor), actor);

    /// <summary>The entities the operator keeps and, when she chose one (or keeps one), that one for the header; a refusal for one she does not keep.</summary>
    private IActionResult? Scope()
    {
        Entities = Caller.TenantsFor(Permission.HandleIncidents);
        if (Entity is { Length: > 0 })
        {
            var access = Caller.In(Entity, Permission.HandleIncidents);
            if (!access.Allowed) return Refuse(access);
            Tenant = access.Tenant;
        }
        else if (Entities.Count == 1) Tenant = Entities[0];
        return null;
    }

    /// <summary>An operator of the whole aggregation (<c>*/operator</c>) sees every entity; anyone else the ones she holds the role in.</summary>
    private bool KeepsEveryEntity => Caller.Memberships.Any(m => m.Tenant == Membership.AnyEntity && AccessRoles.Allows(m.Role, Permission.HandleIncidents));

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        IReadOnlyList<string>? tenants = Tenant.Length > 0 ? [Tenant] : KeepsEveryEntity ? null : Entities;
        var all = await IncidentViews.OpenAsync(session, tenants, ct);
        // A payment no case took raises an incident of the entity, not of a case: counted here, listed on its own page.
        UnmatchedPaymentsOpen = await UnmatchedPayments.CountOpenAsync(session, tenants, ct);
        Systems = [.. all.Select(l => l.Incident.Activity).Distinct().Order(StringComparer.Ordinal)];
        Steps = [.. all.Select(l => l.Incident.Step).Distinct().Order(StringComparer.Ordinal)];
        var now = clock.GetUtcNow();
        var minimumAge = Ages.FirstOrDefault(a => a.Value == Age).Age;
        var shown = all.Where(l => (Activity is not { Length: > 0 } || l.Incident.Activity == Activity)
                                   && (Step is not { Length: > 0 } || l.Incident.Step == Step)
                                   && now - l.Incident.RaisedAt >= minimumAge).ToList();
        Total = shown.Count;
        Incidents = [.. shown.Take(MaxLines)];
        var withPath = new HashSet<(string, string)>();
        foreach (var line in Incidents)
            if (await definitions.FindVersionAsync(line.DefinitionId, line.DefinitionVersion, ct) is { } version
                && definitions.Load(version).Steps.GetValueOrDefault(line.Incident.Step) is Sys2.Workflows.Definitions.CallStep { OnFailure: not null })
                withPath.Add((line.Incident.CaseId, line.Incident.Step));
        WithFailurePath = withPath;
    }
}
