using Sys2.Host.Cases;
using Sys2.PrivatePostgres;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Cli;

/// <remarks>One host for the class (its clock never moves); each test takes a case of its own to the review.</remarks>
public class when_a_case_is_replayed_on_the_command_line(ClassHost<when_a_case_is_replayed_on_the_command_line> shared)
    : IClassFixture<ClassHost<when_a_case_is_replayed_on_the_command_line>>, IAsyncLifetime
{
    private readonly CaseHost _host = shared.ForNextTest();
    private string _caseId = "";
    private long _version;

    public async Task InitializeAsync() => (_caseId, _version) = await OrdinarioCase.AtReviewAsync(_host);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HostCli.Result> Replay(params string[] args) =>
        HostCli.RunAsync(new Dictionary<string, string> { [DatabaseConnection.EnvironmentVariable] = _host.ConnectionString }, ["replay", .. args]);

    [Fact]
    public async Task it_prints_each_event_with_who_when_why_and_the_state_after_it()
    {
        var result = await Replay(_caseId);

        result.ExitCode.ShouldBe(0, result.StandardError);
        var output = result.StandardOutput;
        output.ShouldStartWith($"case {_caseId} (tenant H769): {_version} event(s)");
        output.ShouldContain("#1 CaseOpened  2026-03-02 08:00:00 +00:00  by mario.rossi (clerk, SUAP)");
        output.ShouldContain("   why:  correlation ");
        output.ShouldContain("by sys2 (system)");
        // The state after the last event: the review task, the running decision clock, the variables.
        var last = output[output.LastIndexOf($"#{_version} ", StringComparison.Ordinal)..];
        last.ShouldContain("at review [main, visit 1]: task for clerk of SUAP (outcomes: approve, request-integration, reject), due ");
        // 30 days after the 30 for integrations (DPR 160/2010 art. 7 c.1-2): 1 May, a holiday -> 2 May.
        last.ShouldContain("clock integrations: running, due 2026-04-01");
        last.ShouldContain("clock decision: running, due 2026-05-02");
        last.ShouldContain("var protocolNumber = \"0000042\"");
    }

    [Fact]
    public async Task with_a_version_it_stops_there()
    {
        var result = await Replay(_caseId, "--version", "2");

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldContain("2 event(s), up to version 2");
        result.StandardOutput.ShouldContain("#2 StepEntered");
        result.StandardOutput.ShouldContain("at catalogue [main, visit 1]: moving on");
        result.StandardOutput.ShouldNotContain("#3 ");
    }

    [Fact]
    public async Task at_an_instant_it_shows_what_was_recorded_until_then()
    {
        var opening = (await new CaseHistory(_host.Store).EntriesAsync("H769", _caseId))[0].RecordedAt;

        var before = await Replay(_caseId, "--at", opening.AddSeconds(-1).ToString("O"));
        var at = await Replay(_caseId, "--at", opening.ToString("O"));

        before.ExitCode.ShouldBe(1);
        before.StandardError.ShouldContain($"case {_caseId} in H769 had no events yet at");
        at.ExitCode.ShouldBe(0, at.StandardError);
        at.StandardOutput.ShouldContain("at catalogue [main, visit 1]: answer of procedimarche.lookup");
        at.StandardOutput.ShouldNotContain("protocol.register");
    }

    [Fact]
    public async Task an_unknown_case_exits_1_with_a_message()
    {
        var result = await Replay("SUAP-H769-2026-9999999");

        result.ExitCode.ShouldBe(1);
        result.StandardError.ShouldBe("there is no case SUAP-H769-2026-9999999");
    }

    [Fact]
    public async Task another_tenant_does_not_have_the_case()
    {
        var result = await Replay(_caseId, "--tenant", "A044");

        result.ExitCode.ShouldBe(1);
        result.StandardError.ShouldBe($"there is no case {_caseId} in A044");
    }

    [Fact]
    public async Task a_version_and_an_instant_together_are_a_usage_error()
    {
        var result = await Replay(_caseId, "--version", "2", "--at", "2026-03-05T10:00:00Z");

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldStartWith("usage: replay");
    }
}
