using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Integrations.Wire;

namespace Sys2.Integrations.ProcediMarche;

/// <summary>
/// <c>procedimarche.lookup</c>: input <c>code</c>; the result is the catalogue entry of the
/// case's entity (camelCase), so definitions read <c>result.fees.istruttoria</c>.
/// </summary>
public sealed class ProcediMarcheLookupHandler(IProcediMarchePort catalogue) : IActivityHandler
{
    // The result keeps every field, null ones included, as definitions have always seen it.
    private static readonly JsonSerializerOptions Result = new(JsonSerializerDefaults.Web);

    public IReadOnlyCollection<string> Activities { get; } = [Sys2.Workflows.Definitions.Activities.ProcediMarcheLookup];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var input = WireBody.ReadInput<LookupInput>(ProcediMarcheHttpAdapter.System, call);
        var entry = await catalogue.LookupAsync(call.Tenant, input.Code, call.IdempotencyKey, ct);
        return JsonSerializer.SerializeToNode(entry, Result)!.AsObject();
    }

    /// <summary>The procedure's code in the catalogue (the definition's <c>procedure:</c>).</summary>
    private sealed record LookupInput(string Code);
}
