using System.Globalization;
using Npgsql;

namespace Sys2.PrivatePostgres;

/// <summary>
/// A PostgreSQL cluster private to a checkout, under <c>.sys2/postgres/</c>, for development, tests and CI:
/// initialised on first use, started when stopped, reused when running. Every step that changes the cluster
/// runs under an exclusive lock, so parallel test assemblies can all call <see cref="StartAsync"/> at once.
/// </summary>
public sealed class PrivateCluster
{
    public const string DefaultDatabase = "sys2";
    public const string Superuser = "postgres";

    // A cold start (initdb + start) takes a few seconds; waiters queue behind it, so be generous.
    static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(3);
    static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The socket's folder: its owner only (the server's user; root passes anyway).</summary>
    public const UnixFileMode SocketFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public PrivateCluster(PrivatePostgresPaths paths) => Paths = paths;

    public PrivatePostgresPaths Paths { get; }

    /// <summary>
    /// The folder named by SYS2_POSTGRES_DIR when that is set, otherwise <c>.sys2/postgres</c> of the checkout
    /// at <paramref name="checkoutRoot"/>. The caller knows what a checkout looks like; the cluster only needs a folder.
    /// </summary>
    public static PrivateCluster ForCheckout(string? checkoutRoot)
    {
        var overridden = Environment.GetEnvironmentVariable(PrivatePostgresPaths.OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden)) return new PrivateCluster(new PrivatePostgresPaths(Path.GetFullPath(overridden)));
        return new PrivateCluster(PrivatePostgresPaths.InRepository(checkoutRoot ?? throw new PrivatePostgresException(
            $"No checkout to keep the private PostgreSQL in: set {PrivatePostgresPaths.OverrideVariable} to a folder for it, "
            + "or point ConnectionStrings:Sys2 / SYS2_CONNECTION at an existing server.")));
    }

    /// <summary>
    /// Over TCP on loopback, with the password: the socket's folder is private to the cluster's owner, which
    /// is 'postgres' when we are root, and TCP works the same for root, the invoking user and a container.
    /// </summary>
    static string ConnectionString(int port, string? password, string database = DefaultDatabase) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Superuser,
            Password = password,
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    bool IsInitialized => File.Exists(Path.Combine(Paths.DataDirectory, "PG_VERSION"));

    /// <summary>Makes sure the cluster runs and has database <c>sys2</c>; returns that database's connection string.</summary>
    public async Task<string> StartAsync(CancellationToken ct = default)
    {
        var tools = PostgresTools.Locate();
        using var _ = await ClusterLock.AcquireAsync(Paths.LockFile, LockTimeout, ct);

        await PrepareFoldersAsync(tools, ct);
        var password = await PasswordAsync(tools, ct);
        if (!IsInitialized) await InitializeAsync(tools, ct);
        if (!await IsRunningAsync(tools, ct)) await StartServerAsync(tools, ct);

        var port = PostmasterPid.TryReadPort(Paths.DataDirectory)
            ?? throw new PrivatePostgresException($"The server runs but {Paths.DataDirectory}/postmaster.pid names no port.");
        var admin = AdminConnectionString(port, password);
        await ServerProbe.WaitUntilAcceptingAsync(admin, Paths.DataDirectory, Paths.LogFile, Paths.PasswordFile, ServerTimeout, ct);
        if (!ClusterConfig.HasOwnHba(Paths.DataDirectory)) await RequirePasswordAsync(tools, admin, password, ct);
        await ServerProbe.EnsureDatabaseAsync(admin, DefaultDatabase, ct);
        await File.WriteAllTextAsync(Paths.PortFile, port.ToString(CultureInfo.InvariantCulture) + "\n", ct);
        return ConnectionString(port, password);
    }

    /// <summary>Stops the server (fast shutdown: sessions are disconnected, committed work is kept). False when it was not running.</summary>
    public async Task<bool> StopAsync(CancellationToken ct = default)
    {
        if (!IsInitialized) return false;
        var tools = PostgresTools.Locate();
        using var _ = await ClusterLock.AcquireAsync(Paths.LockFile, LockTimeout, ct);
        if (!await IsRunningAsync(tools, ct)) return false;

        var port = PostmasterPid.TryReadPort(Paths.DataDirectory);
        var result = await tools.RunAsync(tools.PgCtl,
            ["stop", "-D", Paths.DataDirectory, "-m", "fast", "-w", "-t", Seconds(ServerTimeout)], ServerTimeout + TimeSpan.FromSeconds(10), ct);
        if (!result.Succeeded) throw PrivatePostgresException.CommandFailed(result, Paths.LogFile);

        // Idle pooled connections died with the server; without this, this process's next open after a
        // restart would be handed one of them and fail with 57P01.
        if (port is { } p) NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(p, ClusterPassword.TryRead(Paths.PasswordFile))));
        return true;
    }

    public async Task<PrivatePostgresStatus> StatusAsync(CancellationToken ct = default)
    {
        if (!IsInitialized)
            return new PrivatePostgresStatus(Paths, Initialized: false, Running: false, Port: null, ConnectionString: null);

        var running = await IsRunningAsync(PostgresTools.Locate(), ct);
        var port = running ? PostmasterPid.TryReadPort(Paths.DataDirectory) : ReadPortFile();
        return new PrivatePostgresStatus(Paths, Initialized: true, running, port,
            running && port is { } p ? ConnectionString(p, ClusterPassword.TryRead(Paths.PasswordFile)) : null);
    }

    async Task PrepareFoldersAsync(PostgresTools tools, CancellationToken ct)
    {
        var parent = Directory.CreateDirectory(Paths.ParentDirectory);
        // The server runs as 'postgres' when we are root, and must pass through our state folder to reach its own.
        // Only .sys2 is ours to open up; anything above it is the owner's business (see UnreachableMessage).
        if (tools.SwitchesUser && parent.Name == PrivatePostgresPaths.StateFolderName && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(parent.FullName, File.GetUnixFileMode(parent.FullName) | UnixFileMode.OtherExecute);

        // The folder may exist already (SYS2_POSTGRES_DIR names one someone made, or the socket folder was lost),
        // so every start makes sure of both. Before initdb the whole folder is ours to hand over; after it, only a
        // socket folder we had to make again.
        var uninitialised = !IsInitialized;
        var socketMissing = !Directory.Exists(Paths.SocketDirectory);
        Directory.CreateDirectory(Paths.SocketDirectory);
        // Only the cluster's owner (and root) may reach the socket; everyone else goes through TCP and the password.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Paths.SocketDirectory, SocketFolderMode);
        if (uninitialised) await tools.GiveToServiceUserAsync(Paths.ClusterDirectory, ct);
        else if (socketMissing) await tools.GiveToServiceUserAsync(Paths.SocketDirectory, ct);
    }

    /// <summary>
    /// The superuser's password from <see cref="PrivatePostgresPaths.PasswordFile"/>, made on first use. A cluster
    /// initialised with trust by an older Sys2 has none yet: it gets one now and is switched to it once running
    /// (<see cref="RequirePasswordAsync"/>). A cluster that already asks for a password but lost its file cannot
    /// be let in, and says so.
    /// </summary>
    async Task<string> PasswordAsync(PostgresTools tools, CancellationToken ct)
    {
        if (ClusterPassword.TryRead(Paths.PasswordFile) is { } existing) return existing;
        if (IsInitialized && !ClusterConfig.TrustsAnyone(Paths.DataDirectory))
            throw new PrivatePostgresException(
                $"The private PostgreSQL in {Paths.ClusterDirectory} asks for a password, but its password file {Paths.PasswordFile} "
                + "is missing or empty. Restore that file, or stop the cluster (db stop) and delete "
                + $"{Paths.ClusterDirectory} to start afresh (its data is lost).");
        var password = ClusterPassword.Create(Paths.PasswordFile);
        // initdb, run as the cluster's owner, reads it (--pwfile); root reads it whoever owns it.
        await tools.GiveToServiceUserAsync(Paths.PasswordFile, ct);
        return password;
    }

    /// <summary>
    /// Gives the superuser the password and replaces pg_hba.conf with <see cref="ClusterConfig.HostBasedAuthentication"/>,
    /// on the running server: the upgrade of a cluster made with trust, done once. The role gets its password
    /// before the rules ask for it, so an interruption leaves a cluster that either still trusts or already works.
    /// </summary>
    async Task RequirePasswordAsync(PostgresTools tools, string admin, string password, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        // ALTER ROLE takes no parameters; the password is hex (ClusterPassword), so the literal needs no escaping.
        await using (var alter = new NpgsqlCommand($"ALTER ROLE {ServerProbe.QuoteIdentifier(Superuser)} PASSWORD '{password}'", connection))
            await alter.ExecuteNonQueryAsync(ct);
        await tools.GiveToServiceUserAsync(ClusterConfig.WriteHba(Paths.DataDirectory), ct);
        await using (var check = new NpgsqlCommand("SELECT string_agg(error, '; ') FROM pg_hba_file_rules WHERE error IS NOT NULL", connection))
            if (await check.ExecuteScalarAsync(ct) is string errors)
                throw new PrivatePostgresException($"The server rejects the pg_hba.conf Sys2 wrote in {Paths.DataDirectory}: {errors}");
        await using (var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection))
            await reload.ExecuteNonQueryAsync(ct);
    }

    async Task InitializeAsync(PostgresTools tools, CancellationToken ct)
    {
        if (!await tools.ServiceUserCanWriteAsync(Paths.ClusterDirectory, ct))
            throw new PrivatePostgresException(UnreachableMessage());

        // A data folder without PG_VERSION is what an interrupted initdb leaves; initdb refuses non-empty folders.
        if (Directory.Exists(Paths.DataDirectory)) Directory.Delete(Paths.DataDirectory, recursive: true);

        var result = await tools.RunAsync(tools.InitDb,
            ["-D", Paths.DataDirectory, "-U", Superuser, "--auth=scram-sha-256", $"--pwfile={Paths.PasswordFile}",
                "--encoding=UTF8", "--locale=C"],
            TimeSpan.FromMinutes(5), ct);
        if (!result.Succeeded) throw PrivatePostgresException.CommandFailed(result, logFile: null);
        ClusterConfig.AppendDefaults(Paths.DataDirectory);
        // initdb's rules also allow replication connections; ours are the only ones wanted.
        await tools.GiveToServiceUserAsync(ClusterConfig.WriteHba(Paths.DataDirectory), ct);
    }

    /// <summary>Asks pg_ctl, which also notices a postmaster.pid left behind by a server that died.</summary>
    async Task<bool> IsRunningAsync(PostgresTools tools, CancellationToken ct)
    {
        var result = await tools.RunAsync(tools.PgCtl, ["status", "-D", Paths.DataDirectory], timeout: null, ct);
        return result.ExitCode switch
        {
            0 => true,
            3 => false,
            // 4: no accessible data folder, typically a parent folder the postgres user may not enter.
            4 when tools.SwitchesUser && !await tools.ServiceUserCanWriteAsync(Paths.ClusterDirectory, ct)
                => throw new PrivatePostgresException(UnreachableMessage()),
            _ => throw PrivatePostgresException.CommandFailed(result, Paths.LogFile),
        };
    }

    async Task StartServerAsync(PostgresTools tools, CancellationToken ct)
    {
        // Prefer last time's port so open psql sessions and saved connection strings keep working.
        var port = ReadPortFile() is { } last && FreeTcpPort.IsFree(last) ? last : FreeTcpPort.Pick();
        for (var attempt = 1; ; attempt++)
        {
            await tools.GiveToServiceUserAsync(ClusterConfig.WriteRuntime(Paths.DataDirectory, port, Paths.SocketDirectory), ct);
            var logStart = File.Exists(Paths.LogFile) ? new FileInfo(Paths.LogFile).Length : 0;
            var result = await tools.RunAsync(tools.PgCtl,
                ["start", "-D", Paths.DataDirectory, "-l", Paths.LogFile, "-w", "-t", Seconds(ServerTimeout)],
                ServerTimeout + TimeSpan.FromSeconds(10), ct);
            if (result.Succeeded) return;

            // Another program may take the free port between our pick and the server's bind: pick again, once.
            if (attempt == 1 && LogSince(logStart).Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                port = FreeTcpPort.Pick();
                continue;
            }
            throw PrivatePostgresException.CommandFailed(result, Paths.LogFile);
        }
    }

    string LogSince(long offset)
    {
        try
        {
            using var stream = new FileStream(Paths.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    int? ReadPortFile() =>
        File.Exists(Paths.PortFile) && int.TryParse(File.ReadAllText(Paths.PortFile).Trim(), CultureInfo.InvariantCulture, out var port)
            ? port
            : null;

    static string AdminConnectionString(int port, string password) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(port, password, Superuser)) { Pooling = false, Timeout = 5 }.ConnectionString;

    string UnreachableMessage()
    {
        var blocked = Ancestors(Paths.ClusterDirectory)
            .Where(dir => !OperatingSystem.IsWindows() && !File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute))
            .ToList();
        return $"The '{PostgresTools.ServiceUser}' user cannot reach {Paths.ClusterDirectory}. PostgreSQL refuses to run as root, "
            + $"so its server runs as '{PostgresTools.ServiceUser}' and needs search permission on every parent folder"
            + (blocked.Count == 0
                ? "."
                : $"; not searchable by other users: {string.Join(", ", blocked.Select(d => $"'{d}'"))} (chmod o+x would allow it).")
            + $" Alternatively set {PrivatePostgresPaths.OverrideVariable} to a folder that user can reach, "
            + "or point ConnectionStrings:Sys2 / SYS2_CONNECTION at another server.";
    }

    static IEnumerable<string> Ancestors(string path)
    {
        for (var dir = new DirectoryInfo(path).Parent; dir is not null; dir = dir.Parent)
            if (dir.Exists) yield return dir.FullName;
    }

    static string Seconds(TimeSpan span) => ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
