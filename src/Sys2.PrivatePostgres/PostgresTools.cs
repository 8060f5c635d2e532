namespace Sys2.PrivatePostgres;

/// <summary>
/// The PostgreSQL programs we drive, run as the right user: PostgreSQL refuses to run as root,
/// so a root caller runs them as <c>postgres</c> through <c>runuser</c>, and hands that user the folders they write.
/// </summary>
internal sealed class PostgresTools
{
    public const string ServiceUser = "postgres";
    static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(30);

    readonly string? runUser;

    PostgresTools(string initDb, string pgCtl, string? runUser)
    {
        InitDb = initDb;
        PgCtl = pgCtl;
        this.runUser = runUser;
    }

    public string InitDb { get; }
    public string PgCtl { get; }

    /// <summary>True when we are root and so act as <see cref="ServiceUser"/>.</summary>
    public bool SwitchesUser => runUser is not null;

    /// <summary>Finds initdb and pg_ctl on <paramref name="searchPath"/> (default: PATH), and runuser when we are root.</summary>
    public static PostgresTools Locate(string? searchPath = null)
    {
        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var initDb = FindExecutable("initdb", searchPath);
        var pgCtl = FindExecutable("pg_ctl", searchPath);
        if (initDb is null || pgCtl is null)
            throw new PrivatePostgresException(
                "PostgreSQL binaries (initdb, pg_ctl) not found on PATH. Install PostgreSQL 15 server binaries " +
                "(e.g. apt-get install postgresql-15) and put their bin folder (/usr/lib/postgresql/15/bin) on PATH, " +
                "or point ConnectionStrings:Sys2 / SYS2_CONNECTION at an existing server.");

        string? runUser = null;
        if (Environment.IsPrivilegedProcess)
        {
            runUser = FindExecutable("runuser", searchPath + ":/usr/sbin:/sbin:/usr/bin:/bin")
                ?? throw new PrivatePostgresException(
                    "Running as root, but `runuser` (util-linux) was not found: PostgreSQL refuses to run as root, " +
                    $"so its programs must be run as the '{ServiceUser}' user.");
        }
        return new PostgresTools(initDb, pgCtl, runUser);
    }

    /// <summary>Runs a PostgreSQL program as the user that owns the cluster.</summary>
    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan? timeout, CancellationToken ct) =>
        runUser is null
            ? CommandRunner.RunAsync(program, arguments, timeout ?? QuickCommand, ct)
            : CommandRunner.RunAsync(runUser, ["-u", ServiceUser, "--", program, .. arguments], timeout ?? QuickCommand, ct);

    /// <summary>Gives <paramref name="path"/> (recursively) to the postgres user; nothing to do when we already run as the owner.</summary>
    public async Task GiveToServiceUserAsync(string path, CancellationToken ct)
    {
        if (runUser is null) return;
        var result = await CommandRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path], QuickCommand, ct);
        if (!result.Succeeded) throw PrivatePostgresException.CommandFailed(result, logFile: null);
    }

    /// <summary>Whether the postgres user can create files in <paramref name="directory"/>, which needs search permission on every parent.</summary>
    public async Task<bool> ServiceUserCanWriteAsync(string directory, CancellationToken ct)
    {
        if (runUser is null) return true;
        var result = await CommandRunner.RunAsync(runUser, ["-u", ServiceUser, "--", "test", "-w", directory], QuickCommand, ct);
        return result.Succeeded;
    }

    static string? FindExecutable(string name, string searchPath) =>
        searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
