using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

public class when_an_integration_fails
{
    private static CaseScenario Opened() => new CaseScenario(Procedure.Definition).Open(Procedure.Applicant);

    [Fact]
    public void a_transient_failure_is_retried_after_the_backoff_with_the_same_idempotency_key()
    {
        var scenario = Opened();

        var events = scenario.When(new IntegrationErrored("protocol", 1, "503 Service Unavailable", Transient: true));

        events.ShouldBeEvents(
            new IntegrationFailed("protocol", "main", "protocol.register", 1, "503 Service Unavailable", WillRetry: true),
            new IntegrationRequested("protocol", "main", "protocol.register", 2, "SUAP-H769-2026-0000001/protocol/1",
                CaseScenario.Json(new { direction = "incoming", subject = "SUAP – Mario Rossi" }), CaseScenario.Monday.AddSeconds(30)));
    }

    [Fact]
    public void the_last_failure_raises_an_incident_and_the_case_waits_there()
    {
        var scenario = Opened();
        scenario.When(new IntegrationErrored("protocol", 1, "503", Transient: true));

        var events = scenario.When(new IntegrationErrored("protocol", 2, "timeout after 30 s", Transient: true));

        events.ShouldBeEvents(
            new IntegrationFailed("protocol", "main", "protocol.register", 2, "timeout after 30 s", WillRetry: false),
            new IncidentRaised("protocol", "main", "protocol.register", 2, "gave up after 2 attempts: timeout after 30 s"));
        scenario.MainStep.ShouldBe("protocol");
    }

    [Fact]
    public void a_permanent_failure_gives_up_at_once()
    {
        var scenario = Opened();

        var events = scenario.When(new IntegrationErrored("protocol", 1, "400 oggetto mancante", Transient: false));

        EventText.Types(events).ShouldBe(["IntegrationFailed", "IncidentRaised"]);
    }

    [Fact]
    public void retrying_the_incident_calls_again_with_the_next_attempt()
    {
        var scenario = Opened();
        scenario.When(new IntegrationErrored("protocol", 1, "400", Transient: false));

        var events = scenario.When(new RetryIncident("protocol", CaseScenario.SuapClerk));

        events.ShouldBeEvents(
            new IncidentResolved("protocol", "main", "retried", "mario.rossi"),
            new IntegrationRequested("protocol", "main", "protocol.register", 2, "SUAP-H769-2026-0000001/protocol/1",
                CaseScenario.Json(new { direction = "incoming", subject = "SUAP – Mario Rossi" }), scenario.Now)); // an operator's retry goes at once
    }

    [Fact]
    public void a_duplicate_or_late_answer_does_nothing()
    {
        var scenario = Opened();
        var result = CaseScenario.Json(new { number = "0000042" });
        scenario.When(new IntegrationCompleted("protocol", 1, result));

        scenario.When(new IntegrationCompleted("protocol", 1, result)).ShouldBeEmpty();
        scenario.When(new IntegrationErrored("protocol", 1, "late", true)).ShouldBeEmpty();
    }

    [Fact]
    public void a_call_with_on_failure_goes_there_instead_of_raising_an_incident()
    {
        var scenario = Opened();
        scenario.When(new IntegrationCompleted("protocol", 1, CaseScenario.Json(new { number = "0000042" })));

        var events = scenario.When(new IntegrationErrored("visura", 1, "particella non trovata", Transient: false));

        events.OfType<IncidentRaised>().ShouldBeEmpty();
        events.OfType<BranchFinished>().Single().ShouldBe(new BranchFinished("checks", "checks/visura", "review"));
    }

    [Fact]
    public void retrying_a_step_without_an_incident_is_refused()
    {
        Opened().Refused(new RetryIncident("protocol", CaseScenario.SuapClerk)).Code.ShouldBe("no-incident");
    }
}
