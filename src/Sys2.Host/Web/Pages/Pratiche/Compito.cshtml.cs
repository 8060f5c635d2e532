using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Definitions;
using Sys2.Host.Views;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Web.Pages.Pratiche;

/// <summary>
/// A task: the form the definition declares for it and its outcomes as buttons. Completing it is the same
/// <see cref="CompleteTask"/> command <c>POST /api/cases/{caseId}/tasks/{step}</c> sends, with a command id
/// made when the page was shown (a double click appends once) and the case version the page showed (a page
/// left open while the case moved on is refused and appends nothing).
/// </summary>
/// <remarks>
/// Who holds the task is decided on the same page: a clerk of the task's office claims it from the office's
/// queue (<see cref="ClaimTask"/>) and releases it (<see cref="ReleaseTask"/>); a manager gives it to a clerk of
/// the office (<see cref="ReassignTask"/>). The scrivania posts its claim and release buttons here too, so each
/// command is sent, and refused, in one place. Each carries its own command id and the version the page showed.
/// </remarks>
public sealed class CompitoModel(IDocumentStore store, DefinitionCatalog definitions, CaseService cases, IConfiguration configuration) : WorkspacePage
{
    /// <summary>
    /// Where each entity's e-learning course for a procedure is: <c>Sys2:Training:{entity}:{definition}</c>, or
    /// <c>Sys2:Training:*:{definition}</c> for the aggregation's shared course. Only an http(s) address is linked.
    /// </summary>
    public const string TrainingSection = "Sys2:Training";

    /// <summary>The course on this task's procedure for the clerk's entity, when one is configured.</summary>
    public Uri? Training { get; private set; }

    public const string Stale = "La pratica è cambiata, ricarica la pagina per vedere com'è ora.";

    public string CaseId { get; private set; } = "";
    public OpenTask? Open { get; private set; }
    public TaskStep? Step { get; private set; }
    public string? Applicant { get; private set; }

    [BindProperty] public Guid CommandId { get; set; }
    [BindProperty] public long ExpectedVersion { get; set; }
    [BindProperty(Name = "esito")] public string? Outcome { get; set; }
    [BindProperty(Name = "assegnatario")] public string? To { get; set; }
    [BindProperty(Name = "motivo")] public string? Reason { get; set; }
    [BindProperty(Name = "nota")] public string? Note { get; set; }

    /// <summary>The notes kept with this step's task, oldest first: who, when, what.</summary>
    public IReadOnlyList<TimelineLine> Notes { get; private set; } = [];

    /// <summary>Where a claim or release posted from the scrivania goes back to; only the scrivania, never an address from the form.</summary>
    [BindProperty(Name = "ritorno")] public string? ReturnTo { get; set; }

    /// <summary>The clerks of the task's office a manager can give it to; empty for anyone else.</summary>
    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    public bool IsMine => Open?.Assignee is { } holder && string.Equals(holder, Caller.Subject, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the caller is a clerk of the task's office (who may claim and complete it).</summary>
    public bool WorksHere => Open is not null && Caller.On(CaseId, Permission.WorkCases, [Open.Office]) is { Actor.Role: var role } && role == Open.Role;

    /// <summary>What the clerk typed, by field, to show it again when the command is refused.</summary>
    public Dictionary<string, string> Values { get; } = [];

    public string? Error { get; private set; }
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();
    public bool IsStale { get; private set; }

    public async Task<IActionResult> OnGetAsync(string caseId, string step, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.ReadCases);
        if (!access.Allowed) return Refuse(access);
        if (await LoadAsync(access.Tenant, caseId, step, ct) is not { } summary) return NotFound();
        CommandId = Guid.NewGuid();
        ExpectedVersion = summary.Version;
        return Page();
    }

    public Task<IActionResult> OnPostPrendiAsync(string caseId, string step, CancellationToken ct) =>
        HolderCommandAsync(caseId, step, Permission.WorkCases, by => new ClaimTask(step, by), ct);

    public Task<IActionResult> OnPostCommentaAsync(string caseId, string step, CancellationToken ct) =>
        HolderCommandAsync(caseId, step, Permission.WorkCases, by => new CommentTask(step, Note ?? "", by), ct,
            _ => Task.FromResult(string.IsNullOrWhiteSpace(Note) ? "Scrivi il testo della nota." : null), managerToo: true);

    public Task<IActionResult> OnPostRilasciaAsync(string caseId, string step, CancellationToken ct) =>
        HolderCommandAsync(caseId, step, Permission.WorkCases, by => new ReleaseTask(step, by), ct);

