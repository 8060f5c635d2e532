using Microsoft.Net.Http.Headers;
using Marten;
using Sys2.Host.Access;
using Sys2.Host.Definitions;
using Sys2.Host.Files;
using Sys2.Host.Views;
using Sys2.Workflows.Definitions.Inputs;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Features.Clerks;

/// <summary>
/// A document of a case, by its SHA-256: the bytes, under the name and media type the case gave
/// them (its latest attachment of those bytes, else the input that names them). Only the documents
/// a case refers to can be read through it, and only in the caller's entity.
/// </summary>
public static class DownloadDocumentEndpoint
{
    public static void MapDownloadDocument(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{caseId}/documents/{sha256}", async (string caseId, string sha256, Caller caller, IDocumentStore store,
            DefinitionCatalog definitions, FileContents files, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            if (!Sha256Hex.IsDigest(sha256))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["sha256"] = ["not a SHA-256 digest: expected 64 hexadecimal characters"] },
                    detail: "the document is named by its SHA-256", title: "Invalid document digest");
            sha256 = sha256.ToLowerInvariant();
            await using var session = store.QuerySession(access.Tenant);
            if (await session.LoadAsync<CaseSummary>(caseId, ct) is not { } summary) return CaseAnswers.NoCase(caseId, access.Tenant);

            var state = summary.State;
            var attachments = await session.Query<CaseAttachment>().Where(a => a.CaseId == caseId && a.Document.Sha256 == sha256).ToListAsync(ct);
            var (name, mediaType) = attachments.Select(a => a.Document).MaxBy(d => d.Version) is { } attached
                ? (attached.Name, attached.MediaType)
                : await definitions.FindVersionAsync(state.DefinitionId, state.DefinitionVersion, ct) is { } version
                  && InputCheck.Documents(definitions.Load(version), state.Inputs).LastOrDefault(d => d.Sha256 == sha256) is { } input
                    ? (input.Name, input.MediaType)
                    : (null, null);
            if (name is null)
                return Results.Problem($"case {caseId} does not refer to document {sha256}", statusCode: StatusCodes.Status404NotFound, title: "No such document");
            return await files.FindAsync(access.Tenant, sha256, ct) is { } content
                ? Results.File(content, MediaTypeHeaderValue.TryParse(mediaType, out _) ? mediaType : "application/octet-stream", name)
                : Results.Problem($"the bytes of document {sha256} of case {caseId} are not in the file store of {access.Tenant}",
                    statusCode: StatusCodes.Status404NotFound, title: "No such document");
        });
}
