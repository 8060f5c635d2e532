namespace Sys2.Workflows.Indicators;

/// <summary>One step of a definition: how many open cases stand on it now, and the median time a stay there lasted.</summary>
/// <param name="Stays">Finished stays the median is taken over.</param>
public sealed record StepFigure(string Step, int CasesNow, int Stays, TimeSpan? Median);

/// <summary>
/// The load of a definition's steps, for the heatmap on its diagram: where the open cases stand now (the fold's
/// positions) and the median time spent in each step, over the finished stays (entered and left, from the events).
/// A stay still running is not finished and has no length yet: it shows in <c>CasesNow</c>.
/// </summary>
public static class StepLoad
{
    public static IReadOnlyList<StepFigure> Compute(IEnumerable<CaseFacts> cases, IEnumerable<string> steps)
    {
        var list = cases.ToList();
        return [.. steps.Select(step =>
        {
            var lengths = list.SelectMany(c => c.Stays).Where(s => s.Step == step && s.Duration is not null)
                .Select(s => s.Duration!.Value).Order().ToList();
            return new StepFigure(step, list.Count(c => c.CurrentSteps.Contains(step)), lengths.Count, Median(lengths));
        })];
    }

    /// <summary>The middle stay, or the mean of the two middle ones.</summary>
    public static TimeSpan? Median(IReadOnlyList<TimeSpan> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    };
}
