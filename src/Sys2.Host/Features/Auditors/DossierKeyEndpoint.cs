using Sys2.Host.Cases;

namespace Sys2.Host.Features.Auditors;

/// <summary>
/// The public key that signs this installation's dossiers, as PEM, for anyone: <c>GET /.well-known/sys2-dossier-key</c>.
/// An auditor saves it once (or notes its fingerprint, shown on the auditor's page) and passes it to
/// <c>verify-dossier --public-key</c>, which then proves a dossier's origin, not only its integrity.
/// </summary>
public static class DossierKeyEndpoint
{
    public const string Path = "/.well-known/sys2-dossier-key";

    public static void MapDossierKey(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (CaseAudit audit) => Results.Text(audit.PublicKeyPem(), "application/x-pem-file"))
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
}
