using Sys2.Host.Access;
using Sys2.Host.Invoices;

namespace Sys2.Host.Features.Operators;

/// <summary>The table that routes invoices by office code (CodiceDestinatario) to an entity and office; kept by operators.</summary>
public static class InvoiceRoutesEndpoint
{
    public sealed record RouteRequest(string Entity, string? Office, string? Description);

    public static void MapInvoiceRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invoices/routes", async (string? entity, Caller caller, ReceivedFiles files, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            return Results.Ok(await files.RoutesAsync(access.Tenant, ct));
        }).Produces<IReadOnlyList<InvoiceRoute>>();

        app.MapPut("/api/invoices/routes/{code}", async (string code, RouteRequest body, Caller caller, ReceivedFiles files, CancellationToken ct) =>
        {
            var result = await files.SaveRouteAsync(code, body.Entity, body.Office, body.Description, caller, ct);
            return result switch
            {
                { Value: { } route } => Results.Ok(route),
                // "field: why" names the field at fault, as every validation problem of the API does.
                { Status: StatusCodes.Status400BadRequest, Refusal: { } why } =>
                    Results.ValidationProblem(new Dictionary<string, string[]> { [why.Split(':')[0]] = [why[(why.IndexOf(':') + 2)..]] }),
                _ => Results.Problem(result.Refusal, statusCode: result.Status),
            };
        }).Produces<InvoiceRoute>();
    }
}
