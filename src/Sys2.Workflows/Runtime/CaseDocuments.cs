using System.Collections.Immutable;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Workflows.Runtime;

/// <summary>A document attached to a case, as its <see cref="DocumentAttached"/> event recorded it; <c>Version</c>: that event's.</summary>
public sealed record AttachedDocument(string Name, string Sha256, string MediaType, long Size, string AttachedBy, long Version);

/// <summary>
/// The documents attached to a case, in the order it received them: its file (fascicolo), folded
/// from its events beside <see cref="CaseEvolution"/>. They are kept out of <see cref="CaseState"/>
/// because the decider never reads them while a case may collect hundreds: in the snapshot a
/// command loads, a 1,000-event case's attachments were 214 of its 217 KB (issue 8). The views
/// keep one row per attachment instead, and history folds them here up to any version.
/// </summary>
public static class CaseDocuments
{
    /// <summary>The attachment event <paramref name="version"/> records, or null when it records none.</summary>
    public static AttachedDocument? Of(object @event, long version) =>
        @event is DocumentAttached e ? new AttachedDocument(e.Name, e.Sha256, e.MediaType, e.Size, e.AttachedBy, version) : null;

    /// <summary>Every attachment of a stream read from its first event (version 1).</summary>
    public static ImmutableList<AttachedDocument> Replay(IEnumerable<object> events) =>
        [.. events.Select((e, i) => Of(e, i + 1)).OfType<AttachedDocument>()];
}
