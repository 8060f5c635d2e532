using System.Collections.Concurrent;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// Locked-down engines waiting for work. Building one costs milliseconds (the lockdown freezes every built-in),
/// so they are reused; an engine is only ever used by the thread that rented it.
/// </summary>
internal sealed class EnginePool(ExpressionLimits limits)
{
    private readonly ConcurrentBag<SandboxEngine> _idle = [];
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    private int _idleCount;

    public SandboxEngine Rent()
    {
        if (_idle.TryTake(out var engine))
        {
            Interlocked.Decrement(ref _idleCount);
            return engine;
        }
        return new SandboxEngine(limits);
    }

    /// <summary>Takes back an engine whose last evaluation ended normally or with an ordinary script error.</summary>
    public void Return(SandboxEngine engine)
    {
        if (Interlocked.Increment(ref _idleCount) <= _maxIdle)
            _idle.Add(engine);
        else
            Interlocked.Decrement(ref _idleCount);
    }
}
