namespace Sys2.Integrations.Tests.Harness;

/// <summary>The checkout this test run was built from (the folder holding Sys2.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sys2.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Sys2.sln above {AppContext.BaseDirectory}");
    }
}
