using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

public class when_branches_run_in_parallel
{
    private static readonly string[] Branches = ["checks/visura", "checks/fees"];

    private static CaseScenario Registered(long fee)
    {
        var yaml = Procedure.Yaml.Replace("out: { protocolNumber: result.number }", "out: { protocolNumber: result.number, fee: result.fee }");
        var scenario = new CaseScenario(TestDefinitions.FromYaml(yaml)).Open(Procedure.Applicant);
        scenario.When(new IntegrationCompleted("protocol", 1, CaseScenario.Json(new { number = "0000042", fee })));
        return scenario;
    }

    [Fact]
    public void each_branch_runs_on_its_own_token()
    {
        var scenario = Registered(fee: 5000);

        EventText.Types(scenario.LastEvents).ShouldBe([
            "IntegrationSucceeded", "VariablesSet", "StepEntered", "DeadlineStarted", "BranchesForked",
            "StepEntered", "IntegrationRequested", "StepEntered", "DecisionTaken", "StepEntered", "IntegrationRequested"]);
        scenario.LastEvents.OfType<BranchesForked>().ShouldBeEvents(new BranchesForked("checks", "main", "review", Branches));
        scenario.LastEvents.OfType<DecisionTaken>().Single().ShouldBe(new DecisionTaken("fees", "checks/fees", "vars.fee > 0", "pay"));
        scenario.PendingCalls().Select(p => p.Step).ShouldBe(["pay", "visura"]);
    }

    [Fact]
    public void the_join_is_entered_once_when_the_last_branch_arrives()
    {
        var scenario = Registered(fee: 5000);
        scenario.When(new IntegrationCompleted("visura", 1, CaseScenario.Json(new { categoria = "C/1" })))
            .OfType<BranchFinished>().Single().Token.ShouldBe("checks/visura");
        scenario.OpenTasks().ShouldBeEmpty();
        scenario.When(new IntegrationCompleted("pay", 1, CaseScenario.Json(new { iuv = "02000000001234559" })));

        var events = scenario.When(new ReceiveEvent("payment-received", CaseScenario.Json(new { paidAt = "2026-03-03T10:00:00Z" })));

        events.ShouldBeEvents(
            new ExternalEventReceived("await-payment", "checks/fees", "payment-received", CaseScenario.Json(new { paidAt = "2026-03-03T10:00:00Z" })),
            new VariablesSet("await-payment", CaseScenario.Json(new { paidAt = "2026-03-03T10:00:00Z" })),
            new BranchFinished("checks", "checks/fees", "review"),
            new BranchesJoined("checks", "main", "review"),
            new StepEntered("review", "task", "main", 1),
            new TaskAssigned("review", "main", "clerk", "SUAP", ["approve", "request-integration", "request-documents", "reject"], null));
        scenario.State.Tokens.Keys.ShouldBe(["main"]);
    }

    [Fact]
    public void a_decision_without_a_fee_takes_the_otherwise_branch()
    {
        var scenario = Registered(fee: 0);

        scenario.LastEvents.OfType<DecisionTaken>().Single().ShouldBe(new DecisionTaken("fees", "checks/fees", "otherwise", "review"));
        scenario.LastEvents.OfType<BranchFinished>().Single().Token.ShouldBe("checks/fees");
    }

    [Fact]
    public void an_expiry_abandons_every_branch()
    {
        var scenario = Registered(fee: 5000);

        var events = scenario.ClockExpires("decision");

        events.OfType<StepAbandoned>().Select(a => a.Token).ShouldBe(["checks/fees", "checks/visura", "main"]);
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("deemed-approved");
    }
}
