using Sys2.PrivatePostgres;

namespace Sys2.Host;

/// <summary>
/// Finds the folder holding Sys2.sln: the <c>workflows/</c> published at start-up, and state kept per checkout
/// (the private cluster under <c>.sys2/</c>), sit beside the code they serve.
/// </summary>
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

    /// <summary>The private PostgreSQL cluster of this checkout, or the one SYS2_POSTGRES_DIR names.</summary>
    public static PrivateCluster PrivateCluster() => Sys2.PrivatePostgres.PrivateCluster.ForCheckout(TryFind());

    public static string Find(string? startDirectory = null) =>
        TryFind(startDirectory) ?? throw new InvalidOperationException(
            $"Could not find the repository root: no folder containing {Marker} above " +
            $"'{startDirectory ?? AppContext.BaseDirectory}' or the current folder.");
}
