using System.Globalization;

namespace Sys2.PrivatePostgres;

/// <summary>
/// The cluster's settings: fixed ones written once after initdb, per-start ones (port, socket folder, who may
/// connect and how) in an included file and in pg_hba.conf, both rewritten before every start so a cluster made
/// by an older Sys2 gets them too.
/// </summary>
internal static class ClusterConfig
{
    /// <summary>Rewritten before every start, so a moved checkout or a taken port never leaves stale values behind.</summary>
    public const string RuntimeFileName = "sys2.conf";

    // sun_path is 108 bytes with its terminating NUL; PostgreSQL refuses to start when the socket path is longer.
    const int MaxSocketPathLength = 107;

    public static void AppendDefaults(string dataDirectory)
    {
        File.AppendAllText(Path.Combine(dataDirectory, "postgresql.conf"), $"""

            # --- Sys2 private cluster (see src/Sys2.PrivatePostgres) ---
            # Only this machine may connect, and only with the password (pg_hba.conf, scram-sha-256).
            listen_addresses = '127.0.0.1'
            # Test assemblies run in parallel, each with its own connection pools.
            max_connections = 200
            # Kept on deliberately: crash-safety tests kill the server and expect committed events to survive.
            fsync = on
            # Same timestamps on every machine.
            timezone = 'UTC'
            log_timezone = 'UTC'
            # Port and socket folder: written before each start.
            include_if_exists = '{RuntimeFileName}'

            """);
    }

    /// <summary>Writes the per-start settings and returns the file's path.</summary>
    public static string WriteRuntime(string dataDirectory, int port, string socketDirectory)
    {
        var socketPath = Path.Combine(socketDirectory, $".s.PGSQL.{port}");
        // We connect over TCP; the socket is a convenience for psql, so a too-deep checkout just goes without it.
        var socketSetting = socketPath.Length <= MaxSocketPathLength ? socketDirectory : "";
        var path = Path.Combine(dataDirectory, RuntimeFileName);
        File.WriteAllText(path, $"""
            # Written by Sys2 before each start of the private cluster; edits here are overwritten.
            port = {port.ToString(CultureInfo.InvariantCulture)}
            unix_socket_directories = '{socketSetting.Replace("'", "''")}'
            # Also here, not only in postgresql.conf, so a cluster initialised by an older Sys2 gets them.
            listen_addresses = '127.0.0.1'
            password_encryption = 'scram-sha-256'

            """);
        return path;
    }

    /// <summary>
    /// Who may connect: anyone on this machine who knows the password, over TCP on loopback or through the
    /// socket (whose folder only the cluster's owner may enter). No <c>trust</c>: before this, any local OS
    /// user got a superuser session. No replication lines: nothing replicates a private cluster.
    /// </summary>
    public const string HostBasedAuthentication = """
        # Written by Sys2 (src/Sys2.PrivatePostgres); rewritten before every start of the private cluster.
        # TYPE  DATABASE  USER  ADDRESS       METHOD
        local   all       all                 scram-sha-256
        host    all       all   127.0.0.1/32  scram-sha-256

        """;

    public static string HbaPath(string dataDirectory) => Path.Combine(dataDirectory, "pg_hba.conf");

    /// <summary>Whether pg_hba.conf is already the one above (a cluster made with <c>--auth=trust</c> has another).</summary>
    public static bool HasOwnHba(string dataDirectory) =>
        File.Exists(HbaPath(dataDirectory)) && File.ReadAllText(HbaPath(dataDirectory)) == HostBasedAuthentication;

    /// <summary>Whether any rule of pg_hba.conf lets a client in without a password.</summary>
    public static bool TrustsAnyone(string dataDirectory) =>
        File.Exists(HbaPath(dataDirectory))
        && File.ReadLines(HbaPath(dataDirectory))
            .Select(line => line.Split('#')[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 0 && fields[^1] == "trust");

    /// <summary>Writes <see cref="HostBasedAuthentication"/> and returns the file's path.</summary>
    public static string WriteHba(string dataDirectory)
    {
        var path = HbaPath(dataDirectory);
        File.WriteAllText(path, HostBasedAuthentication);
        return path;
    }
}
