using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Definitions;
using Sys2.Host.Files;
using Sys2.Host.Views;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Inputs;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Web.Pages.Pratiche;

/// <summary>A document of the fascicolo: the case's name for it, its media type and digest.</summary>
public sealed record FascicoloDocument(string Name, string MediaType, string Sha256, string Source);

/// <summary>
/// The fascicolo (CAD art. 41): what happened in plain words, where the case stands, its open tasks, its
/// legal terms as countdowns, its documents with their digests and the data the procedure recorded. Read
/// with <see cref="Permission.ReadCases"/>, like <c>GET /api/cases/{caseId}</c>.
/// </summary>
/// <remarks>
/// A clerk of the case's office attaches a document, or a new version of one (the same name again), from the
/// page: the same <see cref="Sys2.Workflows.Runtime.AttachDocument"/> command as <c>POST /api/cases/{caseId}/documents</c>,
/// the digest computed here from the bytes, the bytes stored with the event; with its command id and the version shown.
/// </remarks>
[RequestSizeLimit(Requests.RequestLimits.DocumentBytes + 1024 * 1024)]
public sealed class FascicoloModel(IDocumentStore store, DefinitionCatalog definitions, FileContents files, TimeProvider clock, CaseService cases) : WorkspacePage
{
    [BindProperty] public Guid CommandId { get; set; }
    [BindProperty] public long ExpectedVersion { get; set; }
    [BindProperty(Name = "documento")] public IFormFile? Upload { get; set; }
    public string? Error { get; private set; }
    public bool IsStale { get; private set; }

    public CaseSummary Case { get; private set; } = null!;
    public WorkflowDefinition? Definition { get; private set; }
    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];
    public IReadOnlyList<FascicoloDocument> Documents { get; private set; } = [];

    /// <summary>Each legal term explained: why it ends on its day (the engine's <see cref="Sys2.Workflows.Runtime.ClockLedger"/>).</summary>
    public IReadOnlyList<Sys2.Workflows.Runtime.ClockExplanation> Ledgers { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string caseId, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.ReadCases);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;
        await using var session = store.QuerySession(access.Tenant);
        if (await session.LoadAsync<CaseSummary>(caseId, ct) is not { } summary) return NotFound();
        Case = summary;
        Now = clock.GetUtcNow();
        Definition = await DefinitionOfAsync(summary, ct);
        var history = new CaseHistory(store);
        Timeline = Web.Timeline.Of(await history.EntriesAsync(access.Tenant, caseId, ct: ct), Definition);
        Ledgers = Sys2.Workflows.Runtime.ClockLedger.ExplainAll(await history.TimedEventsAsync(access.Tenant, caseId, ct));
        Documents = DocumentsOf(summary, Definition, await CaseAttachment.OfAsync(session, caseId, ct));
        CommandId = Guid.NewGuid();
        ExpectedVersion = summary.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAllegaAsync(string caseId, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.WorkCases);
        if (access.Actor is not { } actor) return Refuse(access);
        var name = Path.GetFileName(Upload?.FileName ?? "");
        if (Upload is null || Upload.Length == 0 || Features.Clerks.DocumentNames.Problem(name) is not null || CommandId == Guid.Empty)
            Error = "Scegli un file da allegare.";
        else if (Upload.Length > Requests.RequestLimits.DocumentBytes)
            Error = $"Il file supera il limite di {Requests.RequestLimits.DocumentBytes / (1024 * 1024)} MB.";
        else
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            var sha256 = Sha256Hex.Of(content);
            var media = MediaTypeHeaderValue.TryParse(Upload.ContentType, out var parsed) && parsed.MediaType.Value?.Contains('/') == true
                ? Upload.ContentType : "application/octet-stream";
            var result = await cases.HandleAsync(new CaseCommand(CommandId, access.Tenant, caseId, ExpectedVersion,
                new Sys2.Workflows.Runtime.AttachDocument(name, sha256, media, content.LongLength, actor), actor), new DocumentBytes(sha256, content), ct);
            if (result.Status is CommandStatus.Accepted or CommandStatus.Duplicate) return RedirectToPage("/Pratiche/Fascicolo", new { caseId });
            IsStale = result.Status == CommandStatus.Conflict;
            Error = IsStale ? CompitoModel.Stale : result.Error ?? "Il documento non è stato allegato.";
        }
        // Shown again as it is now, with the reason; the next attempt is a new command.
        return await OnGetAsync(caseId, ct);
    }

    /// <summary>Which version of its name a document is (1 for the first, 2 for a new version…), in the order the case received them.</summary>
    public int VersionOf(FascicoloDocument document)
    {
        var same = Documents.Where(d => d.Name == document.Name).ToList();
        return same.IndexOf(document) + 1;
    }

    public bool CanAttach => Caller.On(Case.Id, Permission.WorkCases).Allowed && Case.Status != "closed";

    public bool HasVersions(FascicoloDocument document) => Documents.Count(d => d.Name == document.Name) > 1;

    /// <summary>
    /// A document's bytes through the same check as the API's download (<c>GET /api/cases/{caseId}/documents/{sha256}</c>,
    /// which takes bearer tokens only): only a document the case names, in the caller's entity.
    /// </summary>
    public async Task<IActionResult> OnGetDocumentoAsync(string caseId, string sha256, CancellationToken ct)
    {
        var access = Caller.On(caseId, Permission.ReadCases);
        if (!access.Allowed) return Refuse(access);
        if (!Sha256Hex.IsDigest(sha256)) return NotFound();
        await using var session = store.QuerySession(access.Tenant);
        if (await session.LoadAsync<CaseSummary>(caseId, ct) is not { } summary) return NotFound();
        var document = DocumentsOf(summary, await DefinitionOfAsync(summary, ct), await CaseAttachment.OfAsync(session, caseId, ct)).LastOrDefault(d => d.Sha256 == sha256.ToLowerInvariant());
        if (document is null || await files.FindAsync(access.Tenant, document.Sha256, ct) is not { } content) return NotFound();
        return File(content, MediaTypeHeaderValue.TryParse(document.MediaType, out _) ? document.MediaType : "application/octet-stream", document.Name);
    }

    private async Task<WorkflowDefinition?> DefinitionOfAsync(CaseSummary summary, CancellationToken ct) =>
        await definitions.FindVersionAsync(summary.DefinitionId, summary.DefinitionVersion, ct) is { } version ? definitions.Load(version) : null;

    // The documents the case refers to: those filed with it (its inputs of type document), then those attached.
    private static IReadOnlyList<FascicoloDocument> DocumentsOf(CaseSummary summary, WorkflowDefinition? definition,
        IReadOnlyList<Sys2.Workflows.Runtime.AttachedDocument> attached) =>
    [
        .. definition is null ? [] : InputCheck.Documents(definition, summary.State.Inputs).Select(d => new FascicoloDocument(d.Name, d.MediaType ?? "application/octet-stream", d.Sha256, "istanza")),
        .. attached.Select(d => new FascicoloDocument(d.Name, d.MediaType, d.Sha256, $"allegato da {d.AttachedBy}")),
    ];

    public string StepTitle(string step) => Web.Timeline.StepTitle(Definition, step);
}
