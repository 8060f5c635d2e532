using Marten;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>Where a case stands: its state in words, open tasks, waits, incidents and the head of its audit chain.</summary>
public static class ReadCaseEndpoint
{
    public static void MapReadCase(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{caseId}", async (string caseId, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.QuerySession(access.Tenant);
            return await session.LoadAsync<CaseSummary>(caseId, ct) is { } summary
                ? Results.Ok(CaseView.Of(summary, await CaseAttachment.OfAsync(session, caseId, ct)))
                : CaseAnswers.NoCase(caseId, access.Tenant);
        })
            .Produces<CaseView>();
}
