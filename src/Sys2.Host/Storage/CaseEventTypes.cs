using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Storage;

/// <summary>Every case event type, registered up front so Marten can read streams written by any version.</summary>
public static class CaseEventTypes
{
    public static IReadOnlyList<Type> All { get; } = typeof(CaseOpened).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CaseOpened).Namespace && t is { IsClass: true, IsAbstract: false } && !t.IsNested)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();
}
