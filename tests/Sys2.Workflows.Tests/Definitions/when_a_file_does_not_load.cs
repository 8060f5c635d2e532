using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;

namespace Sys2.Workflows.Tests.Definitions;

public class when_a_file_does_not_load
{
    private const string Text = """
        id: test.load
        title: Loading
        kind: suap
        legalBasis: L. 241/1990
        start: review
        steps:
          review:
            task: { role: clerk, office: SUAP, dueIn: 10d }
            outcomes:
              approve: approved
          approved:
            end: approved
        """;

    [Fact]
    public void the_sample_loads() => Yaml.Problems(Text).ShouldBeEmpty();

    [Fact]
    public void a_yaml_syntax_error_is_reported_at_its_line()
    {
        var load = Yaml.Load(Text.Replace("    outcomes:", "    outcomes: : {"));
        load.Definition.ShouldBeNull();
        load.Problems.Select(p => p.ToString()).ShouldHaveSingleItem().ShouldStartWith("test.yaml:9:");
        load.Problems[0].Message.ShouldStartWith("YAML syntax: ");
    }

    [Fact]
    public void an_unclosed_bracket_is_a_syntax_error_not_a_crash()
    {
        var load = Yaml.Load(Text.Replace("approve: approved", "approve: [approved"));
        load.Definition.ShouldBeNull();
        load.Problems.Select(p => p.ToString()).ShouldBe(["test.yaml:10:16: YAML syntax: could not read on from here: is a [ or { not closed?"]);
    }

    [Fact]
    public void a_malformed_duration_is_named_where_it_is_written() =>
        Yaml.Problems(Text.Replace("dueIn: 10d", "dueIn: 30 days")).ShouldBe([
            "test.yaml:8:47: 'dueIn' has malformed duration '30 days': write a whole number and a unit, as 30d, 12h, 15m or 45s",
        ]);

    [Fact]
    public void a_misspelt_kind_key_is_named()
    {
        var problems = Yaml.Problems(Text.Replace("    task: {", "    taks: {"));
        problems.ShouldBe([
            "test.yaml:8:5: step 'review' has no kind: give it one of task, decision, call, wait, deadline, parallel, end (unknown key 'taks')",
        ]);
    }

    [Fact]
    public void a_field_outside_the_schema_is_named_by_the_schema() =>
        Yaml.Problems(Text.Replace("  approved:\n    end: approved", "  approved:\n    end: approved\n    next: review")).ShouldBe([
            "test.yaml:13:5: schema: at /steps/approved/next: unknown field 'next'",
        ]);

    [Fact]
    public void a_missing_file_is_a_problem_not_an_exception()
    {
        var load = DefinitionLoader.LoadFile("/nonexistent/x.yaml", "x.yaml");
        load.Problems.Select(p => p.ToString()).ShouldBe(["x.yaml: file not found"]);
    }

    [Fact]
    public void plainer_problems_replace_earlier_ones_at_the_same_place_and_all_are_kept()
    {
        var here = new SourceSpan("f.yaml", 3, 5);
        var there = new SourceSpan("f.yaml", 4, 1);
        var merged = DefinitionLoader.Supersede(
            [new(here, "schema: enum"), new(there, "schema: other"), new(here, "schema: enum again")],
            [new(here, "plain one"), new(here, "plain two"), new(new SourceSpan("f.yaml", 9, 1), "new")]);
        merged.Select(p => p.ToString()).ShouldBe(["f.yaml:3:5: plain one", "f.yaml:3:5: plain two", "f.yaml:4:1: schema: other", "f.yaml:9:1: new"]);
    }
}
