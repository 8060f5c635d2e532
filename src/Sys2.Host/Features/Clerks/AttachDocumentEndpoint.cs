using Sys2.Host.Cases;
using Microsoft.Net.Http.Headers;
using Sys2.Host.Access;
using Sys2.Host.Files;
using Sys2.Host.Requests;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>
/// Attach a document to a case. Its SHA-256 is computed here, from the bytes received, never taken
/// from the client, and the bytes are kept: stored in the entity's file store in the same
/// transaction as the <c>DocumentAttached</c> event that names them.
/// </summary>
public static class AttachDocumentEndpoint
{
    public sealed record AttachRequest(Guid CommandId, long ExpectedVersion, string? Name, string? MediaType, string? ContentBase64);

    public static void MapAttachDocument(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/documents", (string caseId, AttachRequest body, Caller caller, Cases.CaseService cases, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (DocumentNames.Problem(body.Name) is { } name) errors["name"] = [name];
            if (!MediaTypeHeaderValue.TryParse(body.MediaType, out var media) || media.MediaType.Value?.Contains('/') != true)
                errors["mediaType"] = [$"'{body.MediaType}' is not a media type: expected type/subtype (e.g. application/pdf)"];
            byte[] content = [];
            try { content = Convert.FromBase64String(body.ContentBase64 ?? ""); }
            catch (FormatException) { errors["contentBase64"] = ["not valid base64: expected the document's bytes in base64 (RFC 4648)"]; }
            if (!errors.ContainsKey("contentBase64") && content.Length == 0) errors["contentBase64"] = ["empty: expected the document's bytes in base64"];
            if (errors.Count > 0)
                return Task.FromResult(Results.ValidationProblem(errors, detail: "the attachment is not valid", title: "Invalid attachment"));
            if (content.LongLength > RequestLimits.DocumentBytes)
                return Task.FromResult(Results.Problem($"the document is {content.LongLength} bytes: a document may be at most {RequestLimits.DocumentBytes} bytes",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Document too large"));
            var sha256 = Sha256Hex.Of(content);
            return CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion,
                by => new AttachDocument(body.Name!, sha256, body.MediaType!, content.LongLength, by), new DocumentBytes(sha256, content), ct);
        }).WithBodyLimit(RequestLimits.AttachmentBody)
            .Produces<CommandOutcome>();
}
