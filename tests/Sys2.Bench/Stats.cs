using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sys2.Bench;

/// <summary>Latencies in milliseconds, thread-safe to record, sorted to read.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<double> _samples = [];

    public int Count => _samples.Count;

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public void Add(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp));

    public double Percentile(double p)
    {
        var sorted = _samples.ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public string Describe() => Count == 0 ? "–" : $"p50 {Percentile(50):0.0} ms · p99 {Percentile(99):0.0} ms (n={Count:N0})";
}
