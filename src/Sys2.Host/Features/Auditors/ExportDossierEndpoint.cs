using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Cases.Dossiers;

namespace Sys2.Host.Features.Auditors;

/// <summary>
/// A case's verifiable dossier (<see cref="DossierFormat"/>), one zip that <c>verify-dossier</c> checks offline:
/// <c>GET /api/cases/{caseId}/dossier</c>. Changes nothing in the database (the dossier key is made on first use, as a file).
/// </summary>
public static class ExportDossierEndpoint
{
    public static void MapExportDossier(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{caseId}/dossier", async (string caseId, Caller caller, CaseAudit audit, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.AuditCases);
            if (!access.Allowed) return access.Refusal!;
            return await audit.DossierAsync(access.Tenant, caseId, caller.Subject, ct) is { } dossier
                ? Results.File(dossier, DossierFormat.MediaType, DossierFormat.FileName(caseId))
                : CaseAnswers.NoCase(caseId, access.Tenant);
        })
            .Produces(StatusCodes.Status200OK, contentType: DossierFormat.MediaType);
}
