using System.Net;
using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// SigmaTER over HTTP: <c>GET comuni/{belfiore}/parcels/{foglio}/{particella}?sezione=&amp;subalterno=</c>.
/// A 404 whose problem says <c>parcel-not-found</c> is a visura with nothing in it; any other 404
/// means the address is wrong and is reported as a failure.
/// </summary>
public sealed class SigmaTerHttpAdapter(HttpClient http) : ISigmaTerPort
{
    public const string System = "sigmater";
    public const string ParcelNotFound = "parcel-not-found";

    public async Task<Visura> VisuraAsync(ParcelKey parcel, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        var query = new List<string>();
        if (!string.IsNullOrEmpty(parcel.Sezione)) query.Add("sezione=" + Uri.EscapeDataString(parcel.Sezione));
        if (!string.IsNullOrEmpty(parcel.Subalterno)) query.Add("subalterno=" + Uri.EscapeDataString(parcel.Subalterno));
        var path = $"comuni/{Uri.EscapeDataString(parcel.Belfiore)}/parcels/{Uri.EscapeDataString(parcel.Foglio)}/{Uri.EscapeDataString(parcel.Particella)}"
                   + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await http.SendAsync(System, request, idempotencyKey, ct);

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var problem = await RegionalSystemHttp.ProblemAsync(response, ct);
            if (problem?["code"]?.ToString() == ParcelNotFound) return Visura.NotFound(parcel);
            throw new IntegrationException(System, $"GET {request.RequestUri} answered 404 without saying the parcel {parcel} does not exist: is the base address right?", transient: false);
        }

        await response.EnsureSuccessAsync(System, ct);
        return Read(parcel, await response.ReadObjectAsync(System, ct));
    }

    private static Visura Read(ParcelKey asked, JsonFields body)
    {
        var echoed = body.Object("parcel");
        if (!Same(echoed.OptionalString("foglio"), asked.Foglio) || !Same(echoed.OptionalString("particella"), asked.Particella)
            || !Same(echoed.OptionalString("subalterno"), asked.Subalterno) || !Same(echoed.OptionalString("belfiore"), asked.Belfiore))
            throw body.Invalid("parcel", $"describes another parcel than {asked}");

        var catasto = body.String("catasto");
        Fabbricato? fabbricato = null;
        Terreno? terreno = null;
        switch (catasto)
        {
            case Visura.Fabbricati:
                fabbricato = ReadFabbricato(body.Object("fabbricato"));
                break;
            case Visura.Terreni:
                terreno = ReadTerreno(body.Object("terreno"));
                break;
            default:
                throw body.Invalid("catasto", $"must be '{Visura.Fabbricati}' or '{Visura.Terreni}', got '{catasto}'");
        }

        var holders = body.Objects("holders").Select(ReadHolder).ToList();
        return new Visura(true, asked, body.String("comune"), catasto, fabbricato, terreno, holders);
    }

    private static Fabbricato ReadFabbricato(JsonFields f)
    {
        var categoria = f.String("categoria");
        if (categoria.Length < 3 || categoria[1] != '/' || !"ABCDEF".Contains(categoria[0]))
            throw f.Invalid("categoria", $"must be a cadastral category such as A/2 or C/6, got '{categoria}'");
        var c = f.OptionalObject("consistenza");
        Consistenza? consistenza = null;
        if (c is not null)
        {
            var unit = c.String("unit");
            if (!Consistenza.Units.Contains(unit)) throw c.Invalid("unit", $"must be one of {string.Join(", ", Consistenza.Units)}, got '{unit}'");
            var value = c.Decimal("value");
            consistenza = value > 0 ? new Consistenza(value, unit) : throw c.Invalid("value", $"must be positive, got {value}");
        }

        return new Fabbricato(categoria, f.OptionalString("classe"), consistenza, Cents(f, "rendita"), f.String("address"), f.String("floor"));
    }

    private static Terreno ReadTerreno(JsonFields t)
    {
        var s = t.Object("surface");
        int Part(string name, int max)
        {
            var value = s.Integer(name);
            return value >= 0 && value <= max ? (int)value : throw s.Invalid(name, $"must be between 0 and {max}, got {value}");
        }

        var surface = new Superficie(Part("ha", 100_000), Part("are", 99), Part("ca", 99));
        return new Terreno(t.String("qualita"), t.String("classe"), surface, Cents(t, "redditoDominicale"), Cents(t, "redditoAgrario"));
    }

    private static Intestatario ReadHolder(JsonFields h)
    {
        var fiscalCode = h.String("fiscalCode");
        if (!CodiceFiscale.TryParse(fiscalCode, out var cf, out var error)) throw h.Invalid("fiscalCode", error);
        var share = h.String("share");
        if (!Quota.TryParse(share, out var quota)) throw h.Invalid("share", $"must be a fraction such as 1/2, got '{share}'");
        return new Intestatario(cf.Value, h.String("name"), h.String("right"), quota);
    }

    private static long Cents(JsonFields fields, string name)
    {
        var cents = fields.Integer(name);
        return cents >= 0 ? cents : throw fields.Invalid(name, $"must be a non-negative amount in euro cents, got {cents}");
    }

    private static bool Same(string? answered, string? asked) =>
        string.Equals(answered ?? string.Empty, asked ?? string.Empty, StringComparison.OrdinalIgnoreCase);
}
