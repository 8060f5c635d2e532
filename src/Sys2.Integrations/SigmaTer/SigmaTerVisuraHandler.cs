using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

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
        var parcel = ReadParcel(JsonFields.Input(SigmaTerHttpAdapter.System, call).Object("parcel"));
        var visura = await sigmaTer.VisuraAsync(parcel, call.IdempotencyKey, ct);
        return JsonSerializer.SerializeToNode(visura, Json)!.AsObject();
    }

    private static ParcelKey ReadParcel(JsonFields parcel)
    {
        var belfiore = parcel.String("belfiore").ToUpperInvariant();
        if (belfiore.Length != 4 || !char.IsAsciiLetterUpper(belfiore[0]) || !belfiore[1..].All(char.IsAsciiDigit))
            throw parcel.Invalid("belfiore", $"must be a Belfiore code (a letter and 3 digits), got '{belfiore}'");
        return new ParcelKey(
            belfiore,
            Code(parcel, "sezione", required: false),
            Code(parcel, "foglio", required: true)!,
            Code(parcel, "particella", required: true)!,
            Code(parcel, "subalterno", required: false));
    }

    private static string? Code(JsonFields parcel, string name, bool required)
    {
        var text = parcel.OptionalCode(name)?.ToUpperInvariant();
        if (text is null)
            return required ? throw parcel.Invalid(name, "is missing") : null;
        return text.All(char.IsAsciiLetterOrDigit)
            ? text
            : throw parcel.Invalid(name, $"must be letters and digits only, got '{text}'");
    }
}
