using System.Net;
using Sys2.Integrations.Http;
using Sys2.Integrations.Wire;

namespace Sys2.Integrations.ProcediMarche;

/// <summary>ProcediMarche over HTTP: <c>GET entities/{tenant}/procedures/{code}</c>.</summary>
public sealed class ProcediMarcheHttpAdapter(HttpClient http) : IProcediMarchePort
{
    public const string System = "procedimarche";

    public async Task<ProcedureEntry> LookupAsync(string tenant, string code, string idempotencyKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"entities/{Uri.EscapeDataString(tenant)}/procedures/{Uri.EscapeDataString(code)}");
        using var response = await http.SendAsync(System, request, idempotencyKey, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var detail = await RegionalSystemHttp.ProblemDetailAsync(response, ct);
            throw new IntegrationException(System,
                $"the procedure '{code}' is not in the catalogue of the entity '{tenant}'{(detail is null ? string.Empty : ": " + detail)}",
                transient: false);
        }

        await response.EnsureSuccessAsync(System, ct);
        var entry = Check(await response.ReadAsync<ProcedureEntry>(System, ct));
        if (!string.Equals(entry.Code, code, StringComparison.OrdinalIgnoreCase))
            throw new IntegrationException(System, $"malformed answer: field 'code' is '{entry.Code}' but '{code}' was asked for", transient: false);
        return entry;
    }

    // The shape is the record's; what a type cannot say (a term in days, an amount in cents) is checked here.
    private static ProcedureEntry Check(ProcedureEntry entry)
    {
        var wire = WireBody.Answer(System);
        Days(wire, "terms.decisionDays", entry.Terms.DecisionDays);
        for (var i = 0; i < entry.Terms.Other.Count; i++) Days(wire, $"terms.other[{i}].days", entry.Terms.Other[i].Days);
        Cents(wire, "fees.istruttoria", entry.Fees.Istruttoria);
        Cents(wire, "fees.segreteria", entry.Fees.Segreteria);
        return entry;
    }

    private static void Days(WireBody wire, string field, int days)
    {
        if (days is <= 0 or > 3650) throw wire.Invalid(field, $"must be a number of days between 1 and 3650, got {days}");
    }

    private static void Cents(WireBody wire, string field, long cents)
    {
        if (cents < 0) throw wire.Invalid(field, $"must be a non-negative amount in euro cents, got {cents}");
    }
}
