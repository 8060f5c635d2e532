using System.Collections.Concurrent;

namespace Sys2.Sandbox.Faults;

/// <summary>
/// The fault plan of every simulated system and one seeded random source per system, so
/// that the faults one system draws do not depend on how often the others were called.
/// </summary>
public sealed class FaultInjector(int seed)
{
    private readonly ConcurrentDictionary<string, FaultSettings> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Random> _random = new(StringComparer.OrdinalIgnoreCase);

    public int Seed { get; } = seed;

    public FaultSettings For(string system) => _settings.GetValueOrDefault(system, FaultSettings.None);

    public void Set(string system, FaultSettings settings) => _settings[system] = settings;

    public void Clear() => _settings.Clear();

    /// <summary>True with probability <paramref name="share"/>, drawn from <paramref name="system"/>'s source.</summary>
    public bool Draw(string system, double share)
    {
        if (share <= 0) return false;
        if (share >= 1) return true;
        var random = _random.GetOrAdd(system, s => new Random(unchecked(Seed * 31 + StableHash(s))));
        lock (random) return random.NextDouble() < share;
    }

    // string.GetHashCode and HashCode.Combine are randomised per process; a seed must mean the same run every time.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text.ToLowerInvariant()) hash = unchecked(hash * 31 + c);
        return hash;
    }
}
