using System.Text.RegularExpressions;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Cases;

/// <remarks>
/// One host for the class. Each test publishes the shipped version 1 again (the same text is the same version), files
/// its own case on it, then publishes version 2 (the same renamed text each time, so always version 2) and migrates it.
/// </remarks>
public class when_an_operator_migrates_a_case(ClassHost<when_an_operator_migrates_a_case> shared)
    : IClassFixture<ClassHost<when_an_operator_migrates_a_case>>, IAsyncLifetime
{
    private const string Tenant = "H769";
    private static readonly Actor Operator = new("lucia.verdi", "admin", "SUAP");
    private readonly CaseHost _host = shared.ForNextTest();
    private string _caseId = "";
    private long _version;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "workflows", "suap", "ordinario.yaml");
        var shipped = await File.ReadAllTextAsync(path);
        (await PublishAsync(shipped)).ShouldBe(1);
        (_caseId, _version) = await OrdinarioCase.AtReviewAsync(_host);
        // Version 2: the review step is renamed "istruttoria".
        (await PublishAsync(Regex.Replace(shipped, @"(?<![\w-])review(?![\w-])", "istruttoria"))).ShouldBe(2);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> PublishAsync(string yaml)
    {
        var load = DefinitionLoader.LoadText("suap/ordinario.yaml", yaml);
        load.Problems.ShouldBeEmpty();
        return (await _host.Definitions.SaveAndPublishAsync(load.Definition!, yaml)).Version;
    }

    private Task<CommandOutcome> Migrate(Guid? id = null, long? expected = null, int toVersion = 2, string from = "review", string to = "istruttoria") =>
        _host.Cases.MigrateAsync(new CaseCommand(id ?? Guid.NewGuid(), Tenant, _caseId, expected ?? _version,
            new MigrateCase(toVersion, new Dictionary<string, string> { [from] = to }, "nuova versione: fase istruttoria rinominata", Operator), Operator));

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> Stream()
    {
        await using var session = _host.Store.QuerySession(Tenant);
        return await session.Events.FetchStreamAsync(_caseId);
    }

    [Fact]
    public async Task the_case_moves_to_the_new_version_and_the_events_carry_its_key()
    {
        var outcome = await Migrate();

        outcome.Status.ShouldBe(CommandStatus.Accepted, outcome.Error);
        outcome.Events.ShouldBe(["CaseMigrated", "TaskAssigned"]);
        var stream = await Stream();
        var migrated = stream[^2];
        migrated.Data.ShouldBeOfType<CaseMigrated>().ShouldSatisfyAllConditions(
            e => e.FromVersion.ShouldBe(1), e => e.ToVersion.ShouldBe(2), e => e.MigratedBy.ShouldBe("lucia.verdi"),
            e => e.Mapping.ShouldBe(new Dictionary<string, string> { ["review"] = "istruttoria" }));
        migrated.GetHeader("definition")!.ToString().ShouldStartWith("suap.ordinario@2#");
        migrated.GetHeader("role")!.ToString().ShouldBe("admin");
        stream[0].GetHeader("definition")!.ToString().ShouldStartWith("suap.ordinario@1#");
    }

    [Fact]
    public async Task the_next_command_is_decided_on_the_new_version_and_the_chain_still_verifies()
    {
        var migrated = await Migrate();

        var approved = await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), Tenant, _caseId, migrated.Version,
            new CompleteTask("istruttoria", "approve", new() { ["notes"] = "conforme" }, OrdinarioCase.Clerk), OrdinarioCase.Clerk));

        approved.Status.ShouldBe(CommandStatus.Accepted, approved.Error);
        approved.Events.ShouldContain("TaskCompleted");
        (await Stream())[^1].GetHeader("definition")!.ToString().ShouldStartWith("suap.ordinario@2#");
        var report = await _host.Verifier.VerifyAsync(Tenant, _caseId);
        report.Intact.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public async Task the_old_step_name_no_longer_has_a_task()
    {
        var migrated = await Migrate();

        var refused = await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), Tenant, _caseId, migrated.Version,
            new CompleteTask("review", "approve", new() { ["notes"] = "conforme" }, OrdinarioCase.Clerk), OrdinarioCase.Clerk));

        refused.Status.ShouldBe(CommandStatus.Refused);
        refused.Error!.ShouldContain("open tasks: istruttoria");
    }

    [Fact]
    public async Task a_refused_migration_appends_nothing_and_names_the_step()
    {
        var refused = await Migrate(to: "esame");

        refused.Status.ShouldBe(CommandStatus.Refused);
        refused.Error!.ShouldContain("'esame'");
        refused.Error!.ShouldContain("suap.ordinario@2");
        (await Stream()).Count.ShouldBe((int)_version);
    }

    [Fact]
    public async Task a_version_that_was_never_stored_is_refused()
    {
        var refused = await Migrate(toVersion: 7);

        refused.Status.ShouldBe(CommandStatus.Refused);
        refused.Error!.ShouldBe("unknown-version: suap.ordinario has no version 7 (versions: 1, 2)");
    }

    [Fact]
    public async Task the_same_migration_sent_twice_is_applied_once()
    {
        var id = Guid.NewGuid();
        var first = await Migrate(id);

        var second = await Migrate(id);

        second.Status.ShouldBe(CommandStatus.Duplicate);
        second.Version.ShouldBe(first.Version);
        (await Stream()).Count.ShouldBe((int)first.Version);
    }

    [Fact]
    public async Task a_migration_decided_on_a_stale_version_is_a_conflict()
    {
        (await Migrate(expected: _version - 1)).Status.ShouldBe(CommandStatus.Conflict);
    }

    [Fact]
    public async Task a_case_of_another_entity_is_not_found()
    {
        var elsewhere = await _host.Cases.MigrateAsync(new CaseCommand(Guid.NewGuid(), "A044", _caseId, _version,
            new MigrateCase(2, new Dictionary<string, string> { ["review"] = "istruttoria" }, "prova", Operator), Operator));

        elsewhere.Status.ShouldBe(CommandStatus.NotFound);
    }

    [Fact]
    public async Task the_state_before_the_migration_still_reads_the_old_version_and_step()
    {
        var migrated = await Migrate();
        var history = new CaseHistory(_host.Store);

        var before = (await history.StateAtVersionAsync(Tenant, _caseId, _version))!;
        var after = (await history.StateAtVersionAsync(Tenant, _caseId, migrated.Version))!;

        (before.DefinitionVersion, before.Tokens[Token.Main].Step).ShouldBe((1, "review"));
        (after.DefinitionVersion, after.Tokens[Token.Main].Step).ShouldBe((2, "istruttoria"));
    }
}
