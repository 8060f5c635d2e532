using System.Net;
using System.Net.Http.Json;
using Sys2.Integrations.Http;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats.PagoPa;

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
            Content = JsonContent.Create(DebtPositionBody.From(request), options: WireJson.Options),
        };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
            return await ExistingAsync(tenant, request, ct);
        await response.EnsureSuccessAsync(System, ct);
        return Read(await response.ReadAsync<DebtPositionAnswer>(System, ct));
    }

    public async Task<DebtPosition> GetDebtPositionAsync(string tenant, string iupd, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"organizations/{Uri.EscapeDataString(tenant)}/debtpositions/{Uri.EscapeDataString(iupd)}");
        using var response = await http.SendAsync(System, message, $"get:{tenant}:{iupd}", ct);
        await response.EnsureSuccessAsync(System, ct);
        return Read(await response.ReadAsync<DebtPositionAnswer>(System, ct));
    }

    public async Task<DebtPosition> CloseDebtPositionAsync(string tenant, string iupd, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post,
            $"organizations/{Uri.EscapeDataString(tenant)}/debtpositions/{Uri.EscapeDataString(iupd)}/invalidate");
        using var response = await http.SendAsync(System, message, $"invalidate:{tenant}:{iupd}", ct);
        // 409: the position is not in a state GPD invalidates (paid, already closed): its state is the answer.
        if (response.StatusCode == HttpStatusCode.Conflict)
            return await GetDebtPositionAsync(tenant, iupd, ct);
        await response.EnsureSuccessAsync(System, ct);
        return Read(await response.ReadAsync<DebtPositionAnswer>(System, ct));
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

    private static DebtPosition Read(DebtPositionAnswer answer)
    {
        var wire = WireBody.Answer(System);
        if (answer.PaymentOption.Count != 1)
            throw wire.Invalid("paymentOption", $"expected exactly one payment option, got {answer.PaymentOption.Count}");
        var option = answer.PaymentOption[0];
        if (!Iuv.TryParse(option.Iuv, out var iuv, out var iuvError))
            throw wire.Invalid("paymentOption[0].iuv", iuvError);
        if (!NumeroAvviso.TryParse(option.Nav, out var nav, out var navError))
            throw wire.Invalid("paymentOption[0].nav", navError);
        if (nav.Iuv != iuv)
            throw wire.Invalid("paymentOption[0].nav", $"'{nav}' does not carry the IUV {iuv}");
        if (option.Amount <= 0)
            throw wire.Invalid("paymentOption[0].amount", $"must be positive, got {option.Amount}");
        if (answer.Status is DebtPositionStatus.Paid or DebtPositionStatus.Reported && (option.IdReceipt is not { Length: > 0 } || option.PaymentDate is null))
            throw wire.Invalid("paymentOption[0].idReceipt", $"a {answer.Status.WireName()} position must name its receipt and payment date");
        return new DebtPosition(answer.Iupd, iuv.Value, nav.Value, option.Amount, option.DueDate, answer.Status, option.IdReceipt, option.PaymentDate);
    }
}
