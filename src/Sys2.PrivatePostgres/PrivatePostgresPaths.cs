namespace Sys2.PrivatePostgres;

/// <summary>Where the private cluster keeps its files. Everything lives in one folder, <see cref="ClusterDirectory"/>.</summary>
public sealed record PrivatePostgresPaths(string ClusterDirectory)
{
    /// <summary>Git-ignored folder for per-checkout state.</summary>
    public const string StateFolderName = ".sys2";

    /// <summary>Overrides the cluster folder, for checkouts the postgres user cannot reach (see .ci/run).</summary>
    public const string OverrideVariable = "SYS2_POSTGRES_DIR";

    public static PrivatePostgresPaths InRepository(string repositoryRoot) =>
        new(Path.Combine(Path.GetFullPath(repositoryRoot), StateFolderName, "postgres"));

    public string DataDirectory => Path.Combine(ClusterDirectory, "data");
    public string SocketDirectory => Path.Combine(ClusterDirectory, "socket");
    public string LogFile => Path.Combine(ClusterDirectory, "postgres.log");
    public string PortFile => Path.Combine(ClusterDirectory, "port");

    /// <summary>The superuser's password (mode 0600), which every connection string of the cluster carries.</summary>
    public string PasswordFile => Path.Combine(ClusterDirectory, "password");

    /// <summary>Beside the cluster folder, not in it: the lock guards the folder's creation too.</summary>
    public string LockFile => ClusterDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".lock";

    public string ParentDirectory => Path.GetDirectoryName(ClusterDirectory.TrimEnd(Path.DirectorySeparatorChar))!;
}
