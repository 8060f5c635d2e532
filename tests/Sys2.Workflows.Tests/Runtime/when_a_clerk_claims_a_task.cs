using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// A task is assigned to a role of an office: it waits in the office's queue until a person of the office
// claims it. Claimed, it is hers: nobody else claims or completes it until she releases it or a manager
// reassigns it.
public class when_a_clerk_claims_a_task
{
    private static readonly Actor Colleague = new("franco.vitali", "clerk", "SUAP") { Name = "Franco Vitali" };
    private static readonly Actor Manager = new("paolo.ricci", "manager", "") { Name = "Paolo Ricci" };
    private static readonly Actor Clerk = CaseScenario.SuapClerk with { Name = "Mario Rossi" };

    private static CaseScenario ClaimedByMario()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new ClaimTask("review", Clerk));
        return scenario;
    }

    private static TaskBookmark Review(CaseScenario scenario) => (TaskBookmark)scenario.State.TokensAt("review").Single().Bookmark!;

    [Fact]
    public void the_task_becomes_hers()
    {
        var scenario = Procedure.AtReview();

        scenario.When(new ClaimTask("review", Clerk)).ShouldBeEvents(new TaskClaimed("review", "main", "mario.rossi", "Mario Rossi"));

        (Review(scenario).Assignee, Review(scenario).AssigneeName).ShouldBe(("mario.rossi", "Mario Rossi"));
    }

    [Fact]
    public void a_colleague_cannot_claim_it_nor_complete_it()
    {
        var scenario = ClaimedByMario();

        var claim = scenario.Refused(new ClaimTask("review", Colleague));
        claim.Code.ShouldBe("task-held-by-another");
        claim.Message.ShouldContain("Mario Rossi (mario.rossi)");
        scenario.Refused(new CompleteTask("review", "approve", CaseScenario.Json(new { notes = "ok" }), Colleague)).Code.ShouldBe("task-held-by-another");
    }

    [Fact]
    public void claiming_her_own_task_again_appends_nothing()
    {
        ClaimedByMario().When(new ClaimTask("review", Clerk)).ShouldBeEmpty();
    }

    [Fact]
    public void a_clerk_of_another_office_cannot_claim_it()
    {
        Procedure.AtReview().Refused(new ClaimTask("review", new Actor("anna", "clerk", "SUE"))).Code.ShouldBe("wrong-office");
    }

    [Fact]
    public void released_it_goes_back_to_the_queue_and_a_colleague_takes_it()
    {
        var scenario = ClaimedByMario();

        scenario.When(new ReleaseTask("review", Clerk)).ShouldBeEvents(new TaskReleased("review", "main", "mario.rossi"));
        Review(scenario).Assignee.ShouldBeNull();
        scenario.When(new ClaimTask("review", Colleague));
        Review(scenario).Assignee.ShouldBe("franco.vitali");
    }

    [Fact]
    public void only_the_holder_releases_it()
    {
        ClaimedByMario().Refused(new ReleaseTask("review", Colleague)).Code.ShouldBe("task-not-yours");
        Procedure.AtReview().Refused(new ReleaseTask("review", Clerk)).Code.ShouldBe("task-not-yours");
    }

    [Fact]
    public void a_manager_reassigns_it_for_an_absence_and_the_new_holder_completes_it()
    {
        var scenario = ClaimedByMario();

        scenario.When(new ReassignTask("review", "franco.vitali", "Franco Vitali", "assenza per malattia", Manager))
            .ShouldBeEvents(new TaskReassigned("review", "main", "mario.rossi", "franco.vitali", "Franco Vitali", "paolo.ricci", "assenza per malattia"));

        Review(scenario).Assignee.ShouldBe("franco.vitali");
        scenario.Refused(new CompleteTask("review", "approve", CaseScenario.Json(new { notes = "ok" }), Clerk)).Code.ShouldBe("task-held-by-another");
        scenario.When(new CompleteTask("review", "approve", CaseScenario.Json(new { notes = "ok" }), Colleague)).OfType<TaskCompleted>().ShouldHaveSingleItem();
    }

    [Fact]
    public void a_manager_assigns_a_task_of_the_queue()
    {
        var scenario = Procedure.AtReview();

        scenario.When(new ReassignTask("review", "franco.vitali", null, "carico di lavoro", Manager))
            .ShouldBeEvents(new TaskReassigned("review", "main", null, "franco.vitali", null, "paolo.ricci", "carico di lavoro"));
    }

    [Fact]
    public void a_reassignment_needs_a_manager_and_a_reason()
    {
        ClaimedByMario().Refused(new ReassignTask("review", "franco.vitali", null, "assenza", Colleague)).Code.ShouldBe("not-a-manager");
        ClaimedByMario().Refused(new ReassignTask("review", "franco.vitali", null, " ", Manager)).Code.ShouldBe("reason-required");
        ClaimedByMario().Refused(new ReassignTask("review", "mario.rossi", null, "assenza", Manager)).Code.ShouldBe("already-assigned");
    }

    [Fact]
    public void a_step_without_an_open_task_is_refused()
    {
        Procedure.AtReview().Refused(new ClaimTask("final-review", Clerk)).Code.ShouldBe("no-open-task");
    }
}
