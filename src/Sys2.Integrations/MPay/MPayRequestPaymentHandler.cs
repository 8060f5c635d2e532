using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.MPay;

/// <summary>
/// <c>mpay.request-payment</c>: inputs <c>payer</c> (party), <c>amount</c> (euro cents),
/// <c>description</c>, optional <c>dueDate</c>; result
/// <c>{ noticeNumber, iuv, iupd, amount, dueDate, status, creditorFiscalCode }</c>: what a payer needs to
/// pay the avviso at any PSP (the codice avviso and the ente creditore's codice fiscale, GPD's
/// <c>organizationFiscalCode</c>), the amount and the due date. The receipt arrives later as the
/// case event <c>payment-received</c> (see <see cref="PaymentReceipt"/>).
/// </summary>
public sealed class MPayRequestPaymentHandler(IMPayPort mpay, IOptions<MPayAdapterOptions> options, TimeProvider clock) : IActivityHandler
{
    public const string Activity = "mpay.request-payment";

    public IReadOnlyCollection<string> Activities { get; } = [Activity];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var wire = WireBody.Input(MPayHttpAdapter.System, call);
        var input = WireBody.ReadInput<RequestPaymentInput>(MPayHttpAdapter.System, call);
        var party = input.Payer;
        if (party.FiscalCode is null)
            throw wire.Invalid("payer", $"'{party.Label}' has no fiscal code, which pagoPA requires of every payer");
        if (!CodiceFiscale.TryParse(party.FiscalCode, out var fiscalCode, out var error))
            throw wire.Invalid("payer.fiscalCode", error);
        var amount = input.Amount;
        if (amount <= 0)
            throw wire.Invalid("amount", $"must be a positive number of euro cents, got {amount}");
        // The definition composes the text; an avviso must not fail over a long protocol subject.
        var description = Shorten(input.Description, DebtPositionRequest.MaxDescriptionLength);
        var settings = options.Value;
        var dueDate = input.DueDate
            ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(settings.PaymentTermDays);

        var request = new DebtPositionRequest(
            IupdFor(call),
            new Payer(fiscalCode.IsPersonal ? PayerType.F : PayerType.G, fiscalCode.Value, party.Name ?? fiscalCode.Value, party.Email),
            new PaymentOption(amount, description, dueDate,
                [new Transfer(amount, description, settings.TaxonomyCategory, settings.IbanFor(call.Tenant))]),
            new Dictionary<string, string> { [PaymentReceipt.CaseIdKey] = call.CaseId, [PaymentReceipt.StepKey] = call.Step });

        var position = await mpay.CreateDebtPositionAsync(call.Tenant, request, call.IdempotencyKey, ct);
        return new JsonObject
        {
            ["noticeNumber"] = position.NoticeNumber,
            ["iuv"] = position.Iuv,
            ["iupd"] = position.Iupd,
            ["amount"] = position.Amount,
            ["dueDate"] = position.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = position.Status.WireName(),
            ["creditorFiscalCode"] = CreditorFiscalCode(call.Tenant),
        };
    }

    /// <summary>
    /// The ente creditore's codice fiscale, as pagoPA's GPD names the organisation of a debt position
    /// (<c>organizationFiscalCode</c>), from the entity catalogue (<c>enti.csv</c>); null for a union the
    /// catalogue gives none.
    /// </summary>
    public static string? CreditorFiscalCode(string tenant) => EntityCatalogue.Load().ByTenantId(tenant)?.CodiceFiscale?.Value;

    /// <summary>One position per case and step: a retried or redelivered call finds the one already made.</summary>
    public static string IupdFor(ActivityCall call) => $"SYS2-{call.CaseId}-{call.Step}";

    /// <summary>What a definition passes: the payer, the sum in euro cents, the causale, and optionally the due date.</summary>
    private sealed record RequestPaymentInput(Party Payer, long Amount, string Description, DateOnly? DueDate = null);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
