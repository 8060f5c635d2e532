using Sys2.PrivatePostgres;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// A throwaway private cluster in its own folder, for tests that initialise, stop or race clusters and so
/// must not disturb the shared one other test classes are using. Stopped and deleted on dispose.
/// </summary>
public sealed class ScratchCluster : IAsyncDisposable
{
    readonly string folder;

    public ScratchCluster()
    {
        // Beside the shared cluster's folder, which the postgres user is known to reach (also under SYS2_POSTGRES_DIR).
        var parent = RepositoryRoot.PrivateCluster().Paths.ParentDirectory;
        var scratchRoot = Path.Combine(parent, "scratch");
        folder = Path.Combine(scratchRoot, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            // Under a strict umask these would be private to root, and the postgres user must pass through.
            const UnixFileMode traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if (Path.GetFileName(parent) == PrivatePostgresPaths.StateFolderName)
                File.SetUnixFileMode(parent, File.GetUnixFileMode(parent) | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(scratchRoot, traversable);
            File.SetUnixFileMode(folder, traversable);
        }
        Paths = new PrivatePostgresPaths(Path.Combine(folder, "postgres"));
    }

    public PrivatePostgresPaths Paths { get; }

    /// <summary>A new handle on this cluster, as another process would have.</summary>
    public PrivateCluster Handle() => new(Paths);

    public async ValueTask DisposeAsync()
    {
        await Handle().StopAsync();
        Directory.Delete(folder, recursive: true);
    }
}
