namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Waits for work the engine does in the background (a durable message handled, a timer
/// polled). It waits for a state, never for a time: a slow machine only makes it wait longer.
/// </summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? within = null, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        var last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"still waiting for {what}; last seen: {(describe is null ? last : describe(last))}");
            await Task.Delay(50);
            last = await read();
        }
        return last;
    }
}
