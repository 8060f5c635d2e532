using Sys2.PrivatePostgres;

namespace Sys2.Host.Cli;

/// <summary><c>Sys2.Host db start|stop|status</c>: manage the private PostgreSQL cluster of this checkout.</summary>
public static class DbCommand
{
    const string Usage = "usage: Sys2.Host db start|stop|status";

    /// <summary>Exit codes: 0 done (status: running), 1 failed, 2 bad usage, 3 status: not running.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var cluster = RepositoryRoot.PrivateCluster();
            switch (args)
            {
                case ["start"]:
                    // Only the connection string goes to stdout, so scripts can capture it.
                    Console.WriteLine(await cluster.StartAsync());
                    return 0;
                case ["stop"]:
                    Console.Error.WriteLine(await cluster.StopAsync()
                        ? $"stopped the private PostgreSQL in {cluster.Paths.ClusterDirectory}"
                        : $"the private PostgreSQL in {cluster.Paths.ClusterDirectory} was not running");
                    return 0;
                case ["status"]:
                    return PrintStatus(await cluster.StatusAsync());
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (PrivatePostgresException e)
        {
            Console.Error.WriteLine($"db {string.Join(' ', args)}: {e.Message}");
            return 1;
        }
    }

    static int PrintStatus(PrivatePostgresStatus status)
    {
        Console.WriteLine($"cluster:    {status.Paths.ClusterDirectory}");
        Console.WriteLine($"state:      {(status.Running ? "running" : status.Initialized ? "stopped" : "not initialised")}");
        if (status.Port is { } port) Console.WriteLine($"port:       {port}{(status.Running ? "" : " (last used)")}");
        if (status.ConnectionString is { } cs) Console.WriteLine($"connection: {cs}");
        Console.WriteLine($"log:        {status.Paths.LogFile}");
        return status.Running ? 0 : 3;
    }
}
