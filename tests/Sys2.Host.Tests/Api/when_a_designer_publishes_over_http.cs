using System.Net;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Api;

/// <summary>
/// The designer's API: a text is checked without saving, a definition is copied under a new id, and publishing is
/// refused on the server while a scenario fails (whatever a page shows), then allowed and recorded with who.
/// </summary>
/// <remarks>
/// One host for the class: each test works on a definition of its own (a copy under a new id) or only reads the
/// shipped ones, and publishes nothing of theirs.
/// </remarks>
public sealed class when_a_designer_publishes_over_http(SandboxHost<when_a_designer_publishes_over_http> shared)
    : IClassFixture<SandboxHost<when_a_designer_publishes_over_http>>, IDisposable
{
    private readonly CaseHost _host = shared.ForNextTest();
    private readonly ClerkClient _elena = new(shared.Host.Address, TestAccounts.ElenaSarti), _chiara = new(shared.Host.Address, TestAccounts.ChiaraNeri);

    public void Dispose()
    {
        _elena.Dispose();
        _chiara.Dispose();
    }

    [Fact]
    public async Task a_draft_is_published_only_once_its_scenarios_pass()
    {
        var scia = (await _host.Definitions.FindAsync("suap.scia"))!.Published!;
        var check = await (await _elena.PostAsync("/api/definitions/validate", new { yaml = scia.SourceYaml.Replace("next: formal-check", "next: formal-chek") })).JsonAsync();
        check["valid"]!.GetValue<bool>().ShouldBeFalse();
        check["problems"]!.AsArray().ShouldContain(p => p!["message"]!.GetValue<string>().Contains("formal-chek") && p["line"]!.GetValue<int>() > 0);

        var copied = await _elena.PostAsync("/api/definitions/suap.scia/duplicate", new { newId = "prova.scia-api" });
        copied.StatusCode.ShouldBe(HttpStatusCode.Created, await copied.Content.ReadAsStringAsync());
        var scenarios = (await _host.Definitions.ScenariosAsync("prova.scia-api"))!.Text;
        scenarios.ShouldContain("definition: prova.scia-api");
        var yaml = (await _host.Definitions.FindAsync("prova.scia-api"))!.Latest!.SourceYaml;
        (await _elena.PostAsync("/api/definitions/prova.scia-api/drafts", new { yaml, scenarios = scenarios.Replace("due: 2026-05-02", "due: 2026-05-04") }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await (await _elena.PostAsync("/api/definitions/prova.scia-api/versions/1/publish", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        refused["problems"]!.AsArray().ShouldContain(p => p!.GetValue<string>().StartsWith("scenari.yaml:"));
        (await _host.Definitions.FindAsync("prova.scia-api"))!.Published.ShouldBeNull();

        (await _chiara.PostAsync("/api/definitions/prova.scia-api/versions/1/publish", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await _elena.PostAsync("/api/definitions/prova.scia-api/drafts", new { yaml, scenarios })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = await _elena.PostAsync("/api/definitions/prova.scia-api/versions/1/publish", null);
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        var version = (await _host.Definitions.FindAsync("prova.scia-api"))!.Published!;
        (version.Version, version.SavedBy, version.PublishedBy).ShouldBe((1, TestAccounts.ElenaSarti.DisplayName, TestAccounts.ElenaSarti.DisplayName));
        scia.PublishedBy.ShouldBe("sistema");
    }

    [Fact]
    public async Task a_text_saved_under_another_id_is_refused_naming_both()
    {
        var scia = (await _host.Definitions.FindAsync("suap.scia"))!.Published!;

        var refused = await (await _elena.PostAsync("/api/definitions/suap.altro/drafts", new { yaml = scia.SourceYaml })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        refused["detail"]!.GetValue<string>().ShouldContain("the text says id 'suap.scia', but it is saved as definition 'suap.altro'");
    }
}
