using System.Text.RegularExpressions;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

public class when_an_operator_migrates_a_case
{
    private static readonly Actor Operator = new("lucia.verdi", "admin", "SUAP");

    /// <summary>Version 2 of the test procedure: the step <c>review</c> is called <c>examination</c>.</summary>
    private static readonly WorkflowDefinition Renamed = TestDefinitions.FromYaml(
        Regex.Replace(Procedure.Yaml, @"(?<![\w-])review(?![\w-])", "examination"), "test/ordinario-v2.yaml");

    /// <summary>A version whose decision clock is called <c>termine</c>.</summary>
    private static readonly WorkflowDefinition ClockRenamed = TestDefinitions.FromYaml(
        Regex.Replace(Procedure.Yaml.Replace("clocks:\n  decision:", "clocks:\n  termine:"),
            @"(start|suspend|interrupt|resume|stop): decision", "$1: termine"), "test/ordinario-v3.yaml");

    private static Decision Migrate(WorkflowDefinition to, CaseState state, int version, params (string From, string To)[] mapping) =>
        Decider.Decide(to, state, new MigrateCase(version, mapping.ToDictionary(m => m.From, m => m.To), "nuova versione della procedura", Operator),
            CaseScenario.Monday);

    private static CaseState Fold(CaseState state, IEnumerable<object> events) => events.Aggregate(state, CaseEvolution.Evolve);

    [Fact]
    public void the_flow_moves_to_the_mapped_step_and_the_case_is_pinned_to_the_new_version()
    {
        var scenario = Procedure.AtReview();
        var due = ((TaskBookmark)scenario.State.Tokens[Token.Main].Bookmark!).DueAt;

        var decision = Migrate(Renamed, scenario.State, 2, ("review", "examination"));

        decision.Error.ShouldBeNull();
        decision.Events.ShouldBeEvents(
            new CaseMigrated(1, 2, Renamed.ContentHash, new Dictionary<string, string> { ["review"] = "examination" },
                "lucia.verdi", "nuova versione della procedura"),
            new TaskAssigned("examination", "main", "clerk", "SUAP", ["approve", "request-integration", "request-documents", "reject"], due));
        var state = Fold(scenario.State, decision.Events);
        state.DefinitionVersion.ShouldBe(2);
        state.DefinitionHash.ShouldBe(Renamed.ContentHash);
        state.Tokens[Token.Main].Step.ShouldBe("examination");
        state.VisitsOf("examination").ShouldBe(1);
    }

    [Fact]
    public void the_next_command_is_decided_on_the_new_version()
    {
        var scenario = Procedure.AtReview();
        var migrated = Fold(scenario.State, Migrate(Renamed, scenario.State, 2, ("review", "examination")).Events);

        var approval = Decider.Decide(Renamed, migrated, new CompleteTask("examination", "approve", new(), CaseScenario.SuapClerk), CaseScenario.Monday);

        approval.Error.ShouldBeNull();
        Fold(migrated, approval.Events).Outcome.ShouldBe("approved");
        Decider.Decide(Renamed, migrated, new CompleteTask("review", "approve", new(), CaseScenario.SuapClerk), CaseScenario.Monday)
            .Error!.Code.ShouldBe("no-open-task");
    }

    [Fact]
    public void a_step_that_keeps_its_name_needs_no_mapping()
    {
        var scenario = Procedure.AtReview();

        var retitled = TestDefinitions.FromYaml(Procedure.Yaml.Replace("title: Procedimento di prova", "title: Procedimento di prova (rev. 5)"),
            "test/ordinario-v5.yaml");

        var decision = Migrate(retitled, scenario.State, 5);

        decision.Error.ShouldBeNull();
        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<CaseMigrated>().Mapping.ShouldBeEmpty();
    }

