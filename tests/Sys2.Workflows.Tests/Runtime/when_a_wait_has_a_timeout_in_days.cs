using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// A wait in days is a term given to someone else (10 days for observations, art. 10-bis
// L. 241/1990; 30 days for integrations or compliance measures): it runs to the end of the
// last day and, like every term in days, moves past Sundays and holidays (art. 2963 c.c.).
public class when_a_wait_has_a_timeout_in_days
{
    private static readonly TimeSpan Rome = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(2, 12)] // preavviso on Monday 2 March: + 10 = Thursday 12 March
    [InlineData(5, 16)] // preavviso on Thursday 5 March: + 10 = Sunday 15 March -> Monday 16 March
    public void it_ends_at_the_end_of_the_last_day(int preavvisoDay, int lastDay)
    {
        var scenario = Procedure.AtReview().At(new DateTimeOffset(2026, 3, preavvisoDay, 9, 0, 0, Rome));

        var started = scenario.When(new CompleteTask("review", "reject", new(), CaseScenario.SuapClerk)).OfType<WaitStarted>().Single();

        started.TimeoutAt.ShouldBe(new DateTimeOffset(2026, 3, lastDay, 23, 59, 59, Rome));
    }

    [Fact]
    public void observations_sent_in_the_afternoon_of_the_tenth_day_are_received()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new CompleteTask("review", "reject", new(), CaseScenario.SuapClerk));
        var timeoutAt = ((WaitBookmark)scenario.State.Tokens[Token.Main].Bookmark!).TimeoutAt!.Value;
        var sent = new DateTimeOffset(2026, 3, 12, 18, 0, 0, Rome);

        timeoutAt.ShouldBeGreaterThan(sent); // the timer has not fired yet: the wait is still open
        var events = scenario.At(sent).When(new ReceiveEvent("observations-received", new()));

        events.OfType<ExternalEventReceived>().Single().Step.ShouldBe("preavviso");
        scenario.OpenTasks().ShouldBe(["final-review"]);
    }

    [Fact]
    public void a_timeout_in_hours_stays_exact()
    {
        var yaml = Procedure.Yaml.Replace("wait: { for: observations-received, timeout: 10d }", "wait: { for: observations-received, timeout: 48h }");
        var scenario = new CaseScenario(TestDefinitions.FromYaml(yaml)).Open(Procedure.Applicant);
        scenario.AnswerCalls(_ => new { number = "0000042" });

        var started = scenario.When(new CompleteTask("review", "reject", new(), CaseScenario.SuapClerk)).OfType<WaitStarted>().Single();

        started.TimeoutAt.ShouldBe(CaseScenario.Monday.AddHours(48));
    }
}
