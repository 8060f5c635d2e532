using System.Net.Sockets;
using Npgsql;
using Sys2.Host.Operations;

namespace Sys2.Host.Tests.Operations;

public sealed class when_a_failure_is_classified
{
    [Theory]
    [InlineData("57P01")] // terminating connection due to administrator command: the server is stopping
    [InlineData("57P03")] // the database system is starting up
    [InlineData("08006")] // connection failure
    [InlineData("53300")] // too many connections
    public void a_server_refusing_connections_is_an_outage(string sqlState) =>
        DatabaseOutage.IsUnreachable(Postgres(sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData("42P01")] // undefined table
    [InlineData("23505")] // unique violation
    [InlineData("40001")] // serialization failure: the server is up
    public void a_server_refusing_a_statement_is_not(string sqlState) =>
        DatabaseOutage.IsUnreachable(Postgres(sqlState)).ShouldBeFalse();

    [Fact]
    public void a_refused_socket_is_an_outage_however_deeply_it_is_wrapped()
    {
        var npgsql = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        DatabaseOutage.IsUnreachable(npgsql).ShouldBeTrue();
        DatabaseOutage.IsUnreachable(new InvalidOperationException("Marten command failed", npgsql)).ShouldBeTrue();
        DatabaseOutage.IsUnreachable(new AggregateException(new InvalidOperationException("x"), npgsql)).ShouldBeTrue();
    }

    [Fact]
    public void anything_else_is_not() =>
        DatabaseOutage.IsUnreachable(new InvalidOperationException("a bug", new ArgumentException("bad"))).ShouldBeFalse();

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
