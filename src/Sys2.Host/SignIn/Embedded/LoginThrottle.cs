using System.Collections.Concurrent;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// Slows down password guessing on the login page: after <see cref="MaxFailures"/> wrong passwords
/// for one user name within <see cref="Window"/>, that name is refused (even with the right password)
/// until the window has passed since its last failure. Counted per user name, not per address, since
/// the entity's staff reach Sys2 through one proxy. Kept in memory: each host counts on its own, and
/// a restart forgets, which bounds the guesses per host at a few per quarter hour.
/// </summary>
public sealed class LoginThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last)> _failures = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = TimeProvider.System; // the wall clock, as all of sign-in

    /// <summary>How long the name stays refused; null when it may try.</summary>
    public TimeSpan? Locked(string userName)
    {
        if (!_failures.TryGetValue(LocalAccounts.Key(userName), out var seen) || seen.Failures < MaxFailures) return null;
        var left = seen.Last + Window - _clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    public void Failed(string userName) =>
        _failures.AddOrUpdate(LocalAccounts.Key(userName), _ => (1, _clock.GetUtcNow()),
            (_, seen) => (_clock.GetUtcNow() - seen.Last > Window ? 1 : seen.Failures + 1, _clock.GetUtcNow()));

    public void Succeeded(string userName) => _failures.TryRemove(LocalAccounts.Key(userName), out _);
}
