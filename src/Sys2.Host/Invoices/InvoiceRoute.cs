using System.Security.Cryptography;
using System.Text;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Invoices;

/// <summary>
/// Where the invoices addressed to one IPA office code go: <c>CodiceDestinatario</c> (the
/// <i>codice univoco ufficio</i> of IndicePA, 6 characters) → the entity (tenant) and the office
/// whose clerks receive them. One table for the aggregation, kept by operators.
/// </summary>
/// <remarks>
/// The codes seeded at the first start are placeholders made from the entity's tenant id
/// (<c>UF</c> + Belfiore code for a comune), because the catalogue of the 64 entities does not carry
/// their IPA codes: an operator replaces them with the real ones from indicepa.gov.it
/// (<c>PUT /api/invoices/routes/{code}</c>). <see cref="Seeded"/> says which are still placeholders.
/// </remarks>
public sealed record InvoiceRoute(string Id, string Tenant, string Office, string Description, bool Seeded, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    /// <summary>The office of the entity that registers, checks and pays suppliers' invoices.</summary>
    public const string DefaultOffice = "Ragioneria";

    /// <summary>The placeholder code of an entity: <c>UF</c> + its Belfiore code, or for a union <c>UU</c> + 4 characters of its slug's hash.</summary>
    public static string PlaceholderCodeOf(Entity entity)
    {
        if (entity.Belfiore is { Length: 4 } belfiore) return "UF" + belfiore;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(entity.TenantId));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return "UU" + string.Concat(hash.Take(4).Select(b => alphabet[b % alphabet.Length]));
    }

    /// <summary>One placeholder route per entity of the catalogue, to the default office.</summary>
    public static IEnumerable<InvoiceRoute> Placeholders(EntityCatalogue catalogue, DateTimeOffset at) =>
        catalogue.All.Select(e => new InvoiceRoute(PlaceholderCodeOf(e), e.TenantId, DefaultOffice,
            $"{e.Name} – fatturazione elettronica (codice provvisorio: sostituire con quello di IndicePA)", Seeded: true, at, "sys2"));
}