    public async Task<IActionResult> OnPostRiassegnaAsync(string caseId, string step, CancellationToken ct)
    {
        // The clerks of the office are looked up as the API's endpoint does: a task goes only to one of them.
        StaffMember? to = null;
        return await HolderCommandAsync(caseId, step, Permission.AssignTasks, by => new ReassignTask(step, to!.User, to.Name, Reason ?? "", by), ct,
            async open =>
            {
                to = await Features.Managers.TaskAssignees.FindAsync(store, Tenant, [open.Office], To, ct);
                return to is null ? "Scegli una persona dell'ufficio a cui assegnare il compito." : null;
            });
    }

    /// <summary>
    /// A command on who holds the task, through the same policies as the API: a clerk in the task's office,
    /// a manager to reassign. Accepted: back to the task (or the scrivania); stale: "la pratica è cambiata".
    /// </summary>
    private async Task<IActionResult> HolderCommandAsync(string caseId, string step, Permission permission, Func<Actor, Trigger> trigger, CancellationToken ct,
        Func<OpenTask, Task<string?>>? check = null, bool managerToo = false)
    {
        var read = Caller.On(caseId, Permission.ReadCases);
        if (!read.Allowed) return Refuse(read);
        var summary = await LoadAsync(read.Tenant, caseId, step, ct);
        if (summary is null) return NotFound();
        if (Open is null)
        {
            IsStale = summary.Version != ExpectedVersion;
            if (!IsStale) return NotFound();
            Error = Stale;
            return Page();
        }
        var access = Caller.On(caseId, permission, permission == Permission.WorkCases ? [Open.Office] : null);
        // A manager holds no office: her note is taken as a manager's, which the decider allows.
        if (!access.Allowed && managerToo && Caller.On(caseId, Permission.AssignTasks) is { Allowed: true } asManager) access = asManager;
        if (access.Actor is not { } actor) return Refuse(access);
        if (CommandId == Guid.Empty)
        {
            Error = "Il modulo è incompleto: ricarica la pagina.";
            return Page();
        }
        if (check is not null && await check(Open) is { } invalid)
        {
            Error = invalid;
            return Page();
        }
        var result = await cases.HandleAsync(new CaseCommand(CommandId, access.Tenant, caseId, ExpectedVersion, trigger(actor), actor), ct);
        switch (result.Status)
        {
            case CommandStatus.Accepted or CommandStatus.Duplicate:
                return ReturnTo == "scrivania" ? Redirect("/") : RedirectToPage("/Pratiche/Compito", new { caseId, step });
            case CommandStatus.Conflict:
                IsStale = true;
                Error = Stale;
                break;
            default:
                Error = Refusal(result);
                CommandId = Guid.NewGuid();
                break;
        }
        return Page();
    }

    /// <summary>The refusals of who holds a task, as a clerk reads them; any other in the engine's own words.</summary>
    private static string Refusal(CommandOutcome result) => result.Code switch
    {
        "task-held-by-another" => "Il compito è in carico a un'altra persona: solo lei può rimetterlo nella coda, oppure un responsabile può riassegnarlo.",
        "task-not-yours" => "Il compito non è in carico a te.",
        "already-assigned" => "Il compito è già in carico a quella persona.",
        "reason-required" => "Indica il motivo della riassegnazione.",
        _ => result.Error ?? "Il comando non è stato accettato.",
    };

    public async Task<IActionResult> OnPostAsync(string caseId, string step, CancellationToken ct)
    {
        var read = Caller.On(caseId, Permission.ReadCases);
        if (!read.Allowed) return Refuse(read);
        var summary = await LoadAsync(read.Tenant, caseId, step, ct);
        foreach (var field in Step?.Form.Keys ?? []) Values[field] = Request.Form[FieldName(field)].ToString();
        if (summary is null || Open is null)
        {
            // The task is gone: completed by someone else, or the case moved on since the page was shown.
            IsStale = summary is not null && summary.Version != ExpectedVersion;
            if (!IsStale) return NotFound();
            Error = Stale;
            return Page();
        }

        // A task names its office, which may not be the case's: the clerk acts in the task's office, as the API's endpoint does.
        var access = Caller.On(caseId, Permission.WorkCases, [Open.Office]);
        if (access.Actor is not { } actor) return Refuse(access);
        if (CommandId == Guid.Empty || Outcome is not { Length: > 0 } outcome)
        {
            Error = "Il modulo è incompleto: ricarica la pagina.";
            return Page();
        }
        if (FormOf(Step!, Values) is not { } form) return Page();

        var result = await cases.HandleAsync(new CaseCommand(CommandId, access.Tenant, caseId, ExpectedVersion,
            new CompleteTask(step, outcome, form, actor), actor), ct);
        switch (result.Status)
        {
            case CommandStatus.Accepted or CommandStatus.Duplicate:
                return RedirectToPage("/Pratiche/Fascicolo", new { caseId });
            case CommandStatus.Conflict:
                IsStale = true;
                Error = Stale;
                break;
            default:
                Error = result.Error ?? "Il comando non è stato accettato.";
                FieldErrors = result.Errors ?? new Dictionary<string, string[]>();
                // A refused command appended nothing; the same id may be sent again with corrected values
                // only if its body is the same, so the next attempt is a new command.
                CommandId = Guid.NewGuid();
                break;
        }
        return Page();
    }

