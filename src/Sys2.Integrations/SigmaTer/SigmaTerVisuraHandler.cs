using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sys2.Integrations.Wire;

namespace Sys2.Integrations.SigmaTer;

/// <summary>
/// <c>sigmater.visura</c>: input <c>parcel</c> {belfiore, sezione, foglio, particella, subalterno};
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
        var parcel = Check(wire, WireBody.ReadInput<VisuraInput>(SigmaTerHttpAdapter.System, call).Parcel);
        var visura = await sigmaTer.VisuraAsync(parcel, call.IdempotencyKey, ct);
        return JsonSerializer.SerializeToNode(visura, Json)!.AsObject();
    }

    private sealed record VisuraInput(ParcelInput Parcel);

    /// <summary>A parcel as a definition passes it: foglio, particella and the rest may be numbers.</summary>
    private sealed record ParcelInput(
        string Belfiore,
        [property: JsonConverter(typeof(CodeConverter))] string Foglio,
        [property: JsonConverter(typeof(CodeConverter))] string Particella,
        [property: JsonConverter(typeof(CodeConverter))] string? Sezione = null,
        [property: JsonConverter(typeof(CodeConverter))] string? Subalterno = null);

    private static ParcelKey Check(WireBody wire, ParcelInput parcel)
    {
        var belfiore = parcel.Belfiore.ToUpperInvariant();
        if (belfiore.Length != 4 || !char.IsAsciiLetterUpper(belfiore[0]) || !belfiore[1..].All(char.IsAsciiDigit))
            throw wire.Invalid("parcel.belfiore", $"must be a Belfiore code (a letter and 3 digits), got '{belfiore}'");
        return new ParcelKey(
            belfiore,
            Code(wire, "sezione", parcel.Sezione),
            Code(wire, "foglio", parcel.Foglio)!,
            Code(wire, "particella", parcel.Particella)!,
            Code(wire, "subalterno", parcel.Subalterno));
    }

    private static string? Code(WireBody wire, string name, string? code)
    {
        var text = code?.ToUpperInvariant();
        return text is null || text.All(char.IsAsciiLetterOrDigit)
            ? text
            : throw wire.Invalid($"parcel.{name}", $"must be letters and digits only, got '{text}'");
    }
}
