using Sys2.PrivatePostgres;

namespace Sys2.Host.Tests.Database;

public class when_the_postgres_binaries_are_missing
{
    [Fact]
    public void it_says_so_and_how_to_fix_it()
    {
        var error = Should.Throw<PrivatePostgresException>(() => PostgresTools.Locate(searchPath: "/nonexistent/bin"));

        error.Message.ShouldContain("PostgreSQL binaries (initdb, pg_ctl) not found on PATH");
        error.Message.ShouldContain("SYS2_CONNECTION");
    }
}
