using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// The codes an entity's AOO carries in a segnatura. A comune's IPA code is <c>c_</c> and its
/// Belfiore code in lower case (c_h769); unions and AOO codes have no such rule, so the
/// simulator derives them from the tenant id. <b>[check]</b> against IndicePA before production.
/// </summary>
public sealed record AooCodes(string CodiceAmministrazione, string CodiceAoo, string Denominazione)
{
    public static AooCodes For(Entity entity) => new(
        entity.Belfiore is { } belfiore ? "c_" + belfiore.ToLowerInvariant() : entity.TenantId,
        "AOO-" + entity.TenantId.ToUpperInvariant(),
        entity.Kind == EntityKind.Comune ? $"Comune di {entity.Name}" : entity.Name);
}
