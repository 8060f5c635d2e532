using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Integrations;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Api;

/// <remarks>One host (on ASP.NET's test server) for the class; each test opens a case of its own.</remarks>
public class when_a_case_history_is_read_over_http(when_a_case_history_is_read_over_http.OnATestServer shared)
    : IClassFixture<when_a_case_history_is_read_over_http.OnATestServer>, IAsyncLifetime
{
    /// <summary>The product on ASP.NET's test server, against the sandbox, without a port of its own.</summary>
    public sealed class OnATestServer : IAsyncLifetime
    {
        public WebApplication App { get; private set; } = null!;

        public Task InitializeAsync() => Task.Run(async () =>
        {
            var connection = await TestDatabases.CreateAsync(nameof(when_a_case_history_is_read_over_http));
            App = await Sys2Application.BuildAsync([], builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Configuration.AddInMemoryCollection(TestAccounts.Settings());
                builder.Configuration["ConnectionStrings:Sys2"] = connection;
                builder.Configuration[IntegrationSetup.ModeKey] = "sandbox"; // asked for by name: the test server runs in Production
            });
            await App.StartAndWaitReadyAsync();
            await FixtureDocuments.StoreAsync(App.Services);
        });

        public async Task DisposeAsync()
        {
            if (App is not null) await App.DisposeAsync();
        }
    }

    private readonly WebApplication _app = shared.App;
    private string _caseId = "";

    public async Task InitializeAsync()
    {
        var opened = await Send(HttpMethod.Post, "/api/definitions/suap.ordinario/cases", TestAccounts.ChiaraNeri,
            JsonContent.Create(new { commandId = Guid.NewGuid(), inputs = OrdinarioCase.Inputs() }));
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        _caseId = (await opened.Content.ReadFromJsonAsync<JsonObject>())!["caseId"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly Uri Server = new("http://localhost/");
    private readonly Dictionary<string, string> _tokens = [];

    /// <summary>A request as <paramref name="by"/> (the auditor by default) sends it, with the token she got by signing in; none for null.</summary>
    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, TestAccount? by, HttpContent? body = null)
    {
        var http = _app.GetTestServer().CreateClient();
        var request = new HttpRequestMessage(method, url) { Content = body };
        if (by is not null)
        {
            if (!_tokens.TryGetValue(by.UserName, out var token))
                _tokens[by.UserName] = token = await SignInFlow.AccessTokenAsync(new HttpMessageInvoker(_app.GetTestServer().CreateHandler()), Server, by.UserName);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string url) => Send(method, url, TestAccounts.AnnaBianchi);

    private async Task<JsonNode> Json(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Send(HttpMethod.Get, url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task the_history_lists_each_event_with_who_when_why_and_the_state_after_it()
    {
        var history = (await Json($"/api/cases/{_caseId}/history")).AsArray();

        var opening = history[0]!;
        opening["type"]!.GetValue<string>().ShouldBe("CaseOpened");
        opening["version"]!.GetValue<long>().ShouldBe(1);
        // The subject and name of the verified token, not anything the client said.
        opening["who"]!["user"]!.GetValue<string>().ShouldBe("chiara.neri");
        opening["who"]!["name"]!.GetValue<string>().ShouldBe("Chiara Neri");
        opening["who"]!["role"]!.GetValue<string>().ShouldBe("clerk");
        opening["when"]!["recordedAt"].ShouldNotBeNull();
        opening["why"]!["causation"].ShouldNotBeNull();
        var last = history[^1]!["state"]!;
        last["tokens"]![0]!["step"]!.GetValue<string>().ShouldBe("catalogue");
        last["tokens"]![0]!["waitingFor"]!.GetValue<string>().ShouldStartWith("answer of procedimarche.lookup");
    }

    [Fact]
    public async Task the_state_at_a_version_is_served()
    {
        var state = await Json($"/api/cases/{_caseId}/state?version=1");

        state["version"]!.GetValue<long>().ShouldBe(1);
        state["definition"]!.GetValue<string>().ShouldBe("suap.ordinario@1");
        state["tokens"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task the_state_at_an_instant_before_the_case_existed_is_not_found()
    {
        var answer = await Json($"/api/cases/{_caseId}/state?at=2000-01-01T00:00:00Z", HttpStatusCode.NotFound);

        answer["title"]!.GetValue<string>().ShouldBe("No such case");
        answer["detail"]!.GetValue<string>().ShouldContain("2000-01-01");
    }

    [Fact]
    public async Task the_state_at_an_instant_after_the_opening_is_the_state_after_it()
    {
        var at = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));

        (await Json($"/api/cases/{_caseId}/state?at={at}"))["tokens"]![0]!["step"]!.GetValue<string>().ShouldBe("catalogue");
    }

    [Fact]
    public async Task a_version_and_an_instant_together_are_a_bad_request()
    {
        (await Send(HttpMethod.Get, $"/api/cases/{_caseId}/state?version=1&at=2026-03-05T10:00:00Z")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task another_entity_gets_not_found_a_clerk_is_forbidden_and_a_caller_without_a_token_is_refused()
    {
        (await Send(HttpMethod.Get, $"/api/cases/{_caseId}/history", TestAccounts.AnnaConti)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Get, $"/api/cases/{_caseId}/state?version=1", TestAccounts.AnnaConti)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Get, $"/api/cases/{_caseId}/history", TestAccounts.ChiaraNeri)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Send(HttpMethod.Get, $"/api/cases/{_caseId}/history", by: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
