using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Host.Tests.Operations;

public sealed class when_a_line_concerns_a_case : IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private CaseHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CaseHost.StartAsync(nameof(when_a_line_concerns_a_case), builder => builder.Logging.AddProvider(_log));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task a_handler_line_names_the_case_the_tenant_and_the_correlation()
    {
        _host.Activities.AnswerWith(Activities.ProcediMarcheLookup, _ => throw new InvalidOperationException("an adapter bug"));
        var caseId = await _host.FileAsync();
        await _host.WhenAsync(caseId, e => e.OfType<IntegrationFailed>().Any(), "the failed call recorded");

        var line = _log.Lines.First(l => l.Message.Contains("failed unexpectedly"));
        line.Scope["CaseId"].ShouldBe(caseId);
        line.Scope["Tenant"].ShouldBe("H769");
        line.Scope["CorrelationId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task a_request_line_names_the_case_and_the_tenant()
    {
        await BrokenSchema.DropAsync(_host.ConnectionString, "sys2.mt_doc_casesummary"); // what a case read reads
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);

        var response = await clerk.GetAsync("/api/cases/SUAP-H769-2026-0000042");

        ((int)response.StatusCode).ShouldBe(500);
        var line = _log.Lines.FirstOrDefault(l => l.Level == LogLevel.Error)
            ?? throw new ShouldAssertException(string.Join("\n", _log.Lines.Select(l => $"{l.Level} {l.Message}")));
        line.Scope["CaseId"].ShouldBe("SUAP-H769-2026-0000042");
        line.Scope["Tenant"].ShouldBe("H769");
        line.Scope["CorrelationId"].ShouldNotBeNull();
    }

    private sealed record Line(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);

    /// <summary>Keeps every line with the scope values around it, as a structured sink would see them.</summary>
    private sealed class CapturedLog : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Line> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        private sealed class Logger(CapturedLog sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                sink._scopes.ForEachScope((value, into) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var (key, item) in pairs) into[key] = item;
                }, scope);
                sink.Lines.Enqueue(new Line(logLevel, formatter(state, exception), scope));
            }
        }
    }
}
