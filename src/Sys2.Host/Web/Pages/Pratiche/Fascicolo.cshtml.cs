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
public sealed class FascicoloModel(IDocumentStore store, DefinitionCatalog definitions, FileContents files, TimeProvider clock) : WorkspacePage
{
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
        Documents = DocumentsOf(summary, Definition);
        return Page();
    }

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
        var document = DocumentsOf(summary, await DefinitionOfAsync(summary, ct)).LastOrDefault(d => d.Sha256 == sha256.ToLowerInvariant());
        if (document is null || await files.FindAsync(access.Tenant, document.Sha256, ct) is not { } content) return NotFound();
        return File(content, MediaTypeHeaderValue.TryParse(document.MediaType, out _) ? document.MediaType : "application/octet-stream", document.Name);
    }

    private async Task<WorkflowDefinition?> DefinitionOfAsync(CaseSummary summary, CancellationToken ct) =>
        await definitions.FindVersionAsync(summary.DefinitionId, summary.DefinitionVersion, ct) is { } version ? definitions.Load(version) : null;

    // The documents the case refers to: those filed with it (its inputs of type document), then those attached.
    private static IReadOnlyList<FascicoloDocument> DocumentsOf(CaseSummary summary, WorkflowDefinition? definition) =>
    [
        .. definition is null ? [] : InputCheck.Documents(definition, summary.State.Inputs).Select(d => new FascicoloDocument(d.Name, d.MediaType ?? "application/octet-stream", d.Sha256, "istanza")),
        .. summary.State.Documents.Select(d => new FascicoloDocument(d.Name, d.MediaType, d.Sha256, $"allegato da {d.AttachedBy}")),
    ];

    public string StepTitle(string step) => Web.Timeline.StepTitle(Definition, step);
}
