namespace Sys2.Host.Cases;

/// <summary>
/// One lane per case inside this process. The engine's answers for one case (two parallel
/// branches answering at once, a timer and a call) would otherwise race and retry on version
/// conflicts; queued one after the other they simply apply. Across processes the expected
/// version still guards the stream. Striped, so memory does not grow with the number of cases.
/// </summary>
public sealed class CaseLocks
{
    private readonly SemaphoreSlim[] _lanes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string caseId, CancellationToken ct)
    {
        var lane = _lanes[(uint)StringComparer.Ordinal.GetHashCode(caseId) % _lanes.Length];
        await lane.WaitAsync(ct);
        return new Exit(lane);
    }

    private sealed class Exit(SemaphoreSlim lane) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) lane.Release();
        }
    }
}
