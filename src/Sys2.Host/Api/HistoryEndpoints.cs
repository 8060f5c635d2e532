using Marten;
using Sys2.Host.Cases;

namespace Sys2.Host.Api;

/// <summary>
/// For auditors and clerks: a case's history (who, when, what, why, and the state after each
/// event) and its state at a past version or instant. Scoped to the caller's tenant like every case read.
/// </summary>
public static class HistoryEndpoints
{
    public sealed record HistoryItem(
        long Version, string Type, object? Payload, Who Who, When When, Why Why, string? Definition, CaseStateView State);

    public sealed record Who(string? User, string? Role, string? Office);

    public sealed record When(DateTimeOffset? DecidedAt, DateTimeOffset RecordedAt);

    public sealed record Why(string? Correlation, string? Causation);

    public static void MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{caseId}/history", async (string caseId, HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return Unauthenticated();
            var entries = await new CaseHistory(store).EntriesAsync(caller.Tenant, caseId, ct: ct);
            return entries.Count == 0
                ? Results.NotFound(new { error = $"no case {caseId} in {caller.Tenant}" })
                : Results.Ok(entries.Select(e => new HistoryItem(e.Version, e.Type, e.Payload, new Who(e.User, e.Role, e.Office),
                    new When(e.DecidedAt, e.RecordedAt), new Why(e.Correlation, e.Causation), e.Definition, CaseStateView.Of(e.After))));
        });

        app.MapGet("/api/cases/{caseId}/state", async (string caseId, long? version, DateTimeOffset? at, HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return Unauthenticated();
            if (version is not null && at is not null)
                return Results.Problem("ask for a version or an instant, not both", statusCode: StatusCodes.Status400BadRequest);
            if (version < 1)
                return Results.Problem($"version {version}: versions start at 1", statusCode: StatusCodes.Status400BadRequest);
            var history = new CaseHistory(store);
            var state = version is { } v ? await history.StateAtVersionAsync(caller.Tenant, caseId, v, ct)
                : at is { } instant ? await history.StateAtAsync(caller.Tenant, caseId, instant, ct)
                : await history.StateAsync(caller.Tenant, caseId, ct);
            if (state is not null) return Results.Ok(CaseStateView.Of(state));
            var when = version is not null ? $" at version {version}" : at is not null ? $" at {at:O}" : "";
            return Results.NotFound(new { error = $"no case {caseId} in {caller.Tenant}{when}" });
        });
    }

    private static IResult Unauthenticated() =>
        Results.Problem($"send {RequestActor.TenantHeader} and {RequestActor.UserHeader} headers", statusCode: StatusCodes.Status401Unauthorized);
}
