using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Engine;

public sealed class when_a_case_calls_a_regional_system : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseHost.StartAsync(nameof(when_a_case_calls_a_regional_system));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_engine_carries_the_calls_and_brings_the_answers_back_until_a_clerk_is_needed()
    {
        var caseId = await _host.FileAsync();

        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check assigned");

        events.OfType<IntegrationSucceeded>().Select(s => s.Step).ShouldBe(["catalogue", "protocol"]);
        events.OfType<VariablesSet>().First(v => v.Step == "protocol").Values["protocolNumber"]!.GetValue<string>().ShouldBe("0000001");
        events.OfType<DeadlineStarted>().Single().Clock.ShouldBe("control");
        events.OfType<TaskAssigned>().Single().Step.ShouldBe("formal-check");
        var calls = _host.Activities.CallsOf(caseId);
        calls.Select(c => c.Activity).ShouldBe([Activities.ProcediMarcheLookup, Activities.ProtocolRegister]);
        calls.Select(c => c.IdempotencyKey).ShouldBe(events.OfType<IntegrationRequested>().Select(r => r.IdempotencyKey));
        calls.ShouldAllBe(c => c.Tenant == "H769" && c.CaseId == caseId);
    }

    [Fact]
    public async Task a_transient_failure_is_retried_after_its_backoff()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 1, transient: true);
        var caseId = await _host.FileAsync();
        await _host.WhenAsync(caseId, e => e.OfType<IntegrationFailed>().Any(), "the first attempt failed");

        await _host.Timers.AdvanceAsync(TimeSpan.FromSeconds(10)); // the default backoff before attempt 2

        var events = await _host.WhenAsync(caseId, e => e.OfType<IntegrationSucceeded>().Any(s => s.Step == "catalogue"), "the retry answered");
        var failed = events.OfType<IntegrationFailed>().Single();
        failed.WillRetry.ShouldBeTrue();
        failed.Error.ShouldContain("503");
        events.OfType<IntegrationSucceeded>().First().Attempt.ShouldBe(2);
    }

    [Fact]
    public async Task the_last_failure_raises_an_incident_and_a_retry_goes_on_from_there()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 3, transient: true);
        var caseId = await _host.FileAsync();
        await _host.WhenAsync(caseId, e => e.OfType<IntegrationFailed>().Count() == 1, "attempt 1 failed");
        await _host.Timers.AdvanceAsync(TimeSpan.FromSeconds(10));
        await _host.WhenAsync(caseId, e => e.OfType<IntegrationFailed>().Count() == 2, "attempt 2 failed");
        await _host.Timers.AdvanceAsync(TimeSpan.FromSeconds(20));

        var events = await _host.WhenAsync(caseId, e => e.OfType<IncidentRaised>().Any(), "the incident");
        events.OfType<IncidentRaised>().Single().Attempts.ShouldBe(3);
        _host.Activities.CallsOf(caseId).Count.ShouldBe(3);

        var retry = await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, events.Count,
            new RetryIncident("catalogue", Scia.Sportello), Scia.Sportello));
        retry.Status.ShouldBe(CommandStatus.Accepted, retry.Error);

        events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the case moved on after the retry");
        events.OfType<IncidentResolved>().Single().ResolvedBy.ShouldBe(Scia.Sportello.User);
    }

    [Fact]
    public async Task a_permanent_failure_raises_an_incident_at_once()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 1, transient: false, "404 procedure SUAP-SCIA unknown");
        var caseId = await _host.FileAsync();

        var events = await _host.WhenAsync(caseId, e => e.OfType<IncidentRaised>().Any(), "the incident");

        events.OfType<IncidentRaised>().Single().Reason.ShouldContain("SUAP-SCIA unknown");
        (await _host.Timers.ScheduledCountAsync()).ShouldBe(0); // nothing left to retry by itself
    }
}
