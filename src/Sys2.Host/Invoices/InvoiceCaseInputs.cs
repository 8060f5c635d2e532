using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Invoices;

namespace Sys2.Host.Invoices;

/// <summary>
/// The inputs of a <c>fatture.fattura-passiva</c> case, read from one invoice of a FatturaPA file:
/// what the clerk, the clocks and the supplier's notices need without opening the XML again.
/// </summary>
public static class InvoiceCaseInputs
{
    public static JsonObject For(ReceivedInvoiceFile file, FatturaPaDocument document, InvoiceBody body, InvoiceDelivery delivery, InvoiceRoute route,
        LiquidationRules rules)
    {
        var supplier = new JsonObject
        {
            ["name"] = document.Supplier.Name,
            // An Italian supplier is known by its partita IVA; a foreign one by its fiscal code, when it gave one.
            ["fiscalCode"] = document.Supplier.CountryCode == "IT" ? document.Supplier.VatNumber : document.Supplier.TaxCode ?? document.Supplier.VatNumber,
        };
        if (document.Supplier.Email is { Length: > 0 } email) supplier["email"] = email;

        // The liquidation checks of TUEL art. 184 that the file itself answers, made once at receipt so the
        // clerk sees every failure by name on the case (and the office is told of a missing CIG at once).
        var assessment = LiquidationChecks.Assess(body, rules);
        var checks = new JsonObject
        {
            ["liquidable"] = assessment.Liquidable,
            ["problems"] = new JsonArray([.. assessment.Problems.Select(p => (JsonNode?)JsonValue.Create(p.Message))]),
            ["totalCents"] = assessment.TotalCents,
            ["vatToStateCents"] = assessment.VatToStateCents,
            ["withholdingCents"] = assessment.WithholdingCents,
            ["amountToSupplierCents"] = assessment.AmountToSupplierCents,
            ["aboveAgenziaRiscossioneThreshold"] = assessment.AboveAgenziaRiscossioneThreshold,
        };

        var inputs = new JsonObject
        {
            ["supplier"] = supplier,
            ["invoiceNumber"] = body.Number,
            ["invoiceDate"] = Date(body.Date),
            ["documentType"] = body.DocumentType,
            ["amount"] = body.TotalCents ?? body.VatSummaries.Sum(v => v.TaxableCents + v.TaxCents),
            ["payableAmount"] = assessment.AmountToSupplierCents,
            ["checks"] = checks,
            ["codiceDestinatario"] = document.CodiceDestinatario,
            ["office"] = route.Office,
            ["identificativoSdI"] = file.IdentificativoSdI,
            ["fileId"] = file.Id,
            ["position"] = body.Position,
            ["invoice"] = new JsonObject
            {
                ["name"] = file.FileName,
                ["sha256"] = file.Sha256,
                ["mediaType"] = file.FileName.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase) ? "application/pkcs7-mime" : "application/xml",
                ["size"] = file.Size,
            },
            // The delivery date of the RC: SdI's 15 plain days for the outcome run from it.
            ["receivedAt"] = Date(DateOnly.FromDateTime(delivery.DeliveredAt.UtcDateTime)),
            ["splitPayment"] = body.SplitPayment,
        };
        if (body.Cig is [var cig, ..]) inputs["cig"] = cig;
        if (body.Cup is [var cup, ..]) inputs["cup"] = cup;
        // The due date the supplier wrote (DatiPagamento); the payment clock's 30 days otherwise (D.Lgs. 231/2002 art. 4).
        if (body.Payments.Select(p => p.DueDate).Where(d => d is not null).Min() is { } due) inputs["dueDate"] = Date(due);
        return inputs;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
