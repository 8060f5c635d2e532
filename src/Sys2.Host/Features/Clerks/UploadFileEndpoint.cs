using Marten;
using Sys2.Host.Access;
using Sys2.Host.Files;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Features.Clerks;

/// <summary>
/// Upload a document's bytes before naming it in a case (inputs or an attachment). The answer is
/// the <c>document</c> value to use: name, SHA-256 computed here, media type, size.
/// </summary>
public static class UploadFileEndpoint
{
    public const long MaxBytes = 50 * 1024 * 1024;

    public static void MapUploadFile(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/files", async (string? entity, HttpRequest request, Caller caller, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.WorkCases);
            if (!access.Allowed) return access.Refusal!;
            var name = request.Headers["X-File-Name"].ToString();
            if (string.IsNullOrWhiteSpace(name)) return Results.Problem("send the file name in the X-File-Name header", statusCode: 400);
            if (request.ContentLength is > MaxBytes) return Results.Problem($"a file may be at most {MaxBytes} bytes", statusCode: 413);
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0) return Results.Problem("the file is empty", statusCode: 400);
            var content = buffer.ToArray();
            var file = new StoredFile
            {
                Id = Sha256Hex.Of(content), Name = name, Size = content.LongLength, Content = content,
                MediaType = request.ContentType ?? "application/octet-stream", StoredAt = clock.GetUtcNow(),
            };
            await using var session = store.LightweightSession(access.Tenant);
            session.Store(file);
            await session.SaveChangesAsync(ct);
            return Results.Ok(new { name = file.Name, sha256 = file.Id, mediaType = file.MediaType, size = file.Size });
        });
    }
}
