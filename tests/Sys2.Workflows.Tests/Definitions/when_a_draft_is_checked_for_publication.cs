using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Scenarios;
using Sys2.Workflows.Tests.Runtime;

namespace Sys2.Workflows.Tests.Definitions;

public class when_a_draft_is_checked_for_publication
{
    private const string Scenarios = """
        definition: test.ordinario
        answers:
          protocol.register: { number: "0000042" }
          sigmater.visura: { categoria: A/2 }
        scenarios:
          - name: approved at review
            opened: 2026-03-02T09:00
            inputs:
              applicant: { fiscalCode: RSSMRA45D25F205N, name: Mario Rossi, email: mario.rossi@example.it }
            timeline:
              - expect: { tasks: [review] }
              - at: 2026-03-03T09:00
                complete: review
                outcome: approve
                expect: { outcome: approved }
        """;

    [Fact]
    public void a_valid_definition_whose_scenarios_pass_may_be_published()
    {
        var check = PublicationCheck.Of(Procedure.Yaml, Scenarios);

        check.Refusals().ShouldBeEmpty();
        check.Scenarios.Scenarios.ShouldBe(1);
        check.Publishable.ShouldBeTrue();
    }

    [Fact]
    public void a_failing_expectation_refuses_publication_at_its_line()
    {
        var check = PublicationCheck.Of(Procedure.Yaml, Scenarios.Replace("expect: { tasks: [review] }", "expect: { tasks: [final-review] }"));

        check.Valid.ShouldBeTrue();
        check.Publishable.ShouldBeFalse();
        var failure = check.Scenarios.Failures.ShouldHaveSingleItem();
        failure.Where.Line.ShouldBe(11);
        failure.Where.File.ShouldBe(PublicationCheck.ScenarioFile);
        check.Refusals().ShouldHaveSingleItem().ShouldStartWith("scenari.yaml:11:");
    }

    [Fact]
    public void scenarios_written_for_another_definition_are_refused_where_they_name_it()
    {
        var check = PublicationCheck.Of(Procedure.Yaml, Scenarios.Replace("definition: test.ordinario", "definition: suap.scia"));

        check.Publishable.ShouldBeFalse();
        check.Scenarios.Problems.ShouldHaveSingleItem().Where.Line.ShouldBe(1);
    }

    [Fact]
    public void a_definition_with_a_problem_is_refused_at_its_line_and_its_scenarios_are_not_run()
    {
        var check = PublicationCheck.Of(Procedure.Yaml.Replace("next: await-payment", "next: await-paymnet"), Scenarios);

        check.Valid.ShouldBeFalse();
        check.Problems.ShouldContain(p => p.Where.Line == 48 && p.Message.Contains("await-paymnet"));
        check.Scenarios.ShouldBe(ScenarioReport.None);
    }
}
