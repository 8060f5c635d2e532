using Sys2.Host.Access;
using Sys2.Workflows.Formats;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Attach a document to a case; its SHA-256 is computed here, from the bytes received, never taken from the client.</summary>
public static class AttachDocumentEndpoint
{
    public sealed record AttachRequest(Guid CommandId, long ExpectedVersion, string Name, string MediaType, string ContentBase64);

    public static void MapAttachDocument(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/documents", (string caseId, AttachRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
        {
            byte[] content;
            try { content = Convert.FromBase64String(body.ContentBase64); }
            catch (FormatException) { return Task.FromResult(Results.Problem("contentBase64 is not valid base64", statusCode: 400)); }
            var sha256 = Sha256Hex.Of(content);
            return CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion,
                by => new AttachDocument(body.Name, sha256, body.MediaType, content.LongLength, by), ct);
        });
}
