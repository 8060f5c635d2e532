using System.Net;
using System.Text.Json;
using Sys2.Host.Operations;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Operations;

public sealed class when_the_host_is_probed : IAsyncLifetime
{
    private CaseHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_the_host_is_probed));
        _http = new HttpClient { BaseAddress = _host.Address };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task live_answers_as_soon_as_the_process_does()
    {
        var response = await _http.GetAsync(HealthEndpoints.LivePath);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Report(response)).GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task ready_names_the_start_the_database_the_schema_and_wolverines_agents()
    {
        // The durability agent is assigned by Wolverine's first leader election, shortly after start.
        var response = await Eventually.HoldsAsync(() => _http.GetAsync(HealthEndpoints.ReadyPath), r => r.StatusCode == HttpStatusCode.OK,
            "the host ready", TimeSpan.FromSeconds(60), r => r.Content.ReadAsStringAsync().Result);

        var report = await Report(response);
        report.GetProperty("status").GetString().ShouldBe("Healthy");
        report.GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("status").GetString()))
            .ShouldBe([("start-up", "Healthy"), ("postgresql", "Healthy"), ("marten-schema", "Healthy"), ("wolverine-agents", "Healthy"), ("integrations", "Healthy")], ignoreOrder: true);
    }

    private static async Task<JsonElement> Report(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
