using Microsoft.Extensions.Configuration;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Tests.Database;

public class when_the_connection_is_resolved
{
    [Fact]
    public void a_configured_connection_string_wins_and_starts_nothing()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sys2"] = "Host=db.example;Database=x" })
            .Build();

        DatabaseConnection.Resolve(config, checkoutRoot: null).ShouldBe("Host=db.example;Database=x");
    }

    [Fact]
    public void the_repository_root_is_the_folder_with_the_solution()
    {
        var root = RepositoryRoot.Find();

        File.Exists(Path.Combine(root, "Sys2.sln")).ShouldBeTrue();
        AppContext.BaseDirectory.ShouldStartWith(root);
    }
}
