using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Cases;

/// <remarks>
/// One host for the class. The tests that count case numbers from the first one open their cases in entities of
/// their own (Acquaviva Picena, Altidona, Amandola), which no other test of the class uses; the others, in
/// San Benedetto, read only the cases they opened.
/// </remarks>
public class when_a_clerk_opens_and_advances_a_case(ClassHost<when_a_clerk_opens_and_advances_a_case> shared)
    : IClassFixture<ClassHost<when_a_clerk_opens_and_advances_a_case>>
{
    private static readonly Actor Clerk = new("mario.rossi", "clerk", "SUAP");
    private readonly CaseHost _host = shared.ForNextTest();

    private static JsonObject Inputs() => new()
    {
        ["applicant"] = new JsonObject { ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi", ["email"] = "mario.rossi@example.it" },
        ["activity"] = "Apertura bar",
        ["application"] = FixtureDocuments.Istanza(),
    };

    private Task<CommandOutcome> Open(string tenant = "H769", Guid? id = null) =>
        _host.Cases.OpenAsync(id ?? Guid.NewGuid(), tenant, "suap.ordinario", Inputs(), Clerk);

    [Fact]
    public async Task cases_are_numbered_per_entity_kind_and_year()
    {
        (await Open("A047")).CaseId.ShouldBe("SUAP-A047-2026-0000001");
        (await Open("A047")).CaseId.ShouldBe("SUAP-A047-2026-0000002");
        (await Open("A233")).CaseId.ShouldBe("SUAP-A233-2026-0000001");
    }

    [Fact]
    public async Task concurrent_openings_get_distinct_numbers_without_gaps()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Open("A252"))));

        outcomes.ShouldAllBe(o => o.Status == CommandStatus.Accepted);
        outcomes.Select(o => o.CaseId).Order().ShouldBe(Enumerable.Range(1, 20).Select(i => $"SUAP-A252-2026-{i:0000000}"));
    }

    [Fact]
    public async Task the_opening_pins_the_published_version_and_records_who_did_it()
    {
        var opened = await Open();

        await using var session = _host.Store.QuerySession("H769");
        var events = await session.Events.FetchStreamAsync(opened.CaseId);
        var first = events[0];
        first.Data.ShouldBeOfType<Sys2.Workflows.Cases.Events.CaseOpened>().DefinitionVersion.ShouldBe(1);
        first.UserName.ShouldBe("mario.rossi");
        first.TenantId.ShouldBe("H769");
        first.GetHeader("role")!.ToString().ShouldBe("clerk");
        first.GetHeader("definition")!.ToString().ShouldStartWith("suap.ordinario@1#");
        events.Select(e => e.CausationId).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_same_command_twice_appends_once()
    {
        var id = Guid.NewGuid();
        var first = await Open(id: id);

        var second = await Open(id: id);

        second.Status.ShouldBe(CommandStatus.Duplicate);
        second.CaseId.ShouldBe(first.CaseId);
        await using var session = _host.Store.QuerySession("H769");
        (await session.Events.FetchStreamAsync(first.CaseId)).Count(e => e.Data is CaseOpened).ShouldBe(1);
    }

    [Fact]
    public async Task a_command_decided_on_a_stale_version_is_a_conflict_and_appends_nothing()
    {
        _host.Activities.Pause(); // only this test's commands move the case
        var opened = await Open();
        var answer = new CaseCommand(Guid.NewGuid(), "H769", opened.CaseId, opened.Version,
            new IntegrationCompleted("catalogue", 1, new JsonObject { ["fees"] = new JsonObject { ["istruttoria"] = 0 } }), Actor.System);
        (await _host.Cases.HandleAsync(answer)).Status.ShouldBe(CommandStatus.Accepted);

        var stale = await _host.Cases.HandleAsync(answer with { CommandId = Guid.NewGuid() });

        stale.Status.ShouldBe(CommandStatus.Conflict);
        stale.Error!.ShouldContain($"decided on version {opened.Version}");
    }

    [Fact]
    public async Task a_refused_command_appends_nothing()
    {
        _host.Activities.Pause();
        var opened = await Open();

        var refused = await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", opened.CaseId, opened.Version,
            new CompleteTask("review", "approve", [], Clerk), Clerk));

        refused.Status.ShouldBe(CommandStatus.Refused);
        refused.Error!.ShouldContain("no-open-task");
        await using var session = _host.Store.QuerySession("H769");
        (await session.Events.FetchStreamStateAsync(opened.CaseId))!.Version.ShouldBe(opened.Version);
    }

    [Fact]
    public async Task a_clerk_of_another_entity_does_not_see_the_case()
    {
        var opened = await Open("H769");

        var elsewhere = await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "A044", opened.CaseId, opened.Version,
            new WithdrawCase("prova", Clerk), Clerk));

        elsewhere.Status.ShouldBe(CommandStatus.NotFound);
        await using var session = _host.Store.QuerySession("A044");
        (await session.Events.FetchStreamAsync(opened.CaseId)).ShouldBeEmpty();
    }
}
