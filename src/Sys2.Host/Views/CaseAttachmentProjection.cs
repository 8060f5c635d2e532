using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Views;

/// <summary>
/// Keeps a <see cref="CaseAttachment"/> row for every document attached to a case, folded by the
/// engine's <see cref="CaseDocuments"/>. It reads nothing: an attachment inserts its row, whatever
/// the case held before. Events of other types never reach it.
/// </summary>
public sealed partial class CaseAttachmentProjection : EventProjection
{
    public CaseAttachmentProjection()
    {
        IncludeType<DocumentAttached>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (CaseDocuments.Of(e.Data, e.Version) is { } document)
            operations.Store(new CaseAttachment
            {
                Id = CaseAttachment.IdOf(e.StreamKey!, e.Version), CaseId = e.StreamKey!,
                Document = document, AttachedAt = DecidedAt.Of(e) ?? e.Timestamp,
            });
        return ValueTask.CompletedTask;
    }
}
