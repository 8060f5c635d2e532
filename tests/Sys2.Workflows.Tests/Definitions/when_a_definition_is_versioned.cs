using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Tests.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Definitions;

public class when_a_definition_is_versioned
{
    private static readonly DateTimeOffset Now = CaseScenario.Monday;

    [Fact]
    public void comments_and_layout_do_not_change_the_content_hash()
    {
        var reformatted = "# a comment\n" + Procedure.Yaml.Replace("title: Procedimento di prova", "title:    \"Procedimento di prova\"   # same");

        TestDefinitions.FromYaml(reformatted).ContentHash.ShouldBe(Procedure.Definition.ContentHash);
        Procedure.Definition.ContentHash.Length.ShouldBe(64);
    }

    [Fact]
    public void a_changed_term_is_new_content_and_a_new_draft_version()
    {
        var changed = TestDefinitions.FromYaml(Procedure.Yaml.Replace("term: 30d", "term: 60d"));
        var (history, first, _) = DefinitionHistory.Empty("test.ordinario").Save(Procedure.Definition, Procedure.Yaml, Now);

        var (after, second, created) = history.Save(changed, "", Now);

        created.ShouldBeTrue();
        second.Version.ShouldBe(2);
        second.Status.ShouldBe(VersionStatus.Draft);
        second.ContentHash.ShouldNotBe(first.ContentHash);
        after.Latest.ShouldBe(second);
    }

    [Fact]
    public void saving_the_same_content_again_returns_the_existing_version()
    {
        var (history, first, _) = DefinitionHistory.Empty("test.ordinario").Save(Procedure.Definition, Procedure.Yaml, Now);

        var (after, again, created) = history.Save(Procedure.Definition, Procedure.Yaml, Now.AddDays(1));

        created.ShouldBeFalse();
        again.ShouldBe(first);
        after.Versions.Count.ShouldBe(1);
    }

    [Fact]
    public void publishing_a_version_retires_the_one_published_before_and_keeps_its_content()
    {
        var changed = TestDefinitions.FromYaml(Procedure.Yaml.Replace("term: 30d", "term: 60d"));
        var history = DefinitionHistory.Empty("test.ordinario").Save(Procedure.Definition, Procedure.Yaml, Now).History;
        history = history.Publish(1, Now).History!;
        history = history.Save(changed, "", Now).History;

        var (published, error) = history.Publish(2, Now.AddDays(1));

        error.ShouldBeNull();
        published!.Published!.Version.ShouldBe(2);
        published.Find(1)!.Status.ShouldBe(VersionStatus.Retired);
        published.Find(1)!.ContentHash.ShouldBe(Procedure.Definition.ContentHash);
    }

    [Fact]
    public void publishing_a_version_that_does_not_exist_names_the_ones_that_do()
    {
        var history = DefinitionHistory.Empty("test.ordinario").Save(Procedure.Definition, Procedure.Yaml, Now).History;

        history.Publish(7, Now).Error.ShouldBe("test.ordinario has no version 7 (versions: 1)");
    }
}
