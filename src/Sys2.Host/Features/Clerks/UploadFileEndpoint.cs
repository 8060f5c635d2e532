using Sys2.Host.Access;
using Sys2.Host.Files;
using Sys2.Host.Requests;
using Sys2.Workflows.Definitions.Inputs;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Features.Clerks;

/// <summary>
/// Upload a document's bytes before naming it in a case (inputs). The answer is the
/// <c>document</c> value to use: the name sent, the SHA-256 computed here, media type, size.
/// Only the bytes are stored, under their SHA-256: the name and media type are the case's to
/// record, so uploading the same bytes under another name renames nothing.
/// </summary>
public static class UploadFileEndpoint
{
    public const string FileNameHeader = "X-File-Name";

    public static void MapUploadFile(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/files", async (string? entity, HttpRequest request, Caller caller, FileContents files, TimeProvider clock, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.WorkCases);
            if (!access.Allowed) return access.Refusal!;
            var name = request.Headers[FileNameHeader].ToString();
            if (DocumentNames.Problem(name) is { } problem)
                return Results.ValidationProblem(new Dictionary<string, string[]> { [FileNameHeader] = [problem] },
                    detail: $"send the file's name in the {FileNameHeader} header", title: "Invalid file name");
            // Kestrel stops the body at the endpoint's limit (RequestLimits.DocumentBytes): a larger one is a 413 problem.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0) return Results.Problem("the file is empty", statusCode: StatusCodes.Status400BadRequest, title: "Empty file");
            var content = buffer.ToArray();
            var sha256 = Sha256Hex.Of(content);
            await files.StoreAsync(access.Tenant, sha256, content, clock.GetUtcNow(), ct);
            return Results.Ok(new { name, sha256, mediaType = request.ContentType ?? "application/octet-stream", size = content.LongLength });
        }).WithBodyLimit(RequestLimits.DocumentBytes);
}

/// <summary>What a document's name may be, wherever it is given (a header, an attachment).</summary>
public static class DocumentNames
{
    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "missing: expected the document's file name"
        : name.Length > TextLimits.Name ? $"a name of {name.Length} characters is too long: expected at most {TextLimits.Name}"
        : name.Any(char.IsControl) ? $"'{new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray())}' holds control characters: expected a plain file name"
        : null;
}
