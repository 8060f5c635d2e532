using System.Runtime;

namespace Sys2.Bench;

/// <summary>One warm-up batch: the mix on <see cref="Cases"/> cases, and what this process spent on it.</summary>
public sealed record WarmUpBatch(int Cases, long Steps, TimeSpan HostCpu, TimeSpan JitThread, long MethodsCompiled, TimeSpan Elapsed)
{
    public double HostCpuMsPerStep => HostCpu.TotalMilliseconds / Math.Max(1, Steps);
    public override string ToString() => $"{HostCpuMsPerStep:0.00} ms (JIT thread {JitThread / HostCpu:0%}, {MethodsCompiled:N0} methods compiled)";
}

/// <summary>
/// Runs the mix in batches until the host CPU per step stops falling: right after start-up the
/// JIT still compiles and recompiles (tiered compilation, dynamic PGO) on the host's own cores,
/// and a short warm-up leaves that cost in the measured mix. Steady means two consecutive
/// batches within <see cref="Tolerance"/> of each other; CPU time, not wall time, so a neighbour's
/// load does not decide it. Bounded by a number of batches, so a noisy machine cannot stall the run.
/// </summary>
public static class WarmUp
{
    public const double Tolerance = 0.10;

    public static async Task<IReadOnlyList<WarmUpBatch>> RunAsync(EngineDriver driver, BenchOptions options, Action<string> log)
    {
        var batches = new List<WarmUpBatch>();
        while (batches.Count < options.WarmupMaxBatches && !Steady(batches))
        {
            var (jit, methods, cpu) = (CpuMeter.JitThread(), JitInfo.GetCompiledMethodCount(), CpuMeter.Sample(null));
            var mix = await driver.RunMixAsync(options.WarmupBatch, offset: 1_000_000 + batches.Count * options.WarmupBatch);
            var batch = new WarmUpBatch(options.WarmupBatch, mix.Steps, (CpuMeter.Sample(null) - cpu).Host,
                CpuMeter.JitThread() - jit, JitInfo.GetCompiledMethodCount() - methods, mix.Elapsed);
            batches.Add(batch);
            log($"warm-up batch {batches.Count}: {batch.Steps} steps, host CPU per step {batch}, {mix.StepsPerSecond:0} steps/s, unfinished {mix.Unfinished}");
        }
        return batches;
    }

    public static bool Steady(IReadOnlyList<WarmUpBatch> batches) =>
        batches.Count >= 2 && Math.Abs(batches[^1].HostCpuMsPerStep - batches[^2].HostCpuMsPerStep) / batches[^2].HostCpuMsPerStep < Tolerance;
}
