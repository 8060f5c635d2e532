using System.Globalization;

namespace Sys2.PrivatePostgres;

/// <summary>The cluster's settings: fixed ones written once after initdb, per-start ones (port, socket folder) in an included file.</summary>
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
            # Only this machine may connect; authentication is 'trust' (initdb --auth=trust).
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

            """);
        return path;
    }
}
