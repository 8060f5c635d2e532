using System.Globalization;
using Sys2.Integrations.SigmaTer;
using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.SigmaTer;

/// <summary>
/// A cadastre of the 60 comuni that is computed, not stored: each parcel's content is drawn
/// from the seed and the parcel key, so the same parcel always gives the same visura and about
/// one parcel in <see cref="MissingOneIn"/> does not exist. The catasto asked for answers: a
/// building (with or without a subalterno) from the catasto fabbricati, land from the catasto terreni.
/// </summary>
public sealed class SyntheticCadastre(int seed)
{
    public const int MissingOneIn = 7;

    public const string Proprieta = "proprietà";
    public const string Usufrutto = "usufrutto";
    public const string NudaProprieta = "nuda proprietà";

    private static readonly (string Categoria, string Unit, decimal Min, decimal Max, decimal Step)[] Categories =
    [
        ("A/2", "vani", 3.5m, 9m, 0.5m), ("A/3", "vani", 3m, 7m, 0.5m), ("A/4", "vani", 2.5m, 6m, 0.5m), ("A/7", "vani", 5m, 11m, 0.5m),
        ("B/1", "m3", 800m, 4000m, 10m), ("C/1", "m2", 20m, 180m, 1m), ("C/2", "m2", 8m, 60m, 1m), ("C/6", "m2", 12m, 40m, 1m),
        ("D/1", "", 0, 0, 0), ("D/8", "", 0, 0, 0),
    ];

    private static readonly string[] Streets =
    [
        "Via Roma", "Corso Mazzini", "Via Garibaldi", "Via XX Settembre", "Piazza del Popolo", "Via Cavour", "Viale dei Mille",
        "Via della Repubblica", "Contrada San Pietro", "Via Salaria", "Lungomare Sud", "Via Piave",
    ];

    private static readonly string[] Qualities =
        ["seminativo", "seminativo arborato", "uliveto", "vigneto", "frutteto", "pascolo", "bosco ceduo", "incolto produttivo"];

    private static readonly string[] Companies =
        ["Immobiliare Adriatica S.r.l.", "Piceno Costruzioni S.p.A.", "Agricola Valdaso S.S.", "Edil Tronto S.r.l.", "Calzaturificio Fermano S.r.l."];

    private readonly IReadOnlyList<Entity> _comuni = EntityCatalogue.Load().All.Where(e => e.Kind == EntityKind.Comune).ToList();

    public bool Covers(string belfiore) => _comuni.Any(c => string.Equals(c.Belfiore, belfiore, StringComparison.OrdinalIgnoreCase));

    /// <summary>The visura of a parcel, or null when the cadastre has no such parcel.</summary>
    public VisuraAnswer? Visura(ParcelKey parcel)
    {
        var random = SeededRandom.For(seed, "sigmater", parcel.Belfiore, parcel.Sezione ?? "", parcel.Foglio, parcel.Particella, parcel.Subalterno ?? "", parcel.Catasto);
        if (random.Next(MissingOneIn) == 0) return null;

        var comune = _comuni.Single(c => string.Equals(c.Belfiore, parcel.Belfiore, StringComparison.OrdinalIgnoreCase));
        var birthplaces = _comuni.Select(c => c.Belfiore!).ToList();
        return parcel.Catasto == Integrations.SigmaTer.Visura.Terreni
            ? new VisuraAnswer(parcel, comune.Name, "terreni", null, Land(random), Holders(random, birthplaces))
            : new VisuraAnswer(parcel, comune.Name, "fabbricati", Building(random), null, Holders(random, birthplaces));
    }

    private static Fabbricato Building(Random random)
    {
        var (categoria, unit, min, max, step) = random.Pick(Categories);
        var address = $"{random.Pick(Streets)} n. {random.Next(1, 120)}";
        if (categoria[0] == 'D')
        {
            // Group D has no classe nor consistenza: its rendita is estimated directly (DPR 1142/1949 art. 30).
            return new Fabbricato(categoria, null, null, random.Next(1_500, 25_000) * 100L, address, "T");
        }

        var steps = (int)((max - min) / step);
        var value = min + random.Next(steps + 1) * step;
        var classe = random.Next(1, 7).ToString(CultureInfo.InvariantCulture);
        // Tariffa d'estimo per unit of consistenza, in cents: higher class, higher tariff.
        var tariff = unit switch { "vani" => 18_000 + 6_000 * int.Parse(classe, CultureInfo.InvariantCulture), "m3" => 90, _ => 900 + 300 * int.Parse(classe, CultureInfo.InvariantCulture) };
        var floor = categoria switch
        {
            "C/6" or "C/2" => random.Next(2) == 0 ? "S1" : "T",
            "C/1" or "B/1" => "T",
            _ => random.Pick(["T", "1", "2", "3"]),
        };
        return new Fabbricato(categoria, classe, new Consistenza(value, unit), (long)Math.Round(value * tariff), address, floor);
    }

    private static Terreno Land(Random random)
    {
        var surface = new Superficie(random.Next(0, 6), random.Next(0, 100), random.Next(1, 100));
        var squareMetres = surface.Ha * 10_000L + surface.Are * 100L + surface.Ca;
        var classe = random.Next(1, 5);
        // Tariffe d'estimo in cents per hectare; reddito = tariff × surface.
        var dominicale = (long)Math.Round(squareMetres * (12_000m - 2_000m * classe) / 10_000m);
        var agrario = (long)Math.Round(squareMetres * (9_000m - 1_500m * classe) / 10_000m);
        return new Terreno(random.Pick(Qualities), classe.ToString(CultureInfo.InvariantCulture), surface, dominicale, agrario);
    }

    /// <summary>The holders: for each right held, the shares add up to 1.</summary>
    private static IReadOnlyList<Intestatario> Holders(Random random, IReadOnlyList<string> birthplaces)
    {
        Intestatario Person(string right, string share, int bornFrom = 1935, int bornTo = 1995)
        {
            var person = SyntheticPerson.Draw(random, birthplaces, bornFrom, bornTo);
            return new Intestatario(person.FiscalCode, person.FullName, right, Quota.Parse(share));
        }

        switch (random.Next(8))
        {
            case 0:
            case 1:
                return [Person(Proprieta, "1/1")];
            case 2:
            case 3:
                return [Person(Proprieta, "1/2"), Person(Proprieta, "1/2")];
            case 4:
                return [Person(Proprieta, "1/3"), Person(Proprieta, "1/3"), Person(Proprieta, "1/3")];
            case 5:
                return [Person(Proprieta, "1/2"), Person(Proprieta, "1/4"), Person(Proprieta, "1/4")];
            case 6:
                // Usufrutto to a parent, nuda proprietà to the children: each right sums to 1 on its own.
                return [Person(Usufrutto, "1/1", 1930, 1955), Person(NudaProprieta, "1/2", 1960, 1995), Person(NudaProprieta, "1/2", 1960, 1995)];
            default:
                var first10 = random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture) + "044";
                return [new Intestatario(first10 + PartitaIva.ComputeCheckDigit(first10), random.Pick(Companies).ToUpperInvariant(), Proprieta, new Quota(1, 1))];
        }
    }
}
