using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Definitions;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// Papers the applicant brings are filed at the counter by the roles the step names (`filedBy`), a
// clerk or a manager by default; an event of a regional system is never filed by a person: a
// pagoPA receipt typed in would go around MPay's signed callback.
public class when_an_event_is_filed_at_the_counter
{
    private static readonly Actor Auditor = new("anna.bianchi", "auditor", "");

    private static CaseScenario AwaitingDocuments(string? filedBy = null)
    {
        var definition = filedBy is null
            ? Procedure.Definition
            : TestDefinitions.FromYaml(Procedure.Yaml.Replace("wait: { for: documents-received, timeout: 30d }",
                $"wait: {{ for: documents-received, timeout: 30d, filedBy: {filedBy} }}"));
        var scenario = new CaseScenario(definition).Open(Procedure.Applicant);
        scenario.AnswerCalls(activity => activity == "protocol.register" ? new { number = "0000042" } : new { categoria = "A/2" });
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        return scenario;
    }

    [Fact]
    public void a_clerk_files_the_documents()
    {
        AwaitingDocuments().When(new ReceiveEvent("documents-received", new()) { By = CaseScenario.SuapClerk })
            .OfType<ExternalEventReceived>().ShouldHaveSingleItem();
    }

    [Fact]
    public void a_role_the_step_does_not_name_is_refused_naming_who_may()
    {
        var scenario = AwaitingDocuments(filedBy: "[manager]");
        var before = scenario.State;

        var refusal = scenario.Refused(new ReceiveEvent("documents-received", new()) { By = CaseScenario.SuapClerk });

        refusal.Code.ShouldBe("not-filed-by-role");
        refusal.Message.ShouldContain("from manager");
        scenario.State.ShouldBeSameAs(before);
    }

    [Fact]
    public void an_auditor_never_files_by_default()
    {
        AwaitingDocuments().Refused(new ReceiveEvent("documents-received", new()) { By = Auditor }).Code.ShouldBe("not-filed-by-role");
    }

    [Fact]
    public void a_filedby_on_an_event_of_a_regional_system_or_with_an_unknown_role_is_a_validation_problem()
    {
        Yaml.Problems(Procedure.Yaml.Replace("wait: { for: payment-received, timeout: 30d }", "wait: { for: payment-received, timeout: 30d, filedBy: [clerk] }"))
            .ShouldContain(p => p.Contains("never filed at the counter"));
        Yaml.Problems(Procedure.Yaml.Replace("wait: { for: documents-received, timeout: 30d }", "wait: { for: documents-received, timeout: 30d, filedBy: [clerc] }"))
            .ShouldContain(p => p.Contains("unknown role 'clerc'"));
    }
}
