using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Cases;
using Sys2.PrivatePostgres;
using Sys2.Host.Operations;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Operations;

/// <summary>
/// PostgreSQL stops under a running host (on a scratch cluster: the shared one serves the other
/// test classes) and starts again: meanwhile the host is not ready and the API answers 503 with
/// Retry-After, and afterwards it is ready again with nothing lost.
/// </summary>
public sealed class when_the_database_goes_down
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ready_fails_and_the_api_answers_503_until_it_is_back_with_nothing_lost()
    {
        await using var scratch = new ScratchCluster();
        var connection = await scratch.Handle().StartAsync();
        await using var host = await CaseHost.StartAsync(nameof(when_the_database_goes_down), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseConnection.Name}"] = connection }));
        using var probe = new HttpClient { BaseAddress = host.Address };
        using var clerk = new ClerkClient(host.Address, TestAccounts.ChiaraNeri);
        await ReadyAsync(probe);
        var filed = await FileAsync(clerk, Guid.NewGuid());
        var before = await host.WhenAsync(filed.CaseId, e => e.OfType<TaskAssigned>().Any(), "the formal check assigned");

        (await scratch.Handle().StopAsync()).ShouldBeTrue();

        var notReady = await probe.GetAsync(HealthEndpoints.ReadyPath);
        notReady.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await notReady.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "postgresql").GetProperty("status").GetString().ShouldBe("Unhealthy");
        await ShouldBeUnavailable(await clerk.GetAsync($"/api/cases/{filed.CaseId}"));
        var retried = Guid.NewGuid();
        await ShouldBeUnavailable(await clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId = retried, inputs = Scia.Inputs() }));
        (await probe.GetAsync(HealthEndpoints.LivePath)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await scratch.Handle().StartAsync()).ShouldBe(connection);

        await ReadyAsync(probe);
        (await clerk.GetAsync($"/api/cases/{filed.CaseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await FileAsync(clerk, retried); // the client tries again with the same command id
        await host.WhenAsync(second.CaseId, e => e.OfType<TaskAssigned>().Any(), "the second case reached the formal check");
        (await host.EventsOf(filed.CaseId)).Take(before.Count).Select(e => e.GetType()).ShouldBe(before.Select(e => e.GetType()));
    }

    private static Task ReadyAsync(HttpClient probe) =>
        Eventually.HoldsAsync(async () => (await probe.GetAsync(HealthEndpoints.ReadyPath)).StatusCode, s => s == HttpStatusCode.OK, "the host ready", Patience);

    private static async Task<CommandOutcome> FileAsync(ClerkClient clerk, Guid command)
    {
        var response = await clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId = command, inputs = Scia.Inputs() });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CommandOutcome>(ClerkClient.Json))!;
    }

    internal static async Task ShouldBeUnavailable(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(FailureAnswers.RetryAfterSeconds));
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32().ShouldBe(503);
        body.ShouldNotContain("Npgsql");
        body.ShouldNotContain(" at ");
    }
}
