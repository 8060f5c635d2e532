using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;

namespace Sys2.Integrations.ProcediMarche;

/// <summary>
/// <c>procedimarche.lookup</c>: input <c>code</c>; the result is the catalogue entry of the
/// case's entity (camelCase), so definitions read <c>result.fees.istruttoria</c>.
/// </summary>
public sealed class ProcediMarcheLookupHandler(IProcediMarchePort catalogue) : IActivityHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyCollection<string> Activities { get; } = [Sys2.Workflows.Definitions.Activities.ProcediMarcheLookup];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var code = JsonFields.Input(ProcediMarcheHttpAdapter.System, call).String("code");
        var entry = await catalogue.LookupAsync(call.Tenant, code, call.IdempotencyKey, ct);
        return JsonSerializer.SerializeToNode(entry, Json)!.AsObject();
    }
}
