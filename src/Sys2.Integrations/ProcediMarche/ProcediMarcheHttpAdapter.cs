using System.Net;
using Sys2.Integrations.Http;

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
        var entry = ReadEntry(await response.ReadObjectAsync(System, ct));
        if (!string.Equals(entry.Code, code, StringComparison.OrdinalIgnoreCase))
            throw new IntegrationException(System, $"malformed answer: field 'code' is '{entry.Code}' but '{code}' was asked for", transient: false);
        return entry;
    }

    private static ProcedureEntry ReadEntry(JsonFields body)
    {
        var offices = body.Object("offices");
        var terms = body.Object("terms");
        var fees = body.Object("fees");
        var payment = body.Object("payment");
        return new ProcedureEntry(
            body.String("code"),
            body.String("tenant"),
            body.String("title"),
            body.String("description"),
            body.String("legalBasis"),
            new ProcedureOffices(offices.String("istruttoria"), offices.String("finalAct"), offices.String("contact")),
            body.Objects("requiredDocuments").Select(d => new RequiredDocument(d.String("name"), d.OptionalString("form"))).ToList(),
            new ProcedureTerms(
                Days(terms, "decisionDays"),
                terms.Objects("other").Select(t => new ProcedureTerm(t.String("name"), Days(t, "days"))).ToList()),
            body.Boolean("scia"),
            body.Boolean("silenzioAssenso"),
            new ProcedureFees(Cents(fees, "istruttoria"), Cents(fees, "segreteria")),
            new PaymentInstructions(payment.String("method"), payment.String("instructions")),
            body.String("remedies"),
            body.OptionalString("onlineService"),
            body.String("substitutePower"));
    }

    private static int Days(JsonFields fields, string name)
    {
        var days = fields.Integer(name);
        return days is > 0 and <= 3650 ? (int)days : throw fields.Invalid(name, $"must be a number of days between 1 and 3650, got {days}");
    }

    private static long Cents(JsonFields fields, string name)
    {
        var cents = fields.Integer(name);
        return cents >= 0 ? cents : throw fields.Invalid(name, $"must be a non-negative amount in euro cents, got {cents}");
    }
}
