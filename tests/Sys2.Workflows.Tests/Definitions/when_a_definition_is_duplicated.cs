using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Tests.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Definitions;

public class when_a_definition_is_duplicated
{
    [Fact]
    public void the_copy_has_the_new_id_and_otherwise_the_same_content()
    {
        var (yaml, scenarios, error) = DefinitionCopy.Rename(Procedure.Yaml, "# proof\ndefinition: test.ordinario\nscenarios: []\n", "test.ordinario-bis");

        error.ShouldBeNull();
        var copy = TestDefinitions.FromYaml(yaml);
        copy.Id.ShouldBe("test.ordinario-bis");
        DefinitionDiff.Between(Procedure.Definition.CanonicalJson, copy.CanonicalJson).Entries.ShouldHaveSingleItem()
            .Changes.ShouldBe([new FieldChange("id", "test.ordinario", "test.ordinario-bis")]);
        scenarios.ShouldBe("# proof\ndefinition: test.ordinario-bis\nscenarios: []\n");
    }

    [Theory]
    [InlineData("Test.Copia")]
    [InlineData("test copia")]
    [InlineData("test.copia\nkind: sue")]
    [InlineData("")]
    public void an_id_that_is_not_one_is_refused_naming_it(string newId)
    {
        var (_, _, error) = DefinitionCopy.Rename(Procedure.Yaml, null, newId);

        error.ShouldNotBeNull();
        error.ShouldContain($"'{newId.Trim()}' is not a definition id");
    }
}