    [Fact]
    public void a_closed_case_is_refused()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new CompleteTask("review", "approve", new(), CaseScenario.SuapClerk));

        var error = Migrate(Renamed, scenario.State, 2, ("review", "examination")).Error!;

        error.Code.ShouldBe("case-closed");
        error.Message.ShouldContain("test.ordinario@1");
        error.Message.ShouldContain("version 2");
    }

    [Fact]
    public void the_version_the_case_already_runs_is_refused()
    {
        var error = Migrate(Procedure.Definition, Procedure.AtReview().State, 1).Error!;

        error.Code.ShouldBe("same-version");
        error.Message.ShouldContain("test.ordinario@1");
    }

    [Fact]
    public void the_same_content_under_another_version_number_is_refused()
    {
        Migrate(Procedure.Definition, Procedure.AtReview().State, 2).Error!.Code.ShouldBe("same-version");
    }

    [Fact]
    public void a_target_step_the_new_version_does_not_have_is_refused()
    {
        var error = Migrate(Renamed, Procedure.AtReview().State, 2, ("review", "esame")).Error!;

        error.Code.ShouldBe("unknown-step");
        error.Message.ShouldContain("'esame'");
        error.Message.ShouldContain("test.ordinario@2");
    }

    [Fact]
    public void a_flow_left_on_a_step_the_new_version_does_not_have_is_refused()
    {
        var error = Migrate(Renamed, Procedure.AtReview().State, 2).Error!;

        error.Code.ShouldBe("unmapped-step");
        error.Message.ShouldBe("flow 'main' stands on 'review', which test.ordinario@2 does not have: map it to a step of version 2");
    }

    [Fact]
    public void a_task_moved_onto_a_call_step_is_refused()
    {
        var error = Migrate(Renamed, Procedure.AtReview().State, 2, ("review", "protocol")).Error!;

        error.Code.ShouldBe("step-kind-mismatch");
        error.Message.ShouldBe("flow 'main' waits for a task at 'review', but 'protocol' in test.ordinario@2 is a call step (protocol.register)");
    }

    [Fact]
    public void a_flow_waiting_for_a_call_answer_cannot_move_away_from_the_step_the_answer_names()
    {
        var opened = new CaseScenario(Procedure.Definition).Open(Procedure.Applicant);
        var renamedProtocol = TestDefinitions.FromYaml(
            Regex.Replace(Procedure.Yaml, @"(?<![\w-])protocol(?=:)|start: protocol", m => m.Value.Replace("protocol", "registration")),
            "test/ordinario-v4.yaml");

        var error = Migrate(renamedProtocol, opened.State, 4, ("protocol", "registration")).Error!;

        error.Code.ShouldBe("step-kind-mismatch");
        error.Message.ShouldContain("waits for the answer of protocol.register (attempt 1) at 'protocol'");
    }

    [Fact]
    public void a_mapping_of_a_step_where_no_flow_stands_is_refused_as_a_typo()
    {
        var error = Migrate(Renamed, Procedure.AtReview().State, 2, ("review", "examination"), ("reveiw", "examination")).Error!;

        error.Code.ShouldBe("step-not-occupied");
        error.Message.ShouldContain("'reveiw'");
        error.Message.ShouldContain("flows stand at: review");
    }

    [Fact]
    public void a_running_clock_the_new_version_does_not_define_is_refused()
    {
        var error = Migrate(ClockRenamed, Procedure.AtReview().State, 3).Error!;

        error.Code.ShouldBe("unknown-clock");
        error.Message.ShouldContain("clock 'decision' is running");
        error.Message.ShouldContain("test.ordinario@3");
    }

    [Fact]
    public void another_definition_is_refused()
    {
        var other = TestDefinitions.FromYaml(Procedure.Yaml.Replace("id: test.ordinario", "id: test.altro"), "test/altro.yaml");

        Migrate(other, Procedure.AtReview().State, 1).Error!.Code.ShouldBe("other-definition");
    }

    [Fact]
    public void a_migration_without_a_reason_is_refused()
    {
        var decision = Decider.Decide(Renamed, Procedure.AtReview().State,
            new MigrateCase(2, new Dictionary<string, string> { ["review"] = "examination" }, " ", Operator), CaseScenario.Monday);

        decision.Error!.Code.ShouldBe("reason-required");
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_renamed_wait_is_started_again_under_its_new_name_with_the_same_timeout()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        var waiting = scenario.State.Tokens[Token.Main];
        var timeout = ((WaitBookmark)waiting.Bookmark!).TimeoutAt;
        var renamedWait = TestDefinitions.FromYaml(
            Regex.Replace(Procedure.Yaml, @"(?<![\w-])integration(?![\w-])", "integrazioni"), "test/ordinario-v6.yaml");

        var decision = Migrate(renamedWait, scenario.State, 6, ("integration", "integrazioni"));

        decision.Error.ShouldBeNull();
        decision.Events.Skip(1).ShouldBeEvents(new WaitStarted("integrazioni", "main", "documents-received", timeout, waiting.Visit));
        var migrated = Fold(scenario.State, decision.Events);
        var timedOut = Decider.Decide(renamedWait, migrated, new TimerFired(TimerKind.WaitTimeout, "integrazioni", waiting.Visit), timeout!.Value);
        timedOut.Events[0].ShouldBeOfType<WaitTimedOut>().Step.ShouldBe("integrazioni");
    }

    [Fact]
    public void a_parallel_block_whose_join_was_renamed_joins_at_the_new_name()
    {
        var scenario = new CaseScenario(Procedure.Definition).Open(Procedure.Applicant);
        scenario.When(new IntegrationCompleted("protocol", 1, CaseScenario.Json(new { number = "0000042" })));
        scenario.State.Tokens[Token.Main].Bookmark.ShouldBeOfType<ForkBookmark>().Join.ShouldBe("review");

        var decision = Migrate(Renamed, scenario.State, 2, ("review", "examination"));

        decision.Error.ShouldBeNull();
        var migrated = Fold(scenario.State, decision.Events);
        migrated.Tokens[Token.Main].Bookmark.ShouldBeOfType<ForkBookmark>().Join.ShouldBe("examination");
        var visura = migrated.Tokens.Values.Single(t => t.Bookmark is CallBookmark);
        var answered = Decider.Decide(Renamed, migrated, new IntegrationCompleted(visura.Step, 1, CaseScenario.Json(new { categoria = "A/2" })), CaseScenario.Monday);
        Fold(migrated, answered.Events).Tokens.Values.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            t => t.Step.ShouldBe("examination"), t => t.Bookmark.ShouldBeOfType<TaskBookmark>());
    }
}
