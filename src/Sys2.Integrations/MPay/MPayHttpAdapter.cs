using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sys2.Workflows.Formats.PagoPa;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.MPay;

/// <summary>MPay over HTTP, in the shape of pagoPA's GPD API (<c>organizations/{tenant}/debtpositions</c>).</summary>
public sealed class MPayHttpAdapter(HttpClient http) : IMPayPort
{
    public const string System = "mpay";

    public async Task<DebtPosition> CreateDebtPositionAsync(string tenant, DebtPositionRequest request, string idempotencyKey, CancellationToken ct)
    {
        var problems = request.Problems();
        if (problems.Count > 0)
            throw new IntegrationException(System, $"debt position {request.Iupd} not sent: {string.Join("; ", problems)}", transient: false);

        using var message = new HttpRequestMessage(HttpMethod.Post, $"organizations/{Uri.EscapeDataString(tenant)}/debtpositions?toPublish=true")
        {
            Content = JsonContent.Create(Body(request)),
        };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
            return await ExistingAsync(tenant, request, ct);
        await response.EnsureSuccessAsync(System, ct);
        return Read(await response.ReadObjectAsync(System, ct));
    }

    public async Task<DebtPosition> GetDebtPositionAsync(string tenant, string iupd, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"organizations/{Uri.EscapeDataString(tenant)}/debtpositions/{Uri.EscapeDataString(iupd)}");
        using var response = await http.SendAsync(System, message, $"get:{tenant}:{iupd}", ct);
        await response.EnsureSuccessAsync(System, ct);
        return Read(await response.ReadObjectAsync(System, ct));
    }

    // A later attempt of the same step carries a new idempotency key but the same IUPD: the
    // position it created before is the answer, provided it asks the same payer for the same sum.
    private async Task<DebtPosition> ExistingAsync(string tenant, DebtPositionRequest request, CancellationToken ct)
    {
        var existing = await GetDebtPositionAsync(tenant, request.Iupd, ct);
        if (existing.Amount != request.Option.Amount)
            throw new IntegrationException(System,
                $"debt position {request.Iupd} already exists for {existing.Amount} cents, not {request.Option.Amount}", transient: false);
        return existing;
    }

    private static JsonObject Body(DebtPositionRequest request)
    {
        var transfers = new JsonArray();
        for (var i = 0; i < request.Option.Transfers.Count; i++)
        {
            var t = request.Option.Transfers[i];
            transfers.Add(new JsonObject
            {
                ["idTransfer"] = (i + 1).ToString(CultureInfo.InvariantCulture),
                ["amount"] = t.Amount,
                ["remittanceInformation"] = t.RemittanceInformation,
                ["category"] = t.Category,
                ["iban"] = t.Iban,
            });
        }
        var metadata = new JsonObject();
        foreach (var (key, value) in request.Metadata) metadata[key] = value;
        return new JsonObject
        {
            ["iupd"] = request.Iupd,
            ["type"] = request.Payer.Type.ToString(),
            ["fiscalCode"] = request.Payer.FiscalCode,
            ["fullName"] = request.Payer.FullName,
            ["email"] = request.Payer.Email,
            ["paymentOption"] = new JsonArray(new JsonObject
            {
                ["amount"] = request.Option.Amount,
                ["description"] = request.Option.Description,
                ["dueDate"] = request.Option.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["isPartialPayment"] = false,
                ["transfer"] = transfers,
            }),
            ["metadata"] = metadata,
        };
    }

    internal static DebtPosition Read(JsonFields answer)
    {
        var iupd = answer.String("iupd");
        var statusName = answer.String("status");
        if (!DebtPositionStatuses.TryParse(statusName, out var status))
            throw answer.Invalid("status", $"'{statusName}' is not a GPD status");
        var options = answer.Objects("paymentOption");
        if (options.Count != 1)
            throw answer.Invalid("paymentOption", $"expected exactly one payment option, got {options.Count}");
        var option = options[0];
        if (!Iuv.TryParse(option.String("iuv"), out var iuv, out var iuvError))
            throw option.Invalid("iuv", iuvError);
        if (!NumeroAvviso.TryParse(option.String("nav"), out var nav, out var navError))
            throw option.Invalid("nav", navError);
        if (nav.Iuv != iuv)
            throw option.Invalid("nav", $"'{nav}' does not carry the IUV {iuv}");
        var amount = option.Integer("amount");
        if (amount <= 0)
            throw option.Invalid("amount", $"must be positive, got {amount}");
        return new DebtPosition(iupd, iuv.Value, nav.Value, amount, option.Date("dueDate"), status);
    }
}