    // The timeline words a note as "Nota su «step»: text"; the task's page shows only the text.
    private static string NoteText(string line) => line.IndexOf(": ", StringComparison.Ordinal) is var i and >= 0 ? line[(i + 2)..] : line;

    private Uri? TrainingFor(string tenant, string definitionId) =>
        (configuration[$"{TrainingSection}:{tenant}:{definitionId}"] ?? configuration[$"{TrainingSection}:*:{definitionId}"]) is { } text
        && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : null;

    public static string FieldName(string field) => $"form.{field}";

    private async Task<CaseSummary?> LoadAsync(string tenant, string caseId, string step, CancellationToken ct)
    {
        Tenant = tenant;
        CaseId = caseId;
        await using var session = store.QuerySession(tenant);
        if (await session.LoadAsync<CaseSummary>(caseId, ct) is not { } summary) return null;
        Applicant = summary.Applicant;
        Training = TrainingFor(tenant, summary.DefinitionId);
        Notes = [.. Web.Timeline.Of([.. (await new CaseHistory(store).EntriesAsync(tenant, caseId, ct: ct))
                .Where(e => e.Type == nameof(Sys2.Workflows.Cases.Events.TaskCommented) && (e.Payload?["step"] ?? e.Payload?["Step"])?.ToString() == step)], null)
            .Select(l => l with { What = NoteText(l.What) })];
        Open = summary.Tasks.FirstOrDefault(t => t.Step == step);
        if (Open is not null && Caller.On(caseId, Permission.AssignTasks).Allowed)
            Staff = await OfficeStaff.ClerksAsync(store, tenant, [Open.Office], ct);
        if (await definitions.FindVersionAsync(summary.DefinitionId, summary.DefinitionVersion, ct) is { } version
            && definitions.Load(version).Steps.GetValueOrDefault(step) is TaskStep taskStep)
            Step = taskStep;
        else if (Open is not null) return null;
        return summary;
    }

    /// <summary>
    /// The form as the command carries it, each value in the JSON type its field declares; the decider checks
    /// it against the same declaration (required fields, types) and refuses what is wrong. Only what cannot
    /// even be read (a number that is not one) stops here.
    /// </summary>
    private JsonObject? FormOf(TaskStep step, IReadOnlyDictionary<string, string> values)
    {
        var form = new JsonObject();
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, spec) in step.Form)
        {
            var text = values.GetValueOrDefault(name, "").Trim();
            if (spec.Type == FieldType.Boolean) { form[name] = text is "true" or "on"; continue; }
            if (text.Length == 0) continue;
            JsonNode? value = spec.Type switch
            {
                FieldType.Number => decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null,
                // Money travels in euro cents; people write euros.
                FieldType.Money => decimal.TryParse(text.Replace(".", "").Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var euros)
                    ? JsonValue.Create((long)Math.Round(euros * 100)) : null,
                FieldType.String or FieldType.Date => JsonValue.Create(text),
                _ => ParseJson(text),
            };
            if (value is null) errors[FieldName(name)] = [$"«{text}» non è un valore valido per {Label(spec)}"];
            else form[name] = value;
        }
        if (errors.Count == 0) return form;
        Error = "Alcuni campi non sono validi.";
        FieldErrors = errors;
        return null;
    }

    private static JsonNode? ParseJson(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    public static string Label(FieldSpec spec) => spec.Description is { Length: > 0 } d ? $"{spec.Name} – {d}" : spec.Name;

    public IEnumerable<string> ErrorsOf(string field) =>
        FieldErrors.Where(e => e.Key.EndsWith(field, StringComparison.Ordinal)).SelectMany(e => e.Value);
}
