using System.Diagnostics.Metrics;
using Sys2.Host.Cases;

namespace Sys2.Host.Operations;

/// <summary>
/// The engine's own instruments, on the meter <see cref="MeterName"/>: steps decided and events
/// appended, commands refused or in conflict, the latency of each regional system, and three
/// gauges of the open workload. Tags stay few (definition, system, activity, outcome): a case id
/// or a tenant as a tag would make one time series per case.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "Sys2.Engine";

    private readonly Counter<long> _steps;
    private readonly Counter<long> _events;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _callDuration;

    public EngineMetrics(IMeterFactory meters, CaseWorkload workload)
    {
        var meter = meters.Create(MeterName);
        _steps = meter.CreateCounter<long>("sys2.engine.steps", "{step}", "Decisions that appended events to a case");
        _events = meter.CreateCounter<long>("sys2.engine.events", "{event}", "Events appended to cases");
        _refused = meter.CreateCounter<long>("sys2.engine.commands.refused", "{command}", "Commands the decider refused");
        _conflicts = meter.CreateCounter<long>("sys2.engine.commands.conflicted", "{command}",
            "Commands decided on a stale version of their case (the engine's own are decided again)");
        _callDuration = meter.CreateHistogram<double>("sys2.integration.call.duration", "s", "Duration of calls to the regional systems",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        meter.CreateObservableGauge("sys2.cases.incidents.open", () => workload.Latest.IncidentsOpen, "{incident}",
            "Open incidents over all entities (refreshed every 30 s)");
        meter.CreateObservableGauge("sys2.payments.unmatched.open", () => workload.Latest.UnmatchedPaymentsOpen, "{payment}",
            "Payments no case took, not yet handled by an operator, over all entities (refreshed every 30 s)");
        meter.CreateObservableGauge("sys2.cases.deadlines.due", () => workload.Latest.DeadlinesDue, "{deadline}",
            $"Running legal terms that end within {CaseWorkload.DueWithin.TotalDays:0} days, over all entities (refreshed every 30 s)");
    }

    /// <summary>Counts what a command came to and hands its outcome back, so a call site stays one line.</summary>
    public CommandOutcome Counted(string definition, CommandOutcome outcome)
    {
        var tag = new KeyValuePair<string, object?>("sys2.definition", definition);
        switch (outcome.Status)
        {
            case CommandStatus.Accepted when outcome.Events.Count > 0:
                _steps.Add(1, tag);
                _events.Add(outcome.Events.Count, tag);
                break;
            case CommandStatus.Refused:
                _refused.Add(1, tag);
                break;
            case CommandStatus.Conflict:
                _conflicts.Add(1, tag);
                break;
        }
        return outcome;
    }

    /// <summary>One call to a regional system; its activity is <c>system.operation</c>, e.g. <c>protocol.register</c>.</summary>
    public void IntegrationCalled(string activity, string outcome, TimeSpan elapsed)
    {
        var dot = activity.IndexOf('.');
        _callDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("sys2.integration.system", dot > 0 ? activity[..dot] : activity),
            new KeyValuePair<string, object?>("sys2.integration.activity", activity),
            new KeyValuePair<string, object?>("sys2.integration.outcome", outcome));
    }
}

public static class EngineMetricsSetup
{
    public static void AddEngineMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<CaseWorkload>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseWorkload>());
        services.AddSingleton<EngineMetrics>();
        services.DecorateActivityPort();
    }
}
