using System.Text.Json.Nodes;
using Npgsql;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Cases;

/// <remarks>
/// One host for the class; each test takes a case of its own to the review and tampers only with that one
/// (<c>where stream_id = @s</c>), so the others' cases stay intact.
/// </remarks>
public class when_an_auditor_verifies_the_chain(ClassHost<when_an_auditor_verifies_the_chain> shared)
    : IClassFixture<ClassHost<when_an_auditor_verifies_the_chain>>, IAsyncLifetime
{
    private static readonly Actor Clerk = new("mario.rossi", "clerk", "SUAP");
    private readonly CaseHost _host = shared.ForNextTest();
    private string _caseId = "";

    public async Task InitializeAsync()
    {
        // The engine answers the calls; the case then waits for the clerk and nothing else writes to it.
        (_caseId, _) = await OrdinarioCase.AtReviewAsync(_host);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", _caseId);
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task an_untouched_case_is_intact()
    {
        var report = await _host.Verifier.VerifyAsync("H769", _caseId);

        report.Intact.ShouldBeTrue(report.ToString());
        report.Events.ShouldBeGreaterThan(4);
    }

    [Fact]
    public async Task a_changed_payload_is_named_by_its_version()
    {
        await Sql("""update sys2.mt_events set data = data || '{"tampered": true}' where stream_id = @s and version = 4""");

        var report = await _host.Verifier.VerifyAsync("H769", _caseId);

        report.FirstBrokenVersion.ShouldBe(4);
        report.Problem!.ShouldContain("IntegrationSucceeded");
    }

    [Fact]
    public async Task a_changed_user_in_the_metadata_is_detected()
    {
        await Sql("update sys2.mt_events set headers = jsonb_set(headers, '{user}', '\"someone.else\"') where stream_id = @s and version = 1");

        (await _host.Verifier.VerifyAsync("H769", _caseId)).FirstBrokenVersion.ShouldBe(1);
    }

    [Fact]
    public async Task a_removed_event_is_detected()
    {
        await Sql("delete from sys2.mt_events where stream_id = @s and version = 2");

        var report = await _host.Verifier.VerifyAsync("H769", _caseId);

        report.FirstBrokenVersion.ShouldBe(2);
        report.Problem!.ShouldContain("missing");
    }

    [Fact]
    public async Task two_swapped_events_are_detected()
    {
        await Sql("""
            update sys2.mt_events set version = -2 where stream_id = @s and version = 2;
            update sys2.mt_events set version = 2 where stream_id = @s and version = 3;
            update sys2.mt_events set version = 3 where stream_id = @s and version = -2;
            """);

        (await _host.Verifier.VerifyAsync("H769", _caseId)).FirstBrokenVersion.ShouldBe(2);
    }

    [Fact]
    public async Task every_stream_is_checked_with_verify_all()
    {
        var reports = await _host.Verifier.VerifyAllAsync();

        reports.ShouldContain(r => r.CaseId == _caseId && r.Intact);
    }
}
