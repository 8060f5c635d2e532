using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Views;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Tests.Views;

/// <summary>
/// A case's attached documents are its file, not its state: each is a row of its own, read by the case's
/// views and its history, and never part of the snapshot a command loads, which would otherwise grow with
/// every attachment.
/// </summary>
/// <remarks>One host for the class; each test files a case of its own.</remarks>
public sealed class when_documents_are_attached_to_a_case(ClassHost<when_documents_are_attached_to_a_case> shared)
    : IClassFixture<ClassHost<when_documents_are_attached_to_a_case>>
{
    private readonly CaseHost _host = shared.ForNextTest();

    private async Task<(string CaseId, long Version)> OpenAsync(ClerkClient clerk)
    {
        _host.Activities.Pause();
        var caseId = (await (await clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId = Guid.NewGuid(), inputs = Scia.Inputs() })).JsonAsync())["caseId"]!
            .GetValue<string>();
        return (caseId, (await _host.EventsOf(caseId)).Count);
    }

    private static async Task<(string Sha256, long Version)> AttachAsync(ClerkClient clerk, string caseId, long version, string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var answer = await (await clerk.PostAsync($"/api/cases/{caseId}/documents", new
        {
            commandId = Guid.NewGuid(), expectedVersion = version, name, mediaType = "application/pdf", contentBase64 = Convert.ToBase64String(bytes),
        })).JsonAsync();
        return (Sha256Hex.Of(bytes), answer["version"]!.GetValue<long>());
    }

    private static IReadOnlyList<string> Listed(JsonNode state) => [.. state["documents"]!.AsArray().Select(d => d!.GetValue<string>())];

    /// <summary>The snapshot a command loads, as stored.</summary>
    private async Task<string> SummaryJsonAsync(string caseId)
    {
        await using var session = _host.Store.QuerySession("H769");
        return (await session.Json.FindByIdAsync<CaseSummary>(caseId))!;
    }

    /// <summary>A case with a planimetria and then a relazione attached.</summary>
    private async Task<(string CaseId, long Opened, (string Sha256, long Version) First, (string Sha256, long Version) Second)> TwoAttachedAsync(ClerkClient clerk)
    {
        var (caseId, opened) = await OpenAsync(clerk);
        var first = await AttachAsync(clerk, caseId, opened, "planimetria.pdf", $"Planimetria {Guid.NewGuid()}");
        var second = await AttachAsync(clerk, caseId, first.Version, "relazione.pdf", $"Relazione tecnica {Guid.NewGuid()}");
        return (caseId, opened, first, second);
    }

    [Fact]
    public async Task the_case_lists_them_in_order_while_its_snapshot_holds_none_of_them()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        var (caseId, _, first, second) = await TwoAttachedAsync(clerk);
        var again = await AttachAsync(clerk, caseId, second.Version, "planimetria.pdf", $"Planimetria corretta {Guid.NewGuid()}");

        var read = await (await clerk.GetAsync($"/api/cases/{caseId}")).JsonAsync();
        Listed(read["state"]!).ShouldBe([
            $"planimetria.pdf (application/pdf, sha256 {first.Sha256})",
            $"relazione.pdf (application/pdf, sha256 {second.Sha256})",
            $"planimetria.pdf (application/pdf, sha256 {again.Sha256})",
        ]);
        var snapshot = await SummaryJsonAsync(caseId);
        snapshot.ShouldNotContain(first.Sha256);
        snapshot.ShouldNotContain(again.Sha256);
        snapshot.ShouldNotContain("planimetria.pdf");
        var download = await clerk.GetAsync($"/api/cases/{caseId}/documents/{again.Sha256}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileName.ShouldBe("planimetria.pdf");
    }

    [Fact]
    public async Task the_state_at_an_earlier_version_lists_only_those_attached_by_then()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        var (caseId, opened, first, second) = await TwoAttachedAsync(clerk);
        using var auditor = new ClerkClient(_host.Address, TestAccounts.AnnaBianchi);

        var before = await (await auditor.GetAsync($"/api/cases/{caseId}/state?version={opened}")).JsonAsync();
        var between = await (await auditor.GetAsync($"/api/cases/{caseId}/state?version={first.Version}")).JsonAsync();
        var history = JsonNode.Parse(await (await auditor.GetAsync($"/api/cases/{caseId}/history")).Content.ReadAsStringAsync())!.AsArray();

        Listed(before).ShouldBeEmpty();
        Listed(between).ShouldBe([$"planimetria.pdf (application/pdf, sha256 {first.Sha256})"]);
        Listed(history[^1]!["state"]!).Count.ShouldBe(2);
        Listed(history[(int)first.Version - 1]!["state"]!).ShouldBe(Listed(between));
        second.Version.ShouldBe(first.Version + 1);
    }

    [Fact]
    public async Task a_rebuild_from_the_events_gives_the_same_rows()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        var (caseId, _, first, _) = await TwoAttachedAsync(clerk);
        async Task<string> RowsAsync()
        {
            await using var session = _host.Store.QuerySession("H769");
            return _host.Store.Options.Serializer().ToJson(await session.Query<CaseAttachment>().Where(a => a.CaseId == caseId).OrderBy(a => a.Document.Version).ToListAsync());
        }
        var rows = await RowsAsync();
        rows.ShouldContain(first.Sha256);

        await _host.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CaseAttachment));
        (await RowsAsync()).ShouldBe("[]");
        await ViewRebuild.RunAsync(_host.Store);

        (await RowsAsync()).ShouldBe(rows);
    }
}
