using Marten;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>The open tasks of the caller's office and role in an entity, with the legal terms of their cases.</summary>
public static class InboxEndpoint
{
    public static void MapInbox(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/inbox", async (string? entity, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.WorkCases);
            if (access.Actor is not { } actor) return access.Refusal!;
            await using var session = store.QuerySession(access.Tenant);
            return Results.Ok(await CaseViews.InboxAsync(session, actor.Office, actor.Role, ct));
        })
            .Produces<IReadOnlyList<InboxItem>>();
}
