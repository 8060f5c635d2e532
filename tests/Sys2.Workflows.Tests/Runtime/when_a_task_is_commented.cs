using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// Notes kept with an open task are part of the case's record (who wrote what, when); they change nothing the
// decider reads, so the task stays where it is.
public class when_a_task_is_commented
{
    [Fact]
    public void the_note_is_recorded_with_its_author_and_the_task_stays_open()
    {
        var scenario = Procedure.AtReview();
        var before = scenario.State with { Version = 0 };

        scenario.When(new CommentTask("review", "  Telefonato al richiedente: invia la planimetria  ", CaseScenario.SuapClerk with { Name = "Mario Rossi" }))
            .ShouldBeEvents(new TaskCommented("review", "main", "mario.rossi", "Mario Rossi", "Telefonato al richiedente: invia la planimetria"));

        (scenario.State with { Version = 0 }).Tokens.ShouldBe(before.Tokens);
    }

    [Fact]
    public void an_empty_note_or_one_from_another_office_is_refused()
    {
        Procedure.AtReview().Refused(new CommentTask("review", " ", CaseScenario.SuapClerk)).Code.ShouldBe("comment-empty");
        Procedure.AtReview().Refused(new CommentTask("review", "nota", new Actor("anna", "clerk", "SUE"))).Code.ShouldBe("wrong-office");
        Procedure.AtReview().Refused(new CommentTask("final-review", "nota", CaseScenario.SuapClerk)).Code.ShouldBe("no-open-task");
    }

    [Fact]
    public void a_manager_may_write_a_note_on_a_task_of_any_office()
    {
        Procedure.AtReview().When(new CommentTask("review", "priorità alta", new Actor("paolo.ricci", "manager", "")))
            .OfType<TaskCommented>().ShouldHaveSingleItem();
    }
}
