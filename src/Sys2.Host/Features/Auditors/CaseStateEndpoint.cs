using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Auditors;

/// <summary>Time travel: a case's state at a past version or instant, folded with the engine's own fold.</summary>
public static class CaseStateEndpoint
{
    public static void MapCaseState(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{caseId}/state", async (string caseId, long? version, DateTimeOffset? at, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.AuditCases);
            if (!access.Allowed) return access.Refusal!;
            if (version is not null && at is not null)
                return Results.Problem("ask for a version or an instant, not both", statusCode: StatusCodes.Status400BadRequest, title: "Version and instant both given");
            if (version < 1)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"{version} is out of range: versions start at 1"] },
                    detail: $"version {version}: versions start at 1", title: "Query parameter out of range");
            var history = new CaseHistory(store);
            var state = version is { } v ? await history.StateAtVersionAsync(access.Tenant, caseId, v, ct)
                : at is { } instant ? await history.StateAtAsync(access.Tenant, caseId, instant, ct)
                : await history.StateAsync(access.Tenant, caseId, ct);
            if (state is not null)
            {
                await using var session = store.QuerySession(access.Tenant);
                return Results.Ok(CaseStateView.Of(state, await CaseAttachment.OfAsync(session, caseId, ct)));
            }
            return CaseAnswers.NoCase(caseId, access.Tenant, version is not null ? $" at version {version}" : at is not null ? $" at {at:O}" : "");
        })
            .Produces<CaseStateView>();
}
