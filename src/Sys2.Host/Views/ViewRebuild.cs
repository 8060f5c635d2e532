using System.Diagnostics;
using Marten;

namespace Sys2.Host.Views;

/// <summary>
/// Rebuilds the case summaries and the attachment rows from the events alone: after a change to the projection, or to
/// prove the views hold nothing the events don't.
/// </summary>
public static class ViewRebuild
{
    public static async Task<TimeSpan> RunAsync(IDocumentStore store, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<CaseSummaryProjection>(TimeSpan.FromMinutes(30), ct);
        await daemon.RebuildProjectionAsync<CaseAttachmentProjection>(TimeSpan.FromMinutes(30), ct);
        return watch.Elapsed;
    }
}
