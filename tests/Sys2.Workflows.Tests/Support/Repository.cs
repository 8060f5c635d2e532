namespace Sys2.Workflows.Tests.Support;

/// <summary>Paths of the repository and of the shared fixtures, found from the test's own folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sys2.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Sys2.sln not found above {AppContext.BaseDirectory}");
    }
}
