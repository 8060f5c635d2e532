using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// A passive e-invoice (workflows/fatture/fattura-passiva.yaml): FatturaPA FPR 27/26 from Edil
/// Marche, delivered by SdI on Monday 2 March 2026 at 9:00; the case opens at once.
/// - outcome: 15 days, 2 March + 15 = Tuesday 17 March, 23:59:59 CET;
/// - payment: 30 days, 2 March + 30 = Wednesday 1 April, 23:59:59 CEST.
/// Neither ends on a Sunday or holiday, so the open question in the file (whether SdI's 15 days
/// move past holidays) does not change these dates.
/// </summary>
public sealed class FatturaPassiva(DateTimeOffset? delivered = null) : Pratica<FatturaPassiva>(Shipped, "FATT-H769-2026-0000123", delivered ?? Delivered)
{
    private static readonly WorkflowDefinition Shipped = TestDefinitions.Shipped("fatture/fattura-passiva.yaml");

    public const string IdentificativoSdI = "10473629581";
    public const string Fattura = "Fattura n. FPR 27/26";

    public static readonly DateTimeOffset Delivered = Winter(2026, 3, 2, 9, 0);
    public static readonly DateTimeOffset Assigned = Winter(2026, 3, 3, 9, 0);
    public static readonly DateTimeOffset OutcomeDue = EndOfWinterDay(2026, 3, 17);
    public static readonly DateTimeOffset PaymentDue = EndOfSummerDay(2026, 4, 1);

    public static readonly object Invoice = Document("IT02123450443_00A7K.xml.p7m",
        "7d0882368a241e53183814bd014465579ff8ebf71020c40d6133a1292eb5cee5", 18_422);

    /// <summary>FatturaPA FPR 27/26: 10.000,00 + IVA 22% in split payment = 12.200,00 euro.</summary>
    public static readonly object Inputs = new
    {
        supplier = EdilMarche, invoiceNumber = "FPR 27/26", invoiceDate = "2026-02-26", amount = 1_220_000,
        codiceDestinatario = "UFQ2HK", identificativoSdI = IdentificativoSdI, invoice = Invoice, receivedAt = "2026-03-02",
        cig = "B1F2A3C4D5", splitPayment = true, position = 1,
    };

    /// <summary>The same invoice delivered on another day: SdI's delivery date is the date its terms run from.</summary>
    public static object InputsReceivedOn(DateTimeOffset delivered) => new
    {
        supplier = EdilMarche, invoiceNumber = "FPR 27/26", invoiceDate = "2026-02-26", amount = 1_220_000,
        codiceDestinatario = "UFQ2HK", identificativoSdI = IdentificativoSdI, invoice = Invoice,
        receivedAt = delivered.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        cig = "B1F2A3C4D5", splitPayment = true, position = 1,
    };

    /// <summary>The start of an Italian winter day (CET): where a term counted from a delivery date runs from.</summary>
    public static DateTimeOffset StartOfWinterDay(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.FromHours(1));

    public static readonly object Protocol = new { number = "0000188", date = "2026-03-02", aoo = "H769-AOO1" };
    public static readonly object Sent = new { messageId = "PEC-20260302-004188", status = "consegnato" };

    /// <summary>SdI's notifica esito: the supplier got our outcome.</summary>
    public static readonly object Ne = new { type = "NE", esito = "EC01", identificativoSdI = IdentificativoSdI };

    /// <summary>SdI's notifica di decorrenza termini, received at 03:00 on Wednesday 18 March, after its 15 days.</summary>
    public static readonly object DtFile = Document("IT02123450443_00A7K_DT_001.xml",
        "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c", 1_012, "application/xml");

    public static readonly object Dt = new
    {
        type = "DT", identificativoSdI = IdentificativoSdI, message = DtFile, messageId = "4830112", receivedAt = "2026-03-18T02:00:00Z",
    };

    /// <summary>The DT as the archive keeps it: flow E, IdentificativoSdI_MessageId, the date the entity received it.</summary>
    public static readonly object DtAttachment = new
    {
        name = "IT02123450443_00A7K_DT_001.xml", sha256 = "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c", mediaType = "application/xml",
        flow = "E", identifier = IdentificativoSdI + "_4830112", date = "2026-03-18T02:00:00Z", documentType = "Notifica di decorrenza termini (DT, SdI)",
    };

    public static readonly object Liquidated = new
    {
        act = "Determina di liquidazione n. 311 del 16/03/2026",
        notes = "DURC regolare fino al 12/06/2026; AdER art. 48-bis: non inadempiente; CIG B1F2A3C4D5 verificato",
    };

    public static readonly object Order = new { order = "1045", date = "2026-03-19" };

    // ── Openers ─────────────────────────────────────────────────────────────────────────

    /// <summary>SdI delivered the invoice: both terms run and the protocol is asked to register it.</summary>
    public static FatturaPassiva FromSdI() => new FatturaPassiva().Opened(Inputs, Actor.System);

