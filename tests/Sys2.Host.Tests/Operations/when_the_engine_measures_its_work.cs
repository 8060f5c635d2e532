using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Cases;
using Sys2.Host.Operations;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Operations;

public sealed class when_the_engine_measures_its_work : IAsyncLifetime
{
    private CaseHost _host = null!;
    private MeterListener _listener = null!;
    private readonly ConcurrentQueue<Measurement> _measured = new();

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_the_engine_measures_its_work));
        // Only this host's meter: other test classes run hosts with the same meter name at the same time.
        var meters = _host.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Meter.Scope == meters) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measured.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _host.DisposeAsync();
    }

    private double Sum(string instrument) => _measured.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    [Fact]
    public async Task each_step_counts_its_events_and_each_call_its_latency_per_system()
    {
        var caseId = await _host.FileAsync();
        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check assigned");

        // Opened, then the catalogue's and the protocol's answers: three decisions that appended.
        await Eventually.HoldsAsync(() => Task.FromResult(Sum("sys2.engine.events")), total => total == events.Count, "every event counted");
        Sum("sys2.engine.steps").ShouldBe(3);
        _measured.Where(m => m.Instrument == "sys2.engine.steps").ShouldAllBe(m => (string?)m.Tags["sys2.definition"] == "suap.scia");

        var calls = _measured.Where(m => m.Instrument == "sys2.integration.call.duration").ToList();
        calls.Select(c => c.Tags["sys2.integration.activity"]).ShouldBe([Activities.ProcediMarcheLookup, Activities.ProtocolRegister]);
        calls.Select(c => c.Tags["sys2.integration.system"]).ShouldBe(["procedimarche", "protocol"]);
        calls.ShouldAllBe(c => (string?)c.Tags["sys2.integration.outcome"] == "answered" && c.Value >= 0);
    }

    [Fact]
    public async Task refusals_and_conflicts_are_counted_and_append_nothing()
    {
        var caseId = await _host.FileAsync();
        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check assigned");
        var steps = Sum("sys2.engine.steps");

        (await _host.CompleteAsync(caseId, "formal-check", "no-such-outcome")).Status.ShouldBe(CommandStatus.Refused);
        var stale = await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, events.Count - 1,
            new CompleteTask("formal-check", "complete", [], Scia.Sportello), Scia.Sportello));
        stale.Status.ShouldBe(CommandStatus.Conflict);

        Sum("sys2.engine.commands.refused").ShouldBe(1);
        Sum("sys2.engine.commands.conflicted").ShouldBe(1);
        Sum("sys2.engine.steps").ShouldBe(steps);
    }

    [Fact]
    public async Task the_gauges_show_open_incidents_and_terms_due_within_a_week()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 3, transient: true);
        var failing = await _host.FileAsync();
        await _host.WhenAsync(failing, e => e.OfType<IntegrationFailed>().Count() == 1, "attempt 1 failed");
        await _host.Timers.AdvanceAsync(TimeSpan.FromSeconds(10));
        await _host.WhenAsync(failing, e => e.OfType<IntegrationFailed>().Count() == 2, "attempt 2 failed");
        await _host.Timers.AdvanceAsync(TimeSpan.FromSeconds(20));
        await _host.WhenAsync(failing, e => e.OfType<IncidentRaised>().Any(), "the incident");

        var running = await _host.FileAsync();
        var due = (await _host.WhenAsync(running, e => e.OfType<DeadlineStarted>().Any(), "the term started")).OfType<DeadlineStarted>().Single().DueAt;
        (await _host.Services.GetRequiredService<CaseWorkload>().RefreshAsync()).DeadlinesDue.ShouldBe(0);

        _host.Clock.Advance(due - _host.Clock.GetUtcNow() - TimeSpan.FromDays(6));
        var counted = await _host.Services.GetRequiredService<CaseWorkload>().RefreshAsync();

        counted.ShouldBe(new WorkloadCount(IncidentsOpen: 1, DeadlinesDue: 1, _host.Clock.GetUtcNow()));
        _listener.RecordObservableInstruments();
        _measured.Last(m => m.Instrument == "sys2.cases.incidents.open").Value.ShouldBe(1);
        _measured.Last(m => m.Instrument == "sys2.cases.deadlines.due").Value.ShouldBe(1);
    }
}
