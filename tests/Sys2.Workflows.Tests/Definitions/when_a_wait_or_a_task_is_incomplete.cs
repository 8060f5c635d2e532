using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Workflows.Tests.Definitions;

public class when_a_wait_or_a_task_is_incomplete
{
    private static string Wait(string wait, string onTimeout) => $$"""
        id: test.wait
        title: Waits
        kind: suap
        legalBasis: L. 241/1990
        start: pay
        steps:
          pay:
            wait: {{wait}}
            next: done{{onTimeout}}
          done:
            end: paid
        """;

    [Fact]
    public void a_timeout_without_on_timeout_is_reported_at_the_timeout() =>
        Yaml.Semantic(Wait("{ for: payment-received, timeout: 30d }", "")).ShouldBe([
            "test.yaml:8:45: step 'pay' waits with timeout 30d but has no onTimeout: name the step that follows the timeout",
        ]);

    [Fact]
    public void an_on_timeout_without_timeout_is_reported_at_the_on_timeout() =>
        Yaml.Semantic(Wait("{ for: payment-received }", "\n    onTimeout: done")).ShouldBe([
            "test.yaml:10:16: step 'pay' has onTimeout 'done' but its wait has no timeout",
        ]);

    [Fact]
    public void both_together_are_fine() =>
        Yaml.Problems(Wait("{ for: payment-received, timeout: 30d }", "\n    onTimeout: done")).ShouldBeEmpty();

    [Fact]
    public void a_task_with_no_outcomes_is_reported_at_its_name()
    {
        // The loader turns such a step into an InvalidStep; a model built by code can still hold one.
        var where = new SourceSpan("code.yaml", 7, 3);
        var review = new TaskStep("review", null, [], where, "clerk", "SUAP", null,
            new Dictionary<string, FieldSpec>(), [], []);
        var done = new EndStep("done", null, [], new SourceSpan("code.yaml", 9, 3), CaseOutcome.Approved);
        var definition = new WorkflowDefinition("test.task", "Task", CaseKind.Suap, "L. 241/1990", null, null,
            new Dictionary<string, FieldSpec>(), new Dictionary<string, FieldSpec>(), new Dictionary<string, ClockSpec>(),
            new StepRef("review", new SourceSpan("code.yaml", 5, 8)),
            new Dictionary<string, Step> { ["review"] = review, ["done"] = done },
            "code.yaml", "{}", "");

        DefinitionValidator.Validate(definition).Select(p => p.ToString()).ShouldBe([
            "code.yaml:7:3: task 'review' has no outcomes: each named outcome leads to a step",
            "code.yaml:7:3: step 'review' has no path to an end step",
            "code.yaml:9:3: step 'done' cannot be reached from start 'review'",
        ]);
    }

    [Fact]
    public void the_loader_reports_a_task_with_no_outcomes_too() =>
        Yaml.Problems("""
            id: test.task
            title: Task
            kind: suap
            legalBasis: L. 241/1990
            start: review
            steps:
              review:
                task: { role: clerk, office: SUAP }
              done:
                end: approved
            """).ShouldContain(p => p.StartsWith("test.yaml:8:5: ", StringComparison.Ordinal) && p.Contains("outcomes"));
}
