using System.Net.Sockets;
using Npgsql;

namespace Sys2.Host.Operations;

/// <summary>
/// Whether a failure means PostgreSQL cannot be reached right now (stopped, restarting, out of
/// connections), as opposed to a fault a retry would only repeat. Classified by exception type
/// and SQLSTATE through the whole chain, since Marten and Wolverine wrap Npgsql's exceptions.
/// </summary>
public static class DatabaseOutage
{
    public static bool IsUnreachable(Exception? exception) => Chain(exception).Any(Unreachable);

    private static bool Unreachable(Exception e) => e switch
    {
        // A server that answers is up: only its connection-level refusals count.
        PostgresException p => IsConnectionState(p.SqlState),
        // Npgsql's own (not the server's) failures: a socket, a timeout, an exhausted pool.
        NpgsqlException n => n.IsTransient,
        SocketException => true,
        _ => false,
    };

    /// <summary>
    /// Class 08 (connection exception), 57P01–57P03 (administrator/crash shutdown, cannot connect
    /// now: starting up or shutting down) and 53300 (too many connections).
    /// </summary>
    private static bool IsConnectionState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                    yield return inner;
        }
    }
}
