namespace Sys2.Workflows.Tests.Definitions;

public class when_a_definition_names_unknown_activities_events_or_roles
{
    private readonly List<string> _problems = Yaml.Problems("""
        id: test.catalogue
        title: Catalogue names
        kind: suap
        legalBasis: L. 241/1990
        start: register
        steps:
          register:
            call: protocol.regster
            next: pay
          pay:
            wait: { for: payment-recieved }
            next: review
          review:
            task: { role: secretary, office: SUAP }
            outcomes:
              ok: done
          done:
            end: approved
        """);

    [Fact]
    public void it_names_the_unknown_activity_and_suggests_the_known_one() =>
        _problems.ShouldContain("test.yaml:8:11: step 'register' calls unknown activity 'protocol.regster' (did you mean 'protocol.register'?)");

    [Fact]
    public void it_names_the_unknown_event() =>
        _problems.ShouldContain("test.yaml:11:18: step 'pay' waits for unknown event 'payment-recieved' (did you mean 'payment-received'?)");

    [Fact]
    public void it_names_the_unknown_role_and_lists_the_known_ones() =>
        _problems.ShouldContain("test.yaml:14:19: task 'review' has unknown role 'secretary' (known: auditor, clerk, designer, manager)");

    [Fact]
    public void its_plain_message_replaces_the_schema_one_at_the_same_place() =>
        _problems.Count.ShouldBe(3, string.Join("\n", _problems));
}
