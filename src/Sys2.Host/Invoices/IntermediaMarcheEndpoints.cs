using Microsoft.Extensions.Options;
using Sys2.Host.Requests;
using Sys2.Integrations.MPay;
using Sys2.Integrations.SdI;
using Sys2.Integrations.Wire;

namespace Sys2.Host.Invoices;

/// <summary>
/// IntermediaMarche posts here what SdI delivers to the entities: each invoice file with its metadata
/// (MT), and SdI's messages about them. Both are signed with the secret shared with the intermediary;
/// no person's token is involved.
/// </summary>
public static class IntermediaMarcheEndpoints
{
    public const string FilesPath = "/api/integrations/intermediamarche/files";
    public const string NotificationsPath = "/api/integrations/intermediamarche/notifications";

    public static void MapIntermediaMarche(this IEndpointRouteBuilder app)
    {
        app.MapPost(FilesPath, async (HttpRequest request, InvoiceIngest ingest, IOptions<IntermediaMarcheOptions> options, IOptions<InvoiceOptions> limits,
            TimeProvider clock, CancellationToken ct) =>
        {
            var (body, refusal) = await ReadSignedAsync(request, options.Value, limits.Value, ct);
            if (refusal is not null) return refusal;
            var content = Base64(body!.ContentBase64, "content");
            var metadata = body.MetadataBase64 is null ? null : Base64(body.MetadataBase64, "metadata");
            if (content is null || (body.MetadataBase64 is not null && metadata is null))
                return Results.Problem("contentBase64 and metadataBase64 must be base64", statusCode: StatusCodes.Status400BadRequest);
            var outcome = await ingest.ReceiveAsync(new InvoiceDelivery(InvoiceDelivery.IntermediaMarche, body.FileName, content,
                body.DeliveredAt ?? clock.GetUtcNow(), Metadata: metadata), ct);
            // Received, refused or unrouted, the file is kept: the intermediary's delivery succeeded either way.
            return Results.Ok(outcome.File);
        }).WithBodyLimit(RequestLimits.AttachmentBody).Produces<ReceivedInvoiceFile>();

        app.MapPost(NotificationsPath, async (HttpRequest request, SdiMessageIntake intake, IOptions<IntermediaMarcheOptions> options,
            IOptions<InvoiceOptions> limits, CancellationToken ct) =>
        {
            var (body, refusal) = await ReadSignedAsync(request, options.Value, limits.Value, ct);
            if (refusal is not null) return refusal;
            if (Base64(body!.ContentBase64, "content") is not { } xml) return Results.Problem("contentBase64 must be base64", statusCode: StatusCodes.Status400BadRequest);
            var result = await intake.ReceiveAsync(body.FileName, xml, ct);
            return result.Verdict switch
            {
                SdiMessageIntake.Verdict.Recorded => Results.Ok(result),
                SdiMessageIntake.Verdict.NotNow => Results.Problem(result.Detail, statusCode: StatusCodes.Status409Conflict, title: "Not now: deliver it again later"),
                SdiMessageIntake.Verdict.Unknown => Results.Problem(result.Detail, statusCode: StatusCodes.Status404NotFound, title: "Unknown file"),
                _ => Results.Problem(result.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid SdI message"),
            };
        }).WithBodyLimit(RequestLimits.AttachmentBody);
    }

    private static async Task<(DeliveryBody? Body, IResult? Refusal)> ReadSignedAsync(HttpRequest request, IntermediaMarcheOptions options, InvoiceOptions limits, CancellationToken ct)
    {
        // Base64 makes a file a third larger; the MT and the JSON add a little.
        var max = limits.MaxFileBytes / 3 * 4 + 64 * 1024;
        if (request.ContentLength > max)
            return (null, Results.Problem($"a delivery is at most {max} bytes", statusCode: StatusCodes.Status413PayloadTooLarge));
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > max) return (null, Results.Problem($"a delivery is at most {max} bytes", statusCode: StatusCodes.Status413PayloadTooLarge));
        if (options.CallbackSecret is not { Length: > 0 } secret)
            return (null, Results.Problem($"refused: {IntermediaMarcheOptions.Section}:CallbackSecret is not set", statusCode: StatusCodes.Status401Unauthorized));
        var bytes = buffer.ToArray();
        if (!CallbackSignature.Matches(secret, bytes, request.Headers[CallbackSignature.Header].ToString()))
            return (null, Results.Problem($"refused: missing or wrong {CallbackSignature.Header}", statusCode: StatusCodes.Status401Unauthorized));
        try
        {
            var body = System.Text.Json.JsonSerializer.Deserialize<DeliveryBody>(bytes, WireJson.Options);
            return body is { FileName.Length: > 0, ContentBase64.Length: > 0 }
                ? (body, null)
                : (null, Results.Problem("fileName and contentBase64 are required", statusCode: StatusCodes.Status400BadRequest));
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, Results.Problem($"not a delivery: {e.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static byte[]? Base64(string text, string field)
    {
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }
}
