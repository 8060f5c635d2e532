using System.Net;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// A command's id is what makes a retry or a double click safe: it is required; the same id with
/// the same body answers what the first answered, even when both arrive at once; the same id with
/// another body or on another case is refused as a reused id.
/// </summary>
public sealed class when_a_command_id_is_reused : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _clerk = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_command_id_is_reused));
        _host.Activities.Pause(); // only the test's commands move the cases
        _clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
    }

    private Task<HttpResponseMessage> Open(Guid commandId, string activity = "Apertura di un esercizio di vicinato")
    {
        var inputs = Scia.Inputs();
        inputs["activity"] = activity;
        return _clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId, inputs });
    }

    private async Task<(string CaseId, long Version)> FiledAsync()
    {
        var caseId = await _host.FileAsync();
        return (caseId, (await _host.EventsOf(caseId)).Count);
    }

    private Task<HttpResponseMessage> Withdraw(string caseId, Guid commandId, long version, string reason = "rinuncia del segnalante") =>
        _clerk.PostAsync($"/api/cases/{caseId}/withdraw", new { commandId, expectedVersion = version, reason });

    [Fact]
    public async Task a_command_without_an_id_is_refused_naming_commandId()
    {
        var (caseId, version) = await FiledAsync();
        var before = await DatabaseCounts.OfAsync(_host);

        var withdraw = await (await _clerk.PostAsync($"/api/cases/{caseId}/withdraw", new { expectedVersion = version, reason = "rinuncia" })).ShouldBeFieldErrorsAsync();
        var open = await (await Open(Guid.Empty)).ShouldBeFieldErrorsAsync();

        withdraw.Keys.ShouldBe(["commandId"]);
        open.Keys.ShouldBe(["commandId"]);
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task the_same_command_twice_answers_the_same_and_appends_once()
    {
        var (caseId, version) = await FiledAsync();
        var id = Guid.NewGuid();

        var first = await (await Withdraw(caseId, id, version)).JsonAsync();
        var second = await (await Withdraw(caseId, id, version)).JsonAsync();

        second["version"]!.GetValue<long>().ShouldBe(first["version"]!.GetValue<long>());
        second["status"]!.GetValue<string>().ShouldBe("Duplicate");
        (await _host.EventsOf(caseId)).OfType<CaseClosed>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_same_id_with_another_body_is_refused_as_reused_and_appends_nothing()
    {
        var (caseId, version) = await FiledAsync();
        var id = Guid.NewGuid();
        await (await Open(id)).JsonAsync();
        var before = await DatabaseCounts.OfAsync(_host);

        var reopened = await (await Open(id, "Un'altra attività")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var onACase = await (await Withdraw(caseId, id, version)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        reopened["code"]!.GetValue<string>().ShouldBe("command-id-reused");
        reopened["detail"]!.GetValue<string>().ShouldContain("a command with another body");
        onACase["code"]!.GetValue<string>().ShouldBe("command-id-reused");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task the_same_id_on_another_case_is_refused_as_reused()
    {
        var (first, firstVersion) = await FiledAsync();
        var (second, secondVersion) = await FiledAsync();
        var id = Guid.NewGuid();
        await (await Withdraw(first, id, firstVersion)).JsonAsync();

        var problem = await (await Withdraw(second, id, secondVersion)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem["detail"]!.GetValue<string>().ShouldContain("a command on another case");
        (await _host.EventsOf(second)).Count.ShouldBe((int)secondVersion);
    }

    [Fact]
    public async Task a_double_click_on_open_opens_one_case_and_both_answers_name_it()
    {
        var before = await DatabaseCounts.OfAsync(_host);
        var id = Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await (await Open(id)).JsonAsync())));

        answers.Select(a => a["caseId"]!.GetValue<string>()).Distinct().ShouldHaveSingleItem();
        answers.Select(a => a["version"]!.GetValue<long>()).Distinct().ShouldHaveSingleItem();
        var after = await DatabaseCounts.OfAsync(_host);
        after.Streams.ShouldBe(before.Streams + 1);
        after.CaseNumbersTaken.ShouldBe(before.CaseNumbersTaken + 1);
    }

    [Fact]
    public async Task a_double_click_on_a_case_command_appends_once_and_both_answers_agree()
    {
        var (caseId, version) = await FiledAsync();
        var id = Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await (await Withdraw(caseId, id, version)).JsonAsync())));

        answers.Select(a => a["version"]!.GetValue<long>()).Distinct().ShouldHaveSingleItem();
        (await _host.EventsOf(caseId)).OfType<CaseClosed>().ShouldHaveSingleItem();
    }
}
