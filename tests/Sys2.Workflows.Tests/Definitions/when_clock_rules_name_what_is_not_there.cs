namespace Sys2.Workflows.Tests.Definitions;

// following, after, extend and onExpiry.when/otherwise: each misuse reported where it is written.
public class when_clock_rules_name_what_is_not_there
{
    private static List<string> Problems(string clockRules = "", string operations = "- start: decision") =>
        Yaml.Problems($$"""
            id: test.rules
            title: Rules
            kind: suap
            legalBasis: DPR 160/2010 art. 7
            variables:
              silenzioAssenso: { type: boolean }
            clocks:
              integrations:
                term: 30d
                basis: DPR 160/2010 art. 7 c.1
              decision:
                term: 30d
                basis: DPR 160/2010 art. 7 c.2{{clockRules}}
            start: review
            steps:
              review:
                clocks:
                  - start: integrations
                  {{operations}}
                task: { role: clerk, office: SUAP }
                outcomes: { done: done }
              done:
                end: approved
            """);

    [Fact]
    public void a_term_following_a_declared_clock_is_fine() =>
        Problems(operations: "- start: decision\n        following: integrations").ShouldBeEmpty();

    [Fact]
    public void a_term_following_an_undeclared_clock_is_named() =>
        Problems(operations: "- start: decision\n        following: integration").ShouldBe([
            "test.yaml:20:20: step 'review' runs clock 'decision' following 'integration', but there is no clock 'integration' (did you mean 'integrations'?)",
        ]);

    [Fact]
    public void extend_needs_an_extension_rule() =>
        Problems(operations: "- start: decision\n      - extend: decision").ShouldBe([
            "test.yaml:20:17: step 'review' extends clock 'decision', which has no extension rule: add 'extension: { term, basis }' to the clock",
        ]);

    [Fact]
    public void an_extension_must_be_longer() =>
        Problems(clockRules: "\n    extension: { term: 20d, basis: test }").ShouldContain(
            "test.yaml:14:24: an extension makes a term in days or months longer, in the same unit: '20d' is not longer than '30d'");

    [Fact]
    public void an_extension_is_in_the_terms_own_unit() =>
        Problems(clockRules: "\n    extension: { term: 2mo, basis: test }").ShouldContain(
            "test.yaml:14:24: an extension makes a term in days or months longer, in the same unit: '2mo' is not longer than '30d'");

    [Fact]
    public void after_goes_only_on_a_resume() =>
        Problems(operations: "- start: decision\n        after: 10d").ShouldContain(
            "test.yaml:20:9: 'after' says when a suspension ends: only 'resume' takes it, not 'start'");

    [Fact]
    public void an_expiry_condition_reads_declared_variables_and_otherwise_names_a_step() =>
        Problems(clockRules: "\n    onExpiry: { effect: silenzio-assenso, when: \"vars.silenzio\", next: done, otherwise: late }").ShouldBe([
            "test.yaml:14:50: expression `vars.silenzio` reads unknown variable 'silenzio' (declared: silenzioAssenso)",
            "test.yaml:14:89: clock 'decision' goes to 'late' when it expires (onExpiry.otherwise), but there is no step 'late'",
        ]);

    [Fact]
    public void otherwise_needs_a_condition() =>
        Problems(clockRules: "\n    onExpiry: { effect: silenzio-assenso, next: done, otherwise: done }").ShouldContain(
            "test.yaml:14:66: 'otherwise' is where the case goes when the 'when' of the expiry does not hold: give 'when'");
}
