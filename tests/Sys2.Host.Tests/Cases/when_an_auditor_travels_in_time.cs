using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Cases;

/// <remarks>One host for the class (its clock never moves); each test takes a case of its own to the review.</remarks>
public class when_an_auditor_travels_in_time(ClassHost<when_an_auditor_travels_in_time> shared)
    : IClassFixture<ClassHost<when_an_auditor_travels_in_time>>, IAsyncLifetime
{
    private const string Tenant = "H769";
    private readonly CaseHost _host = shared.ForNextTest();
    private readonly CaseHistory _history = new(shared.Host.Store);
    private string _caseId = "";
    private long _version;

    public async Task InitializeAsync() => (_caseId, _version) = await OrdinarioCase.AtReviewAsync(_host);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_state_at_a_version_is_the_case_as_it_stood_after_that_event()
    {
        var opened = (await _history.StateAtVersionAsync(Tenant, _caseId, 1))!;
        var entered = (await _history.StateAtVersionAsync(Tenant, _caseId, 2))!;
        var now = (await _history.StateAtVersionAsync(Tenant, _caseId, _version))!;

        opened.Version.ShouldBe(1);
        opened.Status.ShouldBe(CaseStatus.Open);
        opened.Tokens.ShouldBeEmpty();
        entered.Tokens[Token.Main].Step.ShouldBe("catalogue");
        now.Tokens[Token.Main].Step.ShouldBe("review");
        now.Tokens[Token.Main].Bookmark.ShouldBeOfType<TaskBookmark>();
        now.Variables["protocolNumber"]!.GetValue<string>().ShouldBe("0000042");
    }

    [Fact]
    public async Task a_version_the_case_has_not_reached_does_not_exist()
    {
        (await _history.StateAtVersionAsync(Tenant, _caseId, _version + 1)).ShouldBeNull();
        (await _history.StateAtVersionAsync(Tenant, _caseId, 0)).ShouldBeNull();
    }

    [Fact]
    public async Task the_state_at_an_instant_holds_every_event_recorded_until_then()
    {
        var entries = await _history.EntriesAsync(Tenant, _caseId);
        var openingRecorded = entries[0].RecordedAt;
        var openingEvents = entries.Count(e => e.RecordedAt == openingRecorded);

        var atOpening = (await _history.StateAtAsync(Tenant, _caseId, openingRecorded))!;
        var later = (await _history.StateAtAsync(Tenant, _caseId, entries[^1].RecordedAt.AddMinutes(1)))!;

        openingEvents.ShouldBeLessThan(entries.Count);
        atOpening.Version.ShouldBe(openingEvents);
        atOpening.Tokens[Token.Main].Bookmark.ShouldBeOfType<CallBookmark>().Activity.ShouldBe("procedimarche.lookup");
        later.Version.ShouldBe(_version);
        (await _history.StateAtAsync(Tenant, _caseId, openingRecorded.AddSeconds(-1))).ShouldBeNull();
    }

    [Fact]
    public async Task each_entry_says_who_when_what_and_why_and_the_state_after_it()
    {
        var entries = await _history.EntriesAsync(Tenant, _caseId);

        entries.Select(e => e.Version).ShouldBe(Enumerable.Range(1, (int)_version).Select(v => (long)v));
        var opening = entries[0];
        opening.Type.ShouldBe("CaseOpened");
        opening.Payload!["CaseId"]!.GetValue<string>().ShouldBe(_caseId);
        (opening.User, opening.Role, opening.Office).ShouldBe(("mario.rossi", "clerk", "SUAP"));
        opening.DecidedAt.ShouldBe(_host.Clock.GetUtcNow());
        opening.Causation.ShouldNotBeNullOrEmpty();
        opening.Correlation.ShouldBe(opening.Causation);
        opening.Definition!.ShouldStartWith("suap.ordinario@1#");
        var answer = entries.First(e => e.Type == "IntegrationSucceeded");
        (answer.User, answer.Role).ShouldBe(("sys2", "system"));
        answer.Causation.ShouldNotBe(opening.Causation);
        entries[^1].After.Version.ShouldBe(_version);
        entries[^1].After.Tokens[Token.Main].Step.ShouldBe("review");
    }

    [Fact]
    public async Task entries_stop_at_the_version_asked_for()
    {
        var entries = await _history.EntriesAsync(Tenant, _caseId, upToVersion: 3);

        entries.Count.ShouldBe(3);
        entries[^1].After.Version.ShouldBe(3);
    }

    [Fact]
    public async Task another_entity_sees_nothing()
    {
        (await _history.StateAtVersionAsync("A044", _caseId, 1)).ShouldBeNull();
        (await _history.StateAsync("A044", _caseId)).ShouldBeNull();
        (await _history.EntriesAsync("A044", _caseId)).ShouldBeEmpty();
    }
}
