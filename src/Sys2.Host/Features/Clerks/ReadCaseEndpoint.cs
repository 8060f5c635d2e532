using Marten;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>Where a case stands: its state in words, open tasks, waits, incidents and the head of its audit chain.</summary>
public static class ReadCaseEndpoint
{
    public static void MapReadCase(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{caseId}", async (string caseId, HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseAnswers.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return await session.LoadAsync<CaseSummary>(caseId, ct) is { } summary
                ? Results.Ok(CaseView.Of(summary))
                : CaseAnswers.NoCase(caseId, caller.Tenant);
        });
}
