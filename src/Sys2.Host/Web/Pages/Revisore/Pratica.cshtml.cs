using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Cases.Dossiers;
using Sys2.Host.Definitions;
using Sys2.Host.Features.Auditors;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Web.Pages.Revisore;

/// <summary>
/// One case as an auditor reads it: the timeline in plain words; the events as PostgreSQL holds them, every
/// correction by an operator marked; the state at any version or moment, with each legal term's ledger and the rule
/// behind each transition; the chain recomputed from the rows and checked against the anchors outside the database;
/// and the dossier, JSON and CSV to take away. Read with <see cref="Permission.AuditCases"/>; every handler is a GET and
/// writes nothing to the database.
/// </summary>
public sealed class PraticaRevisoreModel(IDocumentStore store, DefinitionCatalog definitions, CaseAudit audit) : WorkspacePage
{
    /// <summary>Events an operator or a manager made by hand, outside the procedure's own path.</summary>
    static readonly HashSet<string> Corrections = ["VariableCorrected", "CaseMigrated", "TaskReassigned", "IncidentResolved"];

    [BindProperty(SupportsGet = true, Name = "versione")] public long? AtVersion { get; set; }
    [BindProperty(SupportsGet = true, Name = "al")] public string? AtMoment { get; set; }

    public string CaseId { get; private set; } = "";
    public IReadOnlyList<StoredEvent> Rows { get; private set; } = [];
    public IReadOnlyList<CaseHistoryEntry> Entries { get; private set; } = [];
    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];
    public ChainReport Chain { get; private set; } = null!;
    public string KeyFingerprint { get; private set; } = "";
    public WorkflowDefinition? Definition { get; private set; }
    public string? Error { get; private set; }

    /// <summary>How many events the state shown folds: all, or those up to the version or moment asked for.</summary>
    public int Shown { get; private set; }
    public bool IsPast => Shown < Entries.Count;
    public CaseState State => Entries[Shown - 1].After;
    public IReadOnlyList<ClockExplanation> Ledgers { get; private set; } = [];
    public IReadOnlyList<TransitionRule> Rules { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string caseId, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.AuditCases);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;
        CaseId = caseId;
        var history = new CaseHistory(store);
        Entries = await history.EntriesAsync(access.Tenant, caseId, ct: ct);
        if (Entries.Count == 0) return NotFound();
        Rows = await audit.RowsAsync(access.Tenant, caseId, ct);
        Chain = await audit.VerifyAsync(access.Tenant, caseId, ct);
        KeyFingerprint = audit.Fingerprint();

        var byHeader = new Dictionary<string, WorkflowDefinition?>();
        foreach (var header in Entries.Select(e => e.Definition ?? "").Distinct()) byHeader[header] = await DefinitionAsync(header, ct);
        Definition = byHeader.GetValueOrDefault(Entries[^1].Definition ?? "");
        Timeline = Web.Timeline.Of(Entries, Definition);

        Shown = ShownEvents();
        var timed = await history.TimedEventsAsync(access.Tenant, caseId, ct);
        Ledgers = ClockLedger.ExplainAll([.. timed.Take(Shown)]);
        Rules = [.. Entries.Take(Shown).Select(e => TransitionRules.Of(e, byHeader.GetValueOrDefault(e.Definition ?? ""))).OfType<TransitionRule>()];
        return Page();
    }

    /// <summary>The dossier (<see cref="DossierFormat"/>), the same file as <c>GET /api/cases/{caseId}/dossier</c>.</summary>
    public async Task<IActionResult> OnGetDossierAsync(string caseId, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.AuditCases);
        if (!access.Allowed) return Refuse(access);
        return await audit.DossierAsync(access.Tenant, caseId, Caller.Subject, ct) is { } dossier
            ? File(dossier, DossierFormat.MediaType, DossierFormat.FileName(caseId))
            : NotFound();
    }

    /// <summary>The history as JSON, the same items as <c>GET /api/cases/{caseId}/history</c>.</summary>
    public async Task<IActionResult> OnGetJsonAsync(string caseId, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.AuditCases);
        if (!access.Allowed) return Refuse(access);
        var entries = await new CaseHistory(store).EntriesAsync(access.Tenant, caseId, ct: ct);
        if (entries.Count == 0) return NotFound();
        var json = JsonSerializer.SerializeToUtf8Bytes(CaseHistoryEndpoint.Items(entries), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        return File(json, "application/json", $"pratica-{caseId}-cronologia.json");
    }

    /// <summary>The history as CSV, the same file as <c>GET /api/cases/{caseId}/history.csv</c>.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string caseId, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.AuditCases);
        if (!access.Allowed) return Refuse(access);
        var rows = await audit.RowsAsync(access.Tenant, caseId, ct);
        if (rows.Count == 0) return NotFound();
        return File(System.Text.Encoding.UTF8.GetBytes(ExportHistoryCsvEndpoint.Csv(rows)), ExportHistoryCsvEndpoint.MediaType, ExportHistoryCsvEndpoint.FileName(caseId));
    }

    public bool IsCorrection(CaseHistoryEntry e) => Corrections.Contains(e.Type) || e.Role == AccessRoles.Operator;

    public CaseHistoryEntry EntryAt(long version) => Entries[(int)version - 1];

    public static string Pretty(string json) => JsonNode.Parse(json)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? json;

    public string StepTitle(string step) => Web.Timeline.StepTitle(Definition, step);

    /// <summary>When the event the state is shown after was decided: the "now" of the past state's countdowns.</summary>
    public DateTimeOffset ShownAt => Entries[Shown - 1].DecidedAt ?? Entries[Shown - 1].RecordedAt;

    /// <summary>What a flow waited for at that moment, in words.</summary>
    public static string Waiting(Bookmark? bookmark) => bookmark switch
    {
        null => "nessuna attesa",
        TaskBookmark t => $"compito per {t.Role}{(t.Office.Length > 0 ? $" dell'ufficio {t.Office}" : "")} (esiti: {string.Join(", ", t.Outcomes)})"
            + (t.Assignee is { } who ? $", in carico a {t.AssigneeName ?? who}" : ", nella coda dell'ufficio")
            + (t.DueAt is { } due ? $", da svolgere entro il {ItalianText.Date(due)}" : ""),
        CallBookmark c => $"risposta di {c.Activity} (tentativo {c.Attempt})",
        WaitBookmark w => $"evento «{w.Event}»" + (w.TimeoutAt is { } timeout ? $" fino al {ItalianText.DateTime(timeout)}" : ""),
        IncidentBookmark i => $"un operatore: incidente in {i.Activity} dopo {i.Attempts} tentativi: {i.Reason}",
        ForkBookmark f => $"le lavorazioni parallele {string.Join(", ", f.Pending.Order(StringComparer.Ordinal))}",
        _ => bookmark.GetType().Name,
    };

    /// <summary>
    /// How many events make the state asked for. A moment is read on the engine's clock (the <c>at</c> header, when
    /// the decision was taken, Italian time when no offset is given), the clock the legal terms run on.
    /// </summary>
    private int ShownEvents()
    {
        if (AtVersion is { } version)
        {
            if (version >= 1 && version <= Entries.Count) return (int)version;
            Error = $"La pratica non ha la versione {version}: le versioni vanno da 1 a {Entries.Count}. È mostrato lo stato attuale.";
            return Entries.Count;
        }
        if (AtMoment is { Length: > 0 } text)
        {
            if (Moment(text) is not { } at)
            {
                Error = $"«{text}» non è un momento (es. 2026-03-10T10:00). È mostrato lo stato attuale.";
                return Entries.Count;
            }
            var count = Entries.Count(e => (e.DecidedAt ?? e.RecordedAt) <= at);
            if (count > 0) return count;
            Error = $"Al {ItalianText.DateTime(at)} la pratica non esisteva ancora. È mostrato lo stato attuale.";
        }
        return Entries.Count;
    }

    private static DateTimeOffset? Moment(string text)
    {
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mmzzz", "yyyy-MM-ddTHH:mm:sszzz", "O"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
            return exact;
        if (!DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        return new DateTimeOffset(local, LegalCalendar.Italy.GetUtcOffset(local));
    }

    // "suap.scia@3#ab12…": the definition version the event was decided with.
    private async Task<WorkflowDefinition?> DefinitionAsync(string header, CancellationToken ct)
    {
        if (header.Split('@', '#') is not [var id, var v, ..] || !int.TryParse(v, CultureInfo.InvariantCulture, out var number)) return null;
        return await definitions.FindVersionAsync(id, number, ct) is { } found ? definitions.Load(found) : null;
    }
}
