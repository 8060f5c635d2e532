namespace Sys2.Integrations.Tests.Harness;

/// <summary>The real clock plus an offset the test moves forward, for due dates and expiry.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private TimeSpan _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
