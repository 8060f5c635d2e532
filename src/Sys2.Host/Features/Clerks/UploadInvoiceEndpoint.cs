using Sys2.Host.Access;
using Answer = Sys2.Host.Access.Access;
using Sys2.Host.Invoices;
using Sys2.Host.Requests;

namespace Sys2.Host.Features.Clerks;

/// <summary>
/// A Ragioneria clerk (or an operator) uploads an invoice file that did not come through
/// IntermediaMarche (received on paper media, a PEC forwarded by hand): the bytes, the file's name
/// in <c>X-File-Name</c> and SdI's identifier in <c>X-Sdi-Identificativo</c>. It is received as a
/// delivery would be; an invoice addressed to another entity's office opens nothing here.
/// </summary>
public static class UploadInvoiceEndpoint
{
    public const string IdentificativoHeader = "X-Sdi-Identificativo";

    public static void MapUploadInvoice(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/invoices/files", async (string? entity, HttpRequest request, Caller caller, InvoiceIngest ingest, TimeProvider clock, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.WorkCases);
            if (access.Allowed && access.Actor!.Role == AccessRoles.Clerk && !string.Equals(access.Actor.Office, InvoiceRoute.DefaultOffice, StringComparison.OrdinalIgnoreCase))
                access = Answer.Forbidden($"invoices are received by the {InvoiceRoute.DefaultOffice} office");
            if (!access.Allowed) return access.Refusal!;
            var name = request.Headers[UploadFileEndpoint.FileNameHeader].ToString();
            if (DocumentNames.Problem(name) is { } problem)
                return Results.ValidationProblem(new Dictionary<string, string[]> { [UploadFileEndpoint.FileNameHeader] = [problem] });
            var sdiId = request.Headers[IdentificativoHeader].ToString().Trim();
            if (sdiId.Length is 0 or > 12 || !sdiId.All(char.IsAsciiDigit))
                return Results.ValidationProblem(new Dictionary<string, string[]> { [IdentificativoHeader] = ["SdI's identifier of the file is required: up to 12 digits"] });
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0) return Results.Problem("the file is empty", statusCode: StatusCodes.Status400BadRequest, title: "Empty file");
            var outcome = await ingest.ReceiveAsync(new InvoiceDelivery(InvoiceDelivery.Upload, name, buffer.ToArray(), clock.GetUtcNow(), sdiId,
                By: access.Actor!.User, OnlyFor: access.Tenant), ct);
            return outcome.File.Status == ReceivedFileStatus.Received ? Results.Ok(outcome.File)
                : Results.Json(outcome.File, statusCode: StatusCodes.Status422UnprocessableEntity);
        })
            .WithBodyLimit(RequestLimits.DocumentBytes)
            .Produces<ReceivedInvoiceFile>();
}
