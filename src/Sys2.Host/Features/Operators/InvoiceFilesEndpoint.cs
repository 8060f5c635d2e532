using Sys2.Host.Access;
using Answer = Sys2.Host.Access.Access;
using Sys2.Host.Invoices;

namespace Sys2.Host.Features.Operators;

/// <summary>
/// The invoice files received, newest first, with what became of each: operators look here for the
/// refused and unrouted ones (<c>?status=Refused</c>). Files routed to an entity are seen by its
/// operators; files that belong to no entity yet, by the aggregation's operators (<c>*/operator</c>).
/// The same <see cref="ReceivedFiles"/> serves the operators' pages.
/// </summary>
public static class InvoiceFilesEndpoint
{
    public sealed record RejectRequest(string Reason);

    public static void MapInvoiceFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invoices/files", async (string? entity, ReceivedFileStatus? status, int? take, Caller caller, ReceivedFiles files, CancellationToken ct) =>
        {
            var unassigned = entity == Membership.AnyEntity;
            var access = unassigned ? caller.ActingIn(Membership.AnyEntity, Permission.HandleIncidents) : caller.In(entity, Permission.HandleIncidents);
            if (!access.Allowed) return access.Refusal!;
            return Results.Ok(await files.ListAsync(unassigned ? Membership.AnyEntity : access.Tenant, status, Math.Clamp(take ?? 100, 1, 500), ct));
        }).Produces<IReadOnlyList<ReceivedInvoiceFile>>();

        app.MapGet("/api/invoices/files/{id}", async (string id, Caller caller, ReceivedFiles files, CancellationToken ct) =>
            await files.FindAsync(id, caller, ct) is { } found ? Results.Ok(found.File) : Answer.Hidden(id).Refusal!)
            .Produces<ReceivedInvoiceFile>();

        // After an operator added the route an unrouted file lacked: receive it again from the kept bytes.
        app.MapPost("/api/invoices/files/{id}/receive-again", async (string id, Caller caller, ReceivedFiles files, CancellationToken ct) =>
        {
            if (await files.FindAsync(id, caller, ct) is not { } found) return Answer.Hidden(id).Refusal!;
            var result = await files.ReceiveAgainAsync(found.File, found.Access.Actor!.User, ct);
            return result.Value is { } file ? Results.Ok(file) : Results.Problem(result.Refusal, statusCode: result.Status);
        }).Produces<ReceivedInvoiceFile>();

        // A file that reached no entity may be refused at once (EC02 with the reason), rather than left to the DT.
        app.MapPost("/api/invoices/files/{id}/reject", async (string id, RejectRequest body, Caller caller, ReceivedFiles files,
            UnroutedRejection rejection, CancellationToken ct) =>
        {
            if (await files.FindAsync(id, caller, ct) is not { } found) return Answer.Hidden(id).Refusal!;
            var result = await rejection.RejectAsync(found.File, body.Reason ?? "", found.Access.Actor!.User, ct);
            return result.File is { } rejected ? Results.Ok(rejected)
                : Results.Problem(result.Refusal, statusCode: result.Status, title: "Not rejected");
        }).Produces<ReceivedInvoiceFile>();
    }
}
