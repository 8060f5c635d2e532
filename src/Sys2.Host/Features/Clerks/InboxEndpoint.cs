using Marten;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>The open tasks of the caller's office and role, with the legal terms of their cases.</summary>
public static class InboxEndpoint
{
    public static void MapInbox(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/inbox", async (HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseAnswers.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return Results.Ok(await CaseViews.InboxAsync(session, caller.Actor.Office, caller.Actor.Role, ct));
        });
}
