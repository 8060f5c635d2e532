using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sys2.Host.Demo;
using Sys2.Host.Integrations;
using Sys2.Host.Operations;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Operations;

/// <summary>
/// The server listens before the slow half of the start (tables, definitions, Marten's schema, Wolverine):
/// meanwhile the host is live but not ready, and the API answers 503 with Retry-After; then it is ready.
/// </summary>
public sealed class when_the_host_is_starting
{
    [Fact]
    public async Task live_answers_at_once_ready_and_the_api_wait_for_the_start()
    {
        var logs = new RecordedErrors();
        var connection = await TestDatabases.CreateAsync(nameof(when_the_host_is_starting));
        var app = await Sys2Application.BuildAsync(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(TestAccounts.Settings());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Sys2"] = connection,
                [IntegrationSetup.ModeKey] = "none",
                [DemoSeeder.SeedKey] = "false",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddProvider(logs);
        });
        var held = new TaskCompletionSource();
        app.Services.GetRequiredService<StartupSequence>().Add("held by the test", ct => held.Task.WaitAsync(ct));
        try
        {
            await app.StartAsync();
            var gate = app.Services.GetRequiredService<StartupGate>();
            using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

            (await http.GetAsync(HealthEndpoints.LivePath)).StatusCode.ShouldBe(HttpStatusCode.OK);
            var notReady = await Eventually.HoldsAsync(() => http.GetAsync(HealthEndpoints.ReadyPath),
                r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Content.ReadAsStringAsync().Result.Contains("held by the test"),
                "the start held", TimeSpan.FromSeconds(60), r => r.Content.ReadAsStringAsync().Result);
            JsonDocument.Parse(await notReady.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "start-up").GetProperty("status").GetString().ShouldBe("Unhealthy");
            notReady.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(FailureAnswers.RetryAfterSeconds));
            var api = await http.GetAsync("/api/cases/SUAP-H769-2026-0000001");
            api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            api.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(FailureAnswers.RetryAfterSeconds));
            api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            gate.IsReady.ShouldBeFalse();
            // A normal start is not a failure: probing it logs no error.
            logs.Errors.ShouldBeEmpty();

            held.SetResult();
            await gate.Ready.WaitAsync(TimeSpan.FromSeconds(90));
            await Eventually.HoldsAsync(() => http.GetAsync(HealthEndpoints.ReadyPath), r => r.StatusCode == HttpStatusCode.OK,
                "the host ready", TimeSpan.FromSeconds(60), r => r.Content.ReadAsStringAsync().Result);
            // Past the gate: the sign-in's answer (401 without a token), no longer the start's 503.
            (await http.GetAsync("/api/cases/SUAP-H769-2026-0000001")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            held.TrySetResult();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

/// <summary>The errors the host logs, as "category: message".</summary>
internal sealed class RecordedErrors : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
