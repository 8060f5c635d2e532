using Marten;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Views;

/// <summary>
/// One document attached to a case: a row per <c>DocumentAttached</c> event, kept by
/// <see cref="CaseAttachmentProjection"/> in the same transaction. The case's file reads these rows,
/// so the snapshot a command loads (<see cref="CaseSummary"/>) stays the size of the case's state
/// however many documents it collects.
/// </summary>
public sealed class CaseAttachment
{
    /// <summary><c>{caseId}#{version}</c>: one attachment per event, so a rebuild writes the same rows.</summary>
    public string Id { get; init; } = "";

    public string CaseId { get; init; } = "";

    /// <summary>The document as the engine's <see cref="CaseDocuments"/> reads it from the event, its version included.</summary>
    public AttachedDocument Document { get; init; } = null!;

    public DateTimeOffset AttachedAt { get; init; }

    public static string IdOf(string caseId, long version) => $"{caseId}#{version}";

    /// <summary>The documents attached to <paramref name="caseId"/>, in the order the case received them.</summary>
    public static async Task<IReadOnlyList<AttachedDocument>> OfAsync(IQuerySession session, string caseId, CancellationToken ct) =>
        [.. (await session.Query<CaseAttachment>().Where(a => a.CaseId == caseId).OrderBy(a => a.Document.Version).ToListAsync(ct)).Select(a => a.Document)];
}