    /// <summary>The same invoice delivered by SdI on another day.</summary>
    public static FatturaPassiva FromSdI(DateTimeOffset delivered) => new FatturaPassiva(delivered).Opened(InputsReceivedOn(delivered), Actor.System);

    /// <summary>Registered, supplier told, assigned on Tuesday 3 March: verification due 3 + 10 = Friday 13 March.</summary>
    public static FatturaPassiva AtVerify()
    {
        var fattura = FromSdI().ThroughProtocol().SupplierTold("notify-receipt").At(Assigned).AssignedTo("Settore Lavori Pubblici")
            .SupplierTold("notify-assignment");
        fattura.OpenTasks().ShouldBe(["verify"]);
        return fattura;
    }

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    public FatturaPassiva ThroughProtocol() => Answered("protocol", Protocol);

    /// <summary>A notice to the supplier is delivered.</summary>
    public FatturaPassiva SupplierTold(string step) => Answered(step, Sent);

    public FatturaPassiva AssignedTo(string office) => Completed("assign", "assigned", new { office }, Ragioneria);

    public FatturaPassiva Verified(string outcome, object form) => Completed("verify", outcome, form, Ragioneria);

    /// <summary>SdI takes our outcome (EC01 or EC02) and gives it a message id.</summary>
    public FatturaPassiva OutcomeTaken(string step, string messageId) => Answered(step, new { messageId });

    public FatturaPassiva SdiNotifies(object notification) => Received("sdi-notification", notification);

    /// <summary>SdI's DT comes (through the intake, a regional system's event) at 03:00 on 18 March.</summary>
    public FatturaPassiva DtArrives() => At(Winter(2026, 3, 18, 3, 0)).When(new ReceiveEvent("sdi-notification", Obj(Dt)) { FromSystem = true });

    public FatturaPassiva Liquidation(string outcome, object form) => Completed("liquidation", outcome, form, Ragioneria);

    public FatturaPassiva PaymentOrdered(object order) => Completed("payment-order", "ordered", order, Ragioneria);

    /// <summary>Accepted at 11:00 on Monday 9 March, taken by SdI, its NE received and the supplier told: liquidation is open.</summary>
    public FatturaPassiva AcceptedAndNotified() =>
        At(Winter(2026, 3, 9, 11, 0)).Verified("accept", new { notes = "Conforme" }).OutcomeTaken("send-acceptance", "IT01234567890_EC_001")
            .SdiNotifies(Ne).SupplierTold("notify-acceptance");

    // ── Expected ────────────────────────────────────────────────────────────────────────

    /// <summary>The notice to the supplier a step requests (with the reason, if it has one).</summary>
    public IntegrationRequested ToSupplier(string step, string template, string subject, DateTimeOffset at, string? reason = null) =>
        Requested(step, "notify.supplier", reason is null ? new { to = EdilMarche, template, subject } : new { to = EdilMarche, template, subject, reason }, at);

    /// <summary>The flow enters a call that notifies the supplier.</summary>
    public object[] TellsSupplier(string step, string template, string subject, DateTimeOffset at, string? reason = null) =>
        [new StepEntered(step, "call", "main", 1), ToSupplier(step, template, subject, at, reason)];

    public static IntegrationSucceeded SupplierNotified(string step) => new(step, "main", "notify.supplier", 1, Obj(Sent));

    /// <summary>The flow enters a call that sends our outcome to SdI.</summary>
    public object[] SendsOutcome(string step, string esito, DateTimeOffset at, string? descrizione = null) =>
        Calls(step, "sdi.send-outcome", descrizione is null
            ? new { identificativoSdI = IdentificativoSdI, esito, invoiceFileName = "IT02123450443_00A7K.xml.p7m", invoiceNumber = "FPR 27/26", invoiceDate = "2026-02-26", position = 1 }
            : new { identificativoSdI = IdentificativoSdI, esito, descrizione, invoiceFileName = "IT02123450443_00A7K.xml.p7m", invoiceNumber = "FPR 27/26", invoiceDate = "2026-02-26", position = 1 }, at);

    /// <summary>
    /// The flow enters a call that asks DigiP to keep the invoice with its SdI identifier, and SdI's messages about it
    /// each with its own identification (<paramref name="messages"/>; none where the answers carried no message).
    /// </summary>
    public object[] ArchivesInvoice(string step, DateTimeOffset at, object[]? messages = null) =>
        Calls(step, "digip.archive", new
        {
            protocolNumber = "0000188", protocolDate = "2026-03-02", classification = "IV.4", documentType = "FATTURA-PASSIVA", document = Invoice,
            attachments = messages ?? [],
            identificativoSdI = IdentificativoSdI,
        }, at);

    /// <summary>The templates of the notices the supplier was sent, first attempts only.</summary>
    public string[] SupplierTemplates() =>
        History.OfType<IntegrationRequested>().Where(r => r.Activity == "notify.supplier" && r.Attempt == 1)
            .Select(r => r.Input["template"]!.GetValue<string>()).ToArray();
}
