using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Tests.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Definitions;

public class when_two_versions_are_compared
{
    private static DefinitionDiff From(string yaml) =>
        DefinitionDiff.Between(Procedure.Definition.CanonicalJson, TestDefinitions.FromYaml(yaml).CanonicalJson);

    [Fact]
    public void the_same_content_with_other_comments_and_layout_has_no_difference()
    {
        var diff = From("# comment\n" + Procedure.Yaml.Replace("title: Procedimento di prova", "title:   \"Procedimento di prova\""));

        diff.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void a_changed_term_is_a_changed_clock_with_its_old_and_new_value()
    {
        var diff = From(Procedure.Yaml.Replace("term: 30d", "term: 60d"));

        var clock = diff.Entries.ShouldHaveSingleItem();
        (clock.Section, clock.Name, clock.Kind).ShouldBe((DefinitionDiff.Clocks, "decision", DiffKind.Changed));
        clock.Changes.ShouldBe([new FieldChange("term", "30d", "60d")]);
    }

    [Fact]
    public void a_changed_step_names_every_value_that_differs()
    {
        var diff = From(Procedure.Yaml
            .Replace("task: { role: manager, office: SUAP }", "task: { role: clerk, office: SUAP }")
            .Replace("outcomes: { approve: approved, reject: rejected }", "outcomes: { approve: approved, reject: rejected, retry: review }"));

        var step = diff.In(DefinitionDiff.Steps).ShouldHaveSingleItem();
        step.Name.ShouldBe("final-review");
        step.Kind.ShouldBe(DiffKind.Changed);
        step.Changes.ShouldBe([new FieldChange("outcomes.retry", null, "review"), new FieldChange("task.role", "manager", "clerk")]);
    }

    [Fact]
    public void steps_inputs_and_variables_added_and_removed_are_named()
    {
        var diff = From(Procedure.Yaml
            .Replace("  parcel: { type: parcel }\n", "")
            .Replace("  notes: { type: string }\nclocks:", "  notes: { type: string }\n  reviewer: { type: string }\nclocks:")
            .Replace("  deemed-approved:\n    end: deemed-approved", "  deemed-approved:\n    end: deemed-approved\n  archived:\n    end: rejected")
            .Replace("    onFailure: review\n", "")
            .Replace("with: { parcel: inputs.parcel }", "with: { parcel: inputs.applicant }"));

        diff.In(DefinitionDiff.Inputs).Select(e => (e.Name, e.Kind)).ShouldBe([("parcel", DiffKind.Removed)]);
        diff.In(DefinitionDiff.Variables).Select(e => (e.Name, e.Kind)).ShouldBe([("reviewer", DiffKind.Added)]);
        diff.In(DefinitionDiff.Steps).Select(e => (e.Name, e.Kind)).ShouldBe([("archived", DiffKind.Added), ("visura", DiffKind.Changed)]);
        diff.In(DefinitionDiff.Steps).Last().Changes.ShouldBe(
            [new FieldChange("onFailure", "review", null), new FieldChange("with.parcel", "inputs.parcel", "inputs.applicant")]);
    }

    [Fact]
    public void a_changed_header_field_is_in_the_header()
    {
        var diff = From(Procedure.Yaml.Replace("title: Procedimento di prova", "title: Procedimento nuovo"));

        var header = diff.Entries.ShouldHaveSingleItem();
        (header.Section, header.Name, header.Kind).ShouldBe((DefinitionDiff.Header, "title", DiffKind.Changed));
        header.Changes.ShouldBe([new FieldChange("title", "Procedimento di prova", "Procedimento nuovo")]);
    }
}
