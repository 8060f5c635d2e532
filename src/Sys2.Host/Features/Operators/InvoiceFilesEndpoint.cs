using Marten;
using Sys2.Host.Access;
using Answer = Sys2.Host.Access.Access;
using Sys2.Host.Invoices;

namespace Sys2.Host.Features.Operators;

/// <summary>
/// The invoice files received, newest first, with what became of each: operators look here for the
/// refused and unrouted ones (<c>?status=Refused</c>). Files routed to an entity are seen by its
/// operators; files that belong to no entity yet, by the aggregation's operators (<c>*/operator</c>).
/// </summary>
public static class InvoiceFilesEndpoint
{
    public sealed record RejectRequest(string Reason);

    public static void MapInvoiceFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invoices/files", async (string? entity, ReceivedFileStatus? status, int? take, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var unassigned = entity == Membership.AnyEntity;
            var access = unassigned ? caller.ActingIn(Membership.AnyEntity, Permission.HandleIncidents) : caller.In(entity, Permission.HandleIncidents);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.QuerySession();
            IQueryable<ReceivedInvoiceFile> files = session.Query<ReceivedInvoiceFile>();
            files = unassigned ? files.Where(f => f.Tenant == null) : files.Where(f => f.Tenant == access.Tenant);
            if (status is { } wanted) files = files.Where(f => f.Status == wanted);
            return Results.Ok(await files.OrderByDescending(f => f.ReceivedAt).Take(Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct));
        }).Produces<IReadOnlyList<ReceivedInvoiceFile>>();

        app.MapGet("/api/invoices/files/{id}", async (string id, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<ReceivedInvoiceFile>(id, ct) is not { } file) return Answer.Hidden(id).Refusal!;
            var access = caller.ActingIn(file.Tenant ?? Membership.AnyEntity, Permission.HandleIncidents);
            return access.Allowed ? Results.Ok(file) : Answer.Hidden(id).Refusal!;
        }).Produces<ReceivedInvoiceFile>();

        // After an operator added the route an unrouted file lacked: receive it again from the kept bytes.
        app.MapPost("/api/invoices/files/{id}/receive-again", async (string id, Caller caller, IDocumentStore store, Files.FileContents contents,
            InvoiceIngest ingest, CancellationToken ct) =>
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<ReceivedInvoiceFile>(id, ct) is not { } file) return Answer.Hidden(id).Refusal!;
            var access = caller.ActingIn(file.Tenant ?? Membership.AnyEntity, Permission.HandleIncidents);
            if (!access.Allowed) return Answer.Hidden(id).Refusal!;
            if (file.Status != ReceivedFileStatus.Unrouted)
                return Results.Problem($"{id} is {file.Status}: only an unrouted file is received again", statusCode: StatusCodes.Status409Conflict);
            var bytes = await contents.FindAsync(file.StoredIn, file.Sha256, ct);
            if (bytes is null) return Results.Problem($"the bytes of {id} are not in the file store", statusCode: StatusCodes.Status409Conflict);
            var outcome = await ingest.ReceiveAsync(new InvoiceDelivery(file.Channel, file.FileName, bytes, file.ReceivedAt, file.IdentificativoSdI,
                By: access.Actor!.User), ct);
            return Results.Ok(outcome.File);
        }).Produces<ReceivedInvoiceFile>();
    
        // A file that reached no entity may be refused at once (EC02 with the reason), rather than left to the DT.
        app.MapPost("/api/invoices/files/{id}/reject", async (string id, RejectRequest body, Caller caller, IDocumentStore store,
            UnroutedRejection rejection, CancellationToken ct) =>
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<ReceivedInvoiceFile>(id, ct) is not { } file) return Answer.Hidden(id).Refusal!;
            var access = caller.ActingIn(file.Tenant ?? Membership.AnyEntity, Permission.HandleIncidents);
            if (!access.Allowed) return Answer.Hidden(id).Refusal!;
            var result = await rejection.RejectAsync(file, body.Reason ?? "", access.Actor!.User, ct);
            return result.File is { } rejected ? Results.Ok(rejected)
                : Results.Problem(result.Refusal, statusCode: result.Status, title: "Not rejected");
        }).Produces<ReceivedInvoiceFile>();
    }
}
