namespace Sys2.Integrations.Tests.Harness;

/// <summary>A clock a test sets by hand, for the sandbox simulators that read time (e.g. the protocol's year).</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
