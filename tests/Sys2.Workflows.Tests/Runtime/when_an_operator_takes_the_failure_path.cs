using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

/// <summary>
/// A call whose answer could not be read (an output mapping that fails) raises an incident even when the step declares
/// an onFailure path; the operator may then take that path instead of retrying.
/// </summary>
public class when_an_operator_takes_the_failure_path
{
    private static readonly Actor Operator = new("luca.moretti", "operator", "");

    private const string Yaml = """
        id: test.manuale
        title: Visura con percorso manuale
        kind: suap
        legalBasis: L. 241/1990 art. 2
        inputs:
          applicant: { type: party, required: true }
          parcel: { type: parcel }
        variables:
          categoria: { type: string }
        start: visura
        steps:
          visura:
            call: sigmater.visura
            with: { parcel: "'H769/12/345'" }
            out: { categoria: result.immobile.categoria }
            onFailure: manual-visura
            next: approved
          manual-visura:
            task: { role: clerk, office: SUAP }
            outcomes: { done: approved }
          approved:
            end: approved
        """;

    private static CaseScenario InIncident()
    {
        var scenario = new CaseScenario(TestDefinitions.FromYaml(Yaml, "test/manuale.yaml")).Open(Procedure.Applicant);
        scenario.AnswerCalls(_ => new { altro = 1 });
        scenario.State.TokensAt("visura").Single().Bookmark.ShouldBeOfType<IncidentBookmark>();
        return scenario;
    }

    [Fact]
    public void the_incident_is_resolved_and_the_flow_goes_to_the_declared_path()
    {
        var scenario = InIncident();

        var events = scenario.When(new TakeFailurePath("visura", Operator));

        events.OfType<IncidentResolved>().Single().Resolution.ShouldBe("failure path: manual-visura");
        scenario.OpenTasks().ShouldBe(["manual-visura"]);
    }

    [Fact]
    public void a_step_without_a_failure_path_is_refused()
    {
        Procedure.AtReview().Refused(new TakeFailurePath("review", Operator)).Code.ShouldBe("no-incident");
    }
}
