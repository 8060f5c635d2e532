using System.Net;
using Sys2.Integrations.Http;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// SigmaTER over HTTP: <c>GET comuni/{belfiore}/parcels/{foglio}/{particella}?catasto=&amp;sezione=&amp;subalterno=</c>.
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
        var query = new List<string> { "catasto=" + Uri.EscapeDataString(parcel.Catasto) };
        if (!string.IsNullOrEmpty(parcel.Sezione)) query.Add("sezione=" + Uri.EscapeDataString(parcel.Sezione));
        if (!string.IsNullOrEmpty(parcel.Subalterno)) query.Add("subalterno=" + Uri.EscapeDataString(parcel.Subalterno));
        var path = $"comuni/{Uri.EscapeDataString(parcel.Belfiore)}/parcels/{Uri.EscapeDataString(parcel.Foglio)}/{Uri.EscapeDataString(parcel.Particella)}"
                   + "?" + string.Join('&', query);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await http.SendAsync(System, request, idempotencyKey, ct);

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var problem = await RegionalSystemHttp.ProblemAsync(response, ct);
            if (problem?["code"]?.ToString() == ParcelNotFound) return Visura.NotFound(parcel);
            throw new IntegrationException(System, $"GET {request.RequestUri} answered 404 without saying the parcel {parcel} does not exist: is the base address right?", transient: false);
        }

        await response.EnsureSuccessAsync(System, ct);
        return Read(parcel, await response.ReadAsync<VisuraAnswer>(System, ct));
    }

    // The shape is the record's; what a type cannot say (the parcel asked for, a category, a share) is checked here.
    private static Visura Read(ParcelKey asked, VisuraAnswer answer)
    {
        var wire = WireBody.Answer(System);
        var echoed = answer.Parcel;
        if (!Same(echoed.Foglio, asked.Foglio) || !Same(echoed.Particella, asked.Particella)
            || !Same(echoed.Subalterno, asked.Subalterno) || !Same(echoed.Belfiore, asked.Belfiore))
            throw wire.Invalid("parcel", $"describes another parcel than {asked}");
        if (answer.Catasto != asked.Catasto)
            throw wire.Invalid("catasto", $"is '{answer.Catasto}', the visura was asked of the catasto {asked.Catasto}");

        switch (answer.Catasto)
        {
            case Visura.Fabbricati:
                CheckFabbricato(wire, answer.Fabbricato ?? throw wire.Invalid("fabbricato", "is missing"));
                break;
            case Visura.Terreni:
                CheckTerreno(wire, answer.Terreno ?? throw wire.Invalid("terreno", "is missing"));
                break;
            default:
                throw wire.Invalid("catasto", $"must be '{Visura.Fabbricati}' or '{Visura.Terreni}', got '{answer.Catasto}'");
        }

        var holders = answer.Holders.Select((holder, i) => CheckHolder(wire, $"holders[{i}]", holder)).ToList();
        return new Visura(true, asked, answer.Comune, answer.Catasto,
            answer.Catasto == Visura.Fabbricati ? answer.Fabbricato : null,
            answer.Catasto == Visura.Terreni ? answer.Terreno : null,
            holders);
    }

    private static void CheckFabbricato(WireBody wire, Fabbricato f)
    {
        var categoria = f.Categoria;
        if (categoria.Length < 3 || categoria[1] != '/' || !"ABCDEF".Contains(categoria[0]))
            throw wire.Invalid("fabbricato.categoria", $"must be a cadastral category such as A/2 or C/6, got '{categoria}'");
        if (f.Consistenza is { } c)
        {
            if (!Consistenza.Units.Contains(c.Unit))
                throw wire.Invalid("fabbricato.consistenza.unit", $"must be one of {string.Join(", ", Consistenza.Units)}, got '{c.Unit}'");
            if (c.Value <= 0) throw wire.Invalid("fabbricato.consistenza.value", $"must be positive, got {c.Value}");
        }

        Cents(wire, "fabbricato.rendita", f.Rendita);
    }

    private static void CheckTerreno(WireBody wire, Terreno t)
    {
        void Part(string name, int value, int max)
        {
            if (value < 0 || value > max) throw wire.Invalid($"terreno.surface.{name}", $"must be between 0 and {max}, got {value}");
        }

        Part("ha", t.Surface.Ha, 100_000);
        Part("are", t.Surface.Are, 99);
        Part("ca", t.Surface.Ca, 99);
        Cents(wire, "terreno.redditoDominicale", t.RedditoDominicale);
        Cents(wire, "terreno.redditoAgrario", t.RedditoAgrario);
    }

    private static Intestatario CheckHolder(WireBody wire, string field, Intestatario holder) =>
        CodiceFiscale.TryParse(holder.FiscalCode, out var cf, out var error)
            ? holder with { FiscalCode = cf.Value }
            : throw wire.Invalid($"{field}.fiscalCode", error);

    private static void Cents(WireBody wire, string field, long cents)
    {
        if (cents < 0) throw wire.Invalid(field, $"must be a non-negative amount in euro cents, got {cents}");
    }

    private static bool Same(string? answered, string? asked) =>
        string.Equals(answered ?? string.Empty, asked ?? string.Empty, StringComparison.OrdinalIgnoreCase);
}
