using System.Text.RegularExpressions;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

/// <summary>
/// The what-if migration: a case's recorded history decided again on the new version, before anything moves.
/// Each new version below differs from the test procedure in one way a designer would make.
/// </summary>
public class when_a_migration_is_tried_first
{
    private static WorkflowDefinition Version(string yaml, string name) => TestDefinitions.FromYaml(yaml, $"test/{name}.yaml");

    private static readonly WorkflowDefinition Retitled =
        Version(Procedure.Yaml.Replace("title: Procedimento di prova", "title: Procedimento di prova (rev. 2)"), "retitled");

    private static readonly WorkflowDefinition ReviewRenamed =
        Version(Regex.Replace(Procedure.Yaml, @"(?<![\w-])review(?![\w-])", "examination"), "renamed");

    private static readonly WorkflowDefinition LongerTerm =
        Version(Procedure.Yaml.Replace("term: 30d", "term: 45d"), "longer-term");

    private static readonly WorkflowDefinition ShorterTerm =
        Version(Procedure.Yaml.Replace("term: 30d", "term: 10d"), "shorter-term");

    /// <summary>A pre-check task between the checks and the review.</summary>
    private static readonly WorkflowDefinition PreCheck = Version(Procedure.Yaml
        .Replace("    parallel: [visura, fees]\n    next: review", "    parallel: [visura, fees]\n    next: pre-check")
        .Replace("  review:\n    task:", "  pre-check:\n    task: { role: clerk, office: SUAP }\n    outcomes: { done: review }\n  review:\n    task:"), "pre-check");

    [Fact]
    public void a_case_whose_history_decides_the_same_is_safe()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new ClaimTask("review", CaseScenario.SuapClerk));
        scenario.When(new CommentTask("review", "telefonato al richiedente", CaseScenario.SuapClerk));
        scenario.After(TimeSpan.FromDays(3)).When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        scenario.After(TimeSpan.FromDays(5)).When(new ReceiveEvent("documents-received", new()) { FromSystem = true });
        scenario.OpenTasks().ShouldBe(["review"]);

        var report = WhatIfMigration.Assess(Retitled, 2, scenario.Decisions);

        report.Verdict.ShouldBe(WhatIfVerdict.Safe, report.Summary + " " + report.Divergence);
        report.CaseVersion.ShouldBe(scenario.State.Version);
        report.TasksAdded.ShouldBeEmpty();
        report.TasksCancelled.ShouldBeEmpty();
        report.DeadlinesMoved.ShouldBeEmpty();
    }

    [Fact]
    public void a_flow_on_a_step_the_new_version_lacks_needs_a_mapping_and_with_it_its_task_moves()
    {
        var scenario = Procedure.AtReview();

        var unmapped = WhatIfMigration.Assess(ReviewRenamed, 2, scenario.Decisions);
        unmapped.Verdict.ShouldBe(WhatIfVerdict.NeedsMapping);
        unmapped.FlowsToMap.ShouldBe(["review"]);
        unmapped.Summary.ShouldContain("'review'");

        var mapped = WhatIfMigration.Assess(ReviewRenamed, 2, scenario.Decisions, new Dictionary<string, string> { ["review"] = "examination" });
        mapped.Verdict.ShouldBe(WhatIfVerdict.Safe, mapped.Summary + " " + mapped.Divergence);
        mapped.TasksAdded.ShouldBe([new TaskChange("examination", "clerk", "SUAP")]);
        mapped.TasksCancelled.ShouldBe([new TaskChange("review", "clerk", "SUAP")]);
    }

    [Fact]
    public void a_longer_term_is_a_divergence_that_names_the_term_and_both_days()
    {
        var scenario = Procedure.AtReview();
        var recordedDue = scenario.State.Clocks["decision"].DueAt;

        var report = WhatIfMigration.Assess(LongerTerm, 2, scenario.Decisions);

        report.Verdict.ShouldBe(WhatIfVerdict.Diverges);
        var moved = report.DeadlinesMoved.ShouldHaveSingleItem();
        moved.Clock.ShouldBe("decision");
        moved.Recorded.ShouldBe(recordedDue);
        moved.OnNewVersion.ShouldNotBeNull().ShouldBeGreaterThan(recordedDue!.Value);
        var started = scenario.History.Select((e, i) => (e, i)).First(p => p.e is DeadlineStarted).i + 1;
        report.Divergence.ShouldNotBeNull().Version.ShouldBe(started);
        report.Divergence.Recorded.ShouldStartWith("DeadlineStarted decision due");
    }

    [Fact]
    public void a_decision_taken_after_the_new_versions_term_would_have_run_out_diverges_there()
    {
        var scenario = Procedure.AtReview();
        scenario.After(TimeSpan.FromDays(20)).When(new ClaimTask("review", CaseScenario.SuapClerk));

        var report = WhatIfMigration.Assess(ShorterTerm, 2, scenario.Decisions);

        report.Verdict.ShouldBe(WhatIfVerdict.Diverges);
        report.Divergence.ShouldNotBeNull().Recorded.ShouldStartWith("DeadlineStarted decision");
        var stopped = report.StoppedAt.ShouldNotBeNull();
        stopped.OnNewVersion.ShouldContain("would have run out");
        stopped.Trigger.ShouldStartWith("ClaimTask");
        stopped.Version.ShouldBe(scenario.Decisions[^1].Version);
    }

    [Fact]
    public void another_path_diverges_at_the_first_event_that_differs()
    {
        var scenario = Procedure.AtReview();

        var report = WhatIfMigration.Assess(PreCheck, 2, scenario.Decisions);

        report.Verdict.ShouldBe(WhatIfVerdict.Diverges);
        var divergence = report.Divergence.ShouldNotBeNull();
        divergence.Recorded.ShouldContain("review");
        divergence.OnNewVersion.ShouldContain("pre-check");
        // The first event that differs is the fork, whose branches now join at the pre-check.
        divergence.Version.ShouldBe(scenario.History.Select((e, i) => (e, i)).First(p => p.e is BranchesForked).i + 1);
    }

    [Fact]
    public void a_closed_case_cannot_move()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new CompleteTask("review", "approve", new(), CaseScenario.SuapClerk));

        WhatIfMigration.Assess(Retitled, 2, scenario.Decisions).Verdict.ShouldBe(WhatIfVerdict.NotMigratable);
    }
}
