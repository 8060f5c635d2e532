using Sys2.Host.Features;
using Sys2.Host.Engine;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Sys2.Host.Operations;

/// <summary>
/// The case a log line is about, carried by a logging scope: every line written while a case's
/// message is handled or a request on <c>/api/cases/{caseId}</c> runs names the case, its tenant
/// and the correlation id (the command that started the chain, or the request's trace).
/// </summary>
public sealed record CaseLogScope(string CaseId, string? Tenant, string? CorrelationId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private KeyValuePair<string, object?>[] Pairs =>
        [new("CaseId", CaseId), new("Tenant", Tenant), new("CorrelationId", CorrelationId)];

    public int Count => 3;

    public KeyValuePair<string, object?> this[int index] => Pairs[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Pairs).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    // What the simple console formatter prints for the scope.
    public override string ToString() => $"case {CaseId} tenant {Tenant} correlation {CorrelationId}";
}

/// <summary>
/// Wolverine middleware around the engine's case messages. The scope returned by <c>Before</c> is
/// disposed when the handler ends (Wolverine wraps disposable middleware results in a using).
/// </summary>
public sealed class CaseMessageLogScope
{
    public static IDisposable? Before(Envelope envelope, ILogger<CaseMessageLogScope> log) => envelope.Message switch
    {
        CallIntegration call => log.BeginScope(new CaseLogScope(call.CaseId, call.Tenant, call.CorrelationId)),
        FireTimer timer => log.BeginScope(new CaseLogScope(timer.CaseId, timer.Tenant, envelope.CorrelationId)),
        ForwardKeptSdiMessages kept => log.BeginScope(new CaseLogScope(kept.CaseId, kept.Tenant, envelope.CorrelationId)),
        _ => null,
    };

    internal static bool AppliesTo(IChain chain) => chain is HandlerChain handler && handler.MessageType is var type
        && (type == typeof(CallIntegration) || type == typeof(FireTimer) || type == typeof(ForwardKeptSdiMessages));
}

public static class CaseLogScopesSetup
{
    public const string CaseIdRouteValue = "caseId";
    public const string CorrelationHeader = "X-Correlation-Id";

    public static void AddCaseLogScopes(this IServiceCollection services) =>
        services.ConfigureWolverine(opts =>
        {
            opts.Policies.AddMiddleware(typeof(CaseMessageLogScope), CaseMessageLogScope.AppliesTo);
            // Say it here rather than rely on Wolverine's defaults: a line per message is noise at
            // the engine's rate, and its start and success lines stay available at Debug.
            opts.Policies.MessageSuccessLogLevel(LogLevel.Debug);
            opts.Policies.MessageExecutionLogLevel(LogLevel.Debug);
        });

    public static void UseCaseLogScopes(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILogger<CaseLogScope>>();
        app.Use(async (context, next) =>
        {
            if (context.GetRouteValue(CaseIdRouteValue) is not string caseId)
            {
                await next(context);
                return;
            }
            var tenant = Sys2.Host.Access.CaseAccess.TenantOf(caseId);
            var correlation = context.Request.Headers[CorrelationHeader].FirstOrDefault() ?? context.TraceIdentifier;
            using (log.BeginScope(new CaseLogScope(caseId, tenant, correlation)))
                await next(context);
        });
    }
}
