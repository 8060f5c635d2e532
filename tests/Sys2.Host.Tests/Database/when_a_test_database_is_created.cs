using Npgsql;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Database;

public class when_a_test_database_is_created
{
    [Fact]
    public async Task it_is_empty_even_when_a_previous_run_left_data()
    {
        var first = await TestDatabases.CreateAsync(nameof(when_a_test_database_is_created));
        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE leftover (id int)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var second = await TestDatabases.CreateAsync(nameof(when_a_test_database_is_created));

        second.ShouldBe(first);
        await using var fresh = new NpgsqlConnection(second);
        await fresh.OpenAsync();
        (await when_the_private_cluster_is_started.Scalar<string>(fresh, "SELECT current_database()"))
            .ShouldBe("test_when_a_test_database_is_created");
        (await when_the_private_cluster_is_started.Scalar<long>(fresh,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).ShouldBe(0);
    }

    [Theory]
    [InlineData("MyTests", "test_mytests")]
    [InlineData("Cases.Approve-Flow", "test_cases_approve_flow")]
    public void its_name_is_a_plain_identifier(string name, string expected) =>
        TestDatabases.DatabaseName(name).ShouldBe(expected);

    [Fact]
    public void long_names_are_cut_to_63_characters_and_stay_distinct()
    {
        var a = TestDatabases.DatabaseName(new string('a', 80) + "1");
        var b = TestDatabases.DatabaseName(new string('a', 80) + "2");

        a.Length.ShouldBe(63);
        a.ShouldNotBe(b);
    }
}
