namespace Sys2.Host.Database;

/// <summary>Finds the folder holding Sys2.sln, so state kept per checkout (like the private cluster) sits beside the code it serves.</summary>
public static class RepositoryRoot
{
    public const string Marker = "Sys2.sln";

    /// <summary>Walks up from <paramref name="startDirectory"/>; without one, from the app's base folder and then the current folder.</summary>
    public static string? TryFind(string? startDirectory = null)
    {
        string[] starts = startDirectory is not null
            ? [startDirectory]
            : [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];

        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                    return dir.FullName;
            }
        }
        return null;
    }

    public static string Find(string? startDirectory = null) =>
        TryFind(startDirectory) ?? throw new PrivatePostgresException(
            $"Could not find the repository root: no folder containing {Marker} above " +
            $"'{startDirectory ?? AppContext.BaseDirectory}' or the current folder.");
}
