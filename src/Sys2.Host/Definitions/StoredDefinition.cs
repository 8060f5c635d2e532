using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Definitions;

/// <summary>A definition's version history as a Marten document (id = definition id).</summary>
public sealed class StoredDefinition
{
    public string Id { get; set; } = "";
    public List<DefinitionVersion> Versions { get; set; } = [];

    public DefinitionHistory History => new(Id, Versions);

    public static StoredDefinition From(DefinitionHistory history) => new() { Id = history.DefinitionId, Versions = [.. history.Versions] };
}
