using System.Collections.Frozen;
using Sys2.Integrations.ProcediMarche;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.ProcediMarche;

/// <summary>
/// The simulated catalogue: every shipped procedure for each of the 64 entities, with fees
/// each entity sets for itself (drawn once from the seed, the entity and the code). Immutable
/// once built, so it is safe to share between requests.
/// </summary>
public sealed class ProcediMarcheCatalogue
{
    private readonly FrozenDictionary<(string Tenant, string Code), ProcedureEntry> _entries;

    public ProcediMarcheCatalogue(int seed)
    {
        var entries = new Dictionary<(string, string), ProcedureEntry>();
        foreach (var entity in EntityCatalogue.Load().All)
            foreach (var template in ShippedProcedures.All)
                entries[(entity.TenantId.ToUpperInvariant(), template.Code)] = Build(seed, entity, template);
        _entries = entries.ToFrozenDictionary();
    }

    public IEnumerable<string> Codes => ShippedProcedures.All.Select(p => p.Code);

    public ProcedureEntry? Find(string tenant, string code) =>
        _entries.GetValueOrDefault((tenant.Trim().ToUpperInvariant(), code.Trim().ToUpperInvariant()));

    private static ProcedureEntry Build(int seed, Entity entity, ProcedureTemplate t)
    {
        var random = SeededRandom.For(seed, "procedimarche", entity.TenantId, t.Code);
        var istruttoria = Fee(random, t.Istruttoria);
        var segreteria = Fee(random, t.Segreteria);
        var who = entity.Kind == EntityKind.Comune ? $"Comune di {entity.Name}" : entity.Name;
        return new ProcedureEntry(
            t.Code, entity.TenantId, t.Title, t.Description, t.LegalBasis,
            new ProcedureOffices($"{t.Office} – {who}", $"{t.FinalActOffice} – {who}",
                $"{Slug(t.Office)}@pec.{entity.TenantId.ToLowerInvariant()}.example.it"),
            t.Documents,
            new ProcedureTerms(t.DecisionDays, t.OtherTerms),
            t.Scia, t.SilenzioAssenso,
            new ProcedureFees(istruttoria, segreteria),
            new PaymentInstructions("pagoPA",
                $"Pagamento tramite avviso pagoPA emesso da {who} (intermediario MPay), causale 'Diritti {t.Code}' seguita dal numero di protocollo della pratica."),
            t.Remedies,
            $"https://sportello.{entity.TenantId.ToLowerInvariant()}.example.it/procedimenti/{t.Code.ToLowerInvariant()}",
            $"Segretario generale di {who} (L. 241/1990 art. 2 c.9-bis)");
    }

    private static long Fee(Random random, (long Min, long Max) range)
    {
        var steps = (range.Max - range.Min) / ProcedureTemplate.FeeStep;
        return range.Min + random.NextInt64(steps + 1) * ProcedureTemplate.FeeStep;
    }

    private static string Slug(string office) =>
        string.Concat(office.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).Select(w => char.ToLowerInvariant(w[0])));
}
