namespace Sys2.Workflows.Expressions;

/// <summary>
/// The budget one evaluation of an expression may spend. Breaking any of them stops the evaluation with an
/// <see cref="ExpressionException"/> whose <see cref="ExpressionException.Kind"/> names the limit.
/// </summary>
/// <param name="Timeout">Wall-clock time of one evaluation.</param>
/// <param name="MaxStatements">JavaScript statements one evaluation may execute (loops inside function expressions count).</param>
/// <param name="MaxMemoryBytes">Managed bytes one evaluation may allocate; also bounds the size of strings, arrays and results.</param>
/// <param name="MaxRecursion">How many times one function may be on the call stack at once.</param>
public sealed record ExpressionLimits(TimeSpan Timeout, int MaxStatements, long MaxMemoryBytes, int MaxRecursion)
{
    public static ExpressionLimits Default { get; } = new(TimeSpan.FromMilliseconds(250), 10_000, 4_000_000, 64);

    internal const int MinStatements = 100;
    internal const long MinMemoryBytes = 1_000_000;

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout == TimeSpan.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "An expression timeout must be positive and finite.");
        // The lockdown of each engine runs under the same limits: it needs a few dozen statements and ~100 KB.
        if (MaxStatements < MinStatements)
            throw new ArgumentOutOfRangeException(nameof(MaxStatements), MaxStatements, $"The statement limit must be at least {MinStatements}.");
        if (MaxMemoryBytes < MinMemoryBytes || MaxMemoryBytes == long.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(MaxMemoryBytes), MaxMemoryBytes, $"The memory limit must be at least {MinMemoryBytes} bytes and finite.");
        if (MaxRecursion <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxRecursion), MaxRecursion, "The recursion limit must be positive.");
    }

    /// <summary>The longest string an expression may build: a string of this length alone fills the memory budget.</summary>
    internal int MaxStringLength => (int)Math.Min(MaxMemoryBytes / sizeof(char), 1 << 28);

    /// <summary>The longest array an expression may build (a JavaScript value slot costs at least 16 bytes).</summary>
    internal uint MaxArrayLength => (uint)Math.Min(MaxMemoryBytes / 16, 1 << 28);
}
