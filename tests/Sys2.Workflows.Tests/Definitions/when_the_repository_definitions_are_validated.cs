using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Tests.Support;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Workflows.Tests.Definitions;

public class when_the_repository_definitions_are_validated
{
    private readonly IReadOnlyList<DefinitionLoad> _loads =
        DefinitionLoader.LoadPath(Repository.Workflows);

    [Fact]
    public void it_finds_the_definitions() =>
        _loads.Count(l => l.Definition is not null).ShouldBeGreaterThan(0);

    [Fact]
    public void every_definition_validates_with_no_problems() =>
        DefinitionValidator.Validate(_loads).Select(p => p.ToString()).ShouldBeEmpty();
}
