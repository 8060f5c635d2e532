namespace Sys2.Workflows.Definitions;

/// <summary>The integration activities a <c>call</c> step may name: one per regional system operation.</summary>
public static class Activities
{
    public const string ProcediMarcheLookup = "procedimarche.lookup";
    public const string MPayRequestPayment = "mpay.request-payment";
    public const string SigmaTerVisura = "sigmater.visura";
    public const string DigiPArchive = "digip.archive";
    public const string ProtocolRegister = "protocol.register";
    public const string NotifySupplier = "notify.supplier";
    public const string NotifyApplicant = "notify.applicant";
    public const string SdiSendOutcome = "sdi.send-outcome";

    /// <summary>
    /// An act with legal effect sent by PEC to the applicant's domicilio digitale (CAD art. 3-bis, 6;
    /// DPR 68/2005): answers the provider's ricevuta di accettazione; the ricevuta di avvenuta (or
    /// mancata) consegna comes back later as the case's <c>delivery-receipt</c>.
    /// </summary>
    public const string PecSend = "pec.send";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>
    {
        ProcediMarcheLookup, MPayRequestPayment, SigmaTerVisura, DigiPArchive,
        ProtocolRegister, NotifySupplier, NotifyApplicant, SdiSendOutcome, PecSend,
    };
}

/// <summary>External events a <c>wait</c> step may wait for.</summary>
public static class ExternalEvents
{
    public const string PaymentReceived = "payment-received";
    public const string DocumentsReceived = "documents-received";
    public const string ObservationsReceived = "observations-received";
    public const string SdiNotification = "sdi-notification";
    public const string InvoiceReceived = "invoice-received";

    /// <summary>
    /// The applicant received an act: the PEC ricevuta di avvenuta consegna (DPR 68/2005 art. 6) or a
    /// signed return receipt, with the date terms "dal ricevimento" run from (art. 10-bis L. 241/1990).
    /// Sent by the PEC provider for an act sent with <c>pec.send</c> (<c>delivered: false</c> for a
    /// ricevuta di mancata consegna), or filed at the counter for an act delivered by other means.
    /// </summary>
    public const string DeliveryReceipt = "delivery-receipt";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>
    {
        PaymentReceived, DocumentsReceived, ObservationsReceived, SdiNotification, InvoiceReceived, DeliveryReceipt,
    };

    /// <summary>
    /// What a person may file at the counter: papers the applicant brought or sent. The others come
    /// from a regional system (a pagoPA receipt, an SdI message) and are accepted only from that
    /// system's authenticated endpoint, never typed in by a clerk.
    /// </summary>
    public static IReadOnlySet<string> AtTheCounter { get; } = new HashSet<string> { DocumentsReceived, ObservationsReceived, DeliveryReceipt };
}

/// <summary>The roles a task may be assigned to.</summary>
public static class Roles
{
    public const string Clerk = "clerk";
    public const string Manager = "manager";
    public const string Designer = "designer";
    public const string Auditor = "auditor";

    public static IReadOnlySet<string> All { get; } = new HashSet<string> { Clerk, Manager, Designer, Auditor };
}

/// <summary>The roots an expression may read; some only in one kind of mapping.</summary>
public static class ExpressionRoots
{
    public const string Inputs = "inputs";
    public const string Vars = "vars";
    // Not "case": a reserved word in JavaScript. "Pratica" is what an Italian office calls a case file.
    public const string Case = "pratica";
    public const string Now = "now";
    public const string Result = "result";
    public const string Event = "event";
    public const string Form = "form";
}
