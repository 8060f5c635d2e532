using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sys2.Integrations.Wire;

namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// <c>sigmater.visura</c>: inputs <c>parcel</c> {belfiore, sezione, foglio, particella, subalterno} and
/// <c>catasto</c> (<c>fabbricati</c> or <c>terreni</c>, as the applicant declared it: never guessed);
/// the result is the <see cref="Visura"/> (camelCase, with <c>found</c>), which definitions store whole.
/// </summary>
public sealed class SigmaTerVisuraHandler(ISigmaTerPort sigmaTer) : IActivityHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyCollection<string> Activities { get; } = [Sys2.Workflows.Definitions.Activities.SigmaTerVisura];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var wire = WireBody.Input(SigmaTerHttpAdapter.System, call);
        var input = WireBody.ReadInput<VisuraInput>(SigmaTerHttpAdapter.System, call);
        var parcel = Check(wire, input.Parcel, input.Catasto);
        var visura = await sigmaTer.VisuraAsync(parcel, call.IdempotencyKey, ct);
        return JsonSerializer.SerializeToNode(visura, Json)!.AsObject();
    }

    private sealed record VisuraInput(ParcelInput Parcel, string? Catasto = null);

    /// <summary>A parcel as a definition passes it: foglio, particella and the rest may be numbers.</summary>
    private sealed record ParcelInput(
        string Belfiore,
        [property: JsonConverter(typeof(CodeConverter))] string Foglio,
        [property: JsonConverter(typeof(CodeConverter))] string Particella,
        [property: JsonConverter(typeof(CodeConverter))] string? Sezione = null,
        [property: JsonConverter(typeof(CodeConverter))] string? Subalterno = null);

    private static ParcelKey Check(WireBody wire, ParcelInput parcel, string? catasto)
    {
        // The catasto terreni and the catasto fabbricati are separate registers (DOMAIN.md §5): which one holds the
        // property is the applicant's declaration, asked for by the definition, not inferred from a subalterno.
        catasto = catasto?.Trim().ToLowerInvariant();
        if (catasto is not (Visura.Fabbricati or Visura.Terreni))
            throw wire.Invalid("catasto", catasto is null
                ? $"is missing: say whether the property is in the catasto '{Visura.Fabbricati}' or '{Visura.Terreni}'"
                : $"must be '{Visura.Fabbricati}' or '{Visura.Terreni}', got '{catasto}'");
        if (catasto == Visura.Terreni && !string.IsNullOrWhiteSpace(parcel.Subalterno))
            throw wire.Invalid("parcel.subalterno", $"'{parcel.Subalterno}' names a unit of a building: the catasto terreni has no subalterni");
        var belfiore = parcel.Belfiore.ToUpperInvariant();
        if (belfiore.Length != 4 || !char.IsAsciiLetterUpper(belfiore[0]) || !belfiore[1..].All(char.IsAsciiDigit))
            throw wire.Invalid("parcel.belfiore", $"must be a Belfiore code (a letter and 3 digits), got '{belfiore}'");
        return new ParcelKey(
            belfiore,
            Code(wire, "sezione", parcel.Sezione),
            Code(wire, "foglio", parcel.Foglio)!,
            Code(wire, "particella", parcel.Particella)!,
            Code(wire, "subalterno", string.IsNullOrWhiteSpace(parcel.Subalterno) ? null : parcel.Subalterno),
            catasto);
    }

    private static string? Code(WireBody wire, string name, string? code)
    {
        var text = code?.ToUpperInvariant();
        return text is null || text.All(char.IsAsciiLetterOrDigit)
            ? text
            : throw wire.Invalid($"parcel.{name}", $"must be letters and digits only, got '{text}'");
    }
}
