using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Expected;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// The intake the SUAP and SUE definitions share: the catalogue gives the fee, the protocol
/// registers the application, a notice goes to the applicant, then a parallel block runs the
/// visura (SigmaTER, a manual task when it is down) beside the fees (an MPay avviso, its receipt
/// or a reminder) and joins on the office's first task. What differs per definition (names,
/// numbers, what the systems answer) is each builder's data.
/// </summary>
public abstract class Sportello<TSelf>(
    WorkflowDefinition definition, string caseId, DateTimeOffset openedAt, Desk desk, IntakeSteps steps, CatalogueEntry catalogue,
    string protocolNumber, string pecMessageId, CadastralUnit unit, Fees fees, string documentType, object filing)
    : Pratica<TSelf>(definition, caseId, openedAt)
    where TSelf : Sportello<TSelf>
{
    /// <summary>SUAP or SUE: the office of every task.</summary>
    public string Office => desk.Office;

    /// <summary>Where the desk files its registrations and preserved documents in the titolario dei Comuni: SUE VI.3, SUAP VIII.4.</summary>
    public string Classification => desk.Office == "SUE" ? "VI.3" : "VIII.4";

    /// <summary>The user who files the application and does the manual visura.</summary>
    public Actor FrontDesk => desk.FrontDesk;

    /// <summary>The call that tells the applicant the case started, after which the checks fork.</summary>
    public string NoticeStep => steps.Notice;

    /// <summary>The task the checks join on.</summary>
    public string JoinTask => steps.JoinTask;

    public string VisuraBranch => desk.VisuraBranch;

    public int Fee => catalogue.Fee;

    public string ProtocolNumber => protocolNumber;

    /// <summary>The signed application DigiP keeps.</summary>
    public object Filing => filing;

    /// <summary>What ProcediMarche answers: the procedure and its fee.</summary>
    public object Catalogue(int fee)
    {
        var fees = new JsonObject { [catalogue.FeeKind] = fee };
        var entry = new JsonObject { ["code"] = catalogue.Code, ["title"] = catalogue.Title, ["fees"] = fees };
        if (catalogue.SilenzioAssenso is { } silence) entry["silenzioAssenso"] = silence;
        return entry;
    }

    public object Protocol => new { number = protocolNumber, date = "2026-03-02", aoo = "H769-AOO1" };

    /// <summary>What the PEC gateway answers for a notice that was delivered.</summary>
    public object Delivered => new { messageId = pecMessageId, status = "consegnato" };

    /// <summary>The act a <c>pec.send</c> step attached, as the provider's answer names it.</summary>
    public static object PecAct => new { name = "atto.txt", sha256 = "3c1b2a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b", mediaType = "text/plain", size = 412 };

    /// <summary>What the PEC provider answers for an act it accepted: its message id and the ricevuta di accettazione.</summary>
    public object PecAccepted => new { channel = "pec", messageId = pecMessageId, acceptedAt = "2026-03-11T16:00:05+01:00", document = PecAct };

    /// <summary>SigmaTER's visura of the parcel: the applicant owns it outright.</summary>
    public object Visura => new
    {
        categoria = unit.Categoria, classe = unit.Classe, consistenza = unit.Consistenza, rendita = unit.Rendita,
        intestati = new[] { new { fiscalCode = "RSSMRA45D25F205N", diritto = "Proprietà per 1/1" } },
    };

    /// <summary>
    /// The avviso MPay issues for the fee; its IUV is the notice number without the aux digit; due on 1 April 2026; the ente
    /// creditore is San Benedetto del Tronto, CF 00360140446.
    /// </summary>
    public object Avviso => new { noticeNumber = fees.NoticeNumber, iuv = fees.NoticeNumber[1..], amount = Fee, dueDate = AvvisoDue, creditorFiscalCode = CreditorFiscalCode };

    public const string AvvisoDue = "2026-04-01";

    public const string CreditorFiscalCode = "00360140446";

    /// <summary>When the receipt says the avviso was paid, as the case keeps it.</summary>
    public string PaidAt => fees.PaidAt;

    public object Receipt => new { paidAt = fees.PaidAt, noticeNumber = fees.NoticeNumber, iuv = fees.NoticeNumber[1..], amount = Fee, psp = fees.Psp };

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    /// <summary>ProcediMarche answers with the procedure and its fee.</summary>
    public TSelf Catalogued(int? fee = null) => Answered("catalogue", Catalogue(fee ?? Fee));

    public TSelf ThroughProtocol() => Answered("protocol", Protocol);

    /// <summary>The notice that starts the checks is delivered.</summary>
    public TSelf NoticeDelivered() => Answered(NoticeStep, Delivered);

    /// <summary>A call to the applicant is delivered.</summary>
    public TSelf Delivers(string step) => Answered(step, Delivered);

    /// <summary>The PEC provider accepts the act a <c>pec.send</c> step sent.</summary>
    public TSelf PecAccepts(string step) => Answered(step, PecAccepted);

    public TSelf VisuraArrives() => Answered("visura", Visura);

    /// <summary>MPay issues the avviso: the notice that tells the payer how to pay it is sent.</summary>
    public TSelf AvvisoRequested() => Answered("request-payment", Avviso);

    /// <summary>MPay issues the avviso and its notice reaches the payer: the fees branch waits for the receipt.</summary>
    public TSelf AvvisoIssued() => AvvisoRequested().Answered("avviso-pagopa", Delivered);

    public TSelf PaymentReceived() => Received("payment-received", Receipt);

    /// <summary>The office does the visura by hand, from the land registry's own service.</summary>
    public TSelf ManualVisura(object form) => Completed("manual-visura", "done", form, FrontDesk);

    /// <summary>The act a step registers gets its protocol number, dated today.</summary>
    public TSelf ActRegistered(string step, string number) => Answered(step, new { number, date = Now.ToString("yyyy-MM-dd") });

    public TSelf ArchivedAs(string step, string id) => Answered(step, new { id });

    /// <summary>The act with legal effect a <c>pec.send</c> step sent is accepted, then delivered at once: the case goes on to archive it.</summary>
    public TSelf ActDelivered(string step) => PecAccepts(step).Received("delivery-receipt", ActReceipt(Now));

    /// <summary>The provider's ricevuta di avvenuta consegna of a final act, delivered at <paramref name="at"/>, with its daticert.</summary>
    public static object ActReceipt(DateTimeOffset at) => new
    {
        delivered = true,
        receivedAt = at.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        messageId = $"opec21.{at:yyyyMMddHHmmss}.atto@pec.aruba.it",
        document = Document("daticert.xml", "9f2c6a1e0b7d4c3f8a5e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a", 2_114, "application/xml"),
    };

    /// <summary>A receipt as an archive step passes it to DigiP: its file, its own message id and the moment it was delivered.</summary>
    public static JsonObject ReceiptKept(object receipt)
    {
        var r = Obj(receipt);
        return new JsonObject
        {
            ["name"] = r["document"]!["name"]!.DeepClone(),
            ["sha256"] = r["document"]!["sha256"]!.DeepClone(),
            ["mediaType"] = r["document"]!["mediaType"]!.DeepClone(),
            ["identifier"] = r["messageId"]!.DeepClone(),
            ["date"] = r["receivedAt"]!.DeepClone(),
            ["documentType"] = "Ricevuta di avvenuta consegna PEC (DPR 68/2005 art. 6)",
        };
    }

    // ── Expected events ─────────────────────────────────────────────────────────────────

    public object[] CatalogueRead(int fee) =>
        Read("catalogue", "procedimarche.lookup", Catalogue(fee),
            catalogue.SilenzioAssenso is { } silence ? new { fee, silenzioAssenso = silence } : new { fee });

    public object[] ProtocolRead() =>
        Read("protocol", "protocol.register", Protocol, new { protocolNumber = ProtocolNumber, protocolDate = "2026-03-02" });

    /// <summary>The incoming application is registered, sent by the applicant.</summary>
    public object[] Registers(string subject, DateTimeOffset at) =>
        Calls("protocol", "protocol.register", new { direction = "incoming", classification = Classification, sender = MarioRossi, subject, document = Filing }, at);

    public static JsonObject Notice(string template, string subject, object? more = null)
    {
        var notice = Obj(new { to = MarioRossi, template, subject });
        if (more is not null)
            foreach (var (name, value) in Obj(more)) notice[name] = value?.DeepClone();
        return notice;
    }

    /// <summary>The flow enters a call that notifies the applicant.</summary>
    public object[] Notifies(string step, string template, string subject, DateTimeOffset at, object? more = null, string token = "main") =>
        Calls(step, "notify.applicant", Notice(template, subject, more), at, token);

    public IntegrationSucceeded NoticeSent(string step, string token = "main") => Succeeded(step, "notify.applicant", Delivered, token);

    /// <summary>The flow enters a call that sends an act by PEC to the applicant's domicilio digitale, with its registration.</summary>
    public object[] SendsByPec(string step, string template, string subject, DateTimeOffset at, object more) =>
        Calls(step, "pec.send", Notice(template, subject, more), at);

    /// <summary>The provider accepted the act: its message id and the act attached are kept.</summary>
    public object[] PecSent(string step) =>
        Read(step, "pec.send", PecAccepted, new { preavvisoMessageId = pecMessageId, preavvisoDocument = PecAct });

    /// <summary>The provider accepted a final act: its message id and the act attached are kept, and the case waits ten days for its receipt.</summary>
    public object[] ActPecSent(string step, DateTimeOffset receiptBy) =>
    [
        .. Read(step, "pec.send", PecAccepted, new { actMessageId = pecMessageId, actDocument = PecAct }),
        .. Waits("await-act-receipt", "delivery-receipt", receiptBy),
    ];

    /// <summary>The final act's receipt arrives: recorded, it was delivered, and the case goes on to <paramref name="next"/>.</summary>
    public static object[] ActReceiptArrives(object receipt, string next) =>
    [
        .. Arrives("await-act-receipt", "delivery-receipt", receipt, new { actReceipt = receipt }),
        new StepEntered("act-delivered", "decision", "main", 1),
        new DecisionTaken("act-delivered", "main", "otherwise", next),
    ];

    /// <summary>An outgoing act (provvedimento, diniego, divieto) is registered for the applicant.</summary>
    public object[] RegistersAct(string step, string subject, DateTimeOffset at, object? more = null)
    {
        var act = Obj(new { direction = "outgoing", classification = Classification, recipient = MarioRossi, subject });
        if (more is not null)
            foreach (var (name, value) in Obj(more)) act[name] = value?.DeepClone();
        return Calls(step, "protocol.register", act, at);
    }

    /// <summary>
    /// The act's number is kept, and its date where the definition keeps it too (<paramref name="dated"/>), and the
    /// document type it is preserved under where the definition names it (<paramref name="type"/>).
    /// </summary>
    public object[] ActRead(string step, string number, string date, bool dated = false, string? type = null, string? outcome = null)
    {
        var variables = Obj(type is not null ? new { actNumber = number, actDate = date, actType = type }
            : dated ? new { actNumber = number, actDate = date } : new { actNumber = number });
        if (outcome is not null) variables["actOutcome"] = outcome; // where the act goes once delivered
        return Read(step, "protocol.register", new { number, date }, variables);
    }

    /// <summary>An act as the archive step passes it to DigiP: its own outgoing registration and its document type.</summary>
    public static JsonObject Act(string number, string date, string type) =>
        Obj(new { protocolNumber = number, protocolDate = date, documentType = type });

    /// <summary>
    /// The flow enters an archive step: DigiP is asked to keep the application, and the acts and the attachments
    /// (receipts, SdI's messages) with their own registration data, where the step names them.
    /// </summary>
    public object[] Archives(string step, DateTimeOffset at, JsonArray? acts = null, JsonArray? attachments = null)
    {
        var input = Obj(new { protocolNumber = ProtocolNumber, protocolDate = "2026-03-02", classification = Classification, documentType = documentType, document = Filing });
        if (acts is not null) input["acts"] = acts;
        if (attachments is not null) input["attachments"] = attachments;
        return Calls(step, "digip.archive", input, at);
    }

    /// <summary>A notice is delivered and the flow goes on to archive the application.</summary>
    public object[] DeliveredThenArchives(string step, string archive, DateTimeOffset at, JsonArray? acts = null, JsonArray? attachments = null) =>
        [NoticeSent(step), .. Archives(archive, at, acts, attachments)];

    /// <summary>The notice is delivered, and the checks fork: the visura beside the fees.</summary>
    public object[] ChecksFork(DateTimeOffset at) =>
    [
        NoticeSent(NoticeStep),
        new StepEntered("checks", "parallel", "main", 1),
        new BranchesForked("checks", "main", JoinTask, [VisuraBranch, "checks/needs-fee"]),
        .. desk.DecidesOnParcel
            ? new object[]
            {
                new StepEntered("has-parcel", "decision", VisuraBranch, 1),
                new DecisionTaken("has-parcel", VisuraBranch, "inputs.parcel != null", "visura"),
            }
            : [],
        .. Calls("visura", "sigmater.visura", new { parcel = Parcel, catasto = "fabbricati" }, at, VisuraBranch),
        new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
        new DecisionTaken("needs-fee", "checks/needs-fee", "vars.fee > 0", "request-payment"),
        .. Calls("request-payment", "mpay.request-payment", new { payer = MarioRossi, amount = Fee, description = fees.Description }, at, "checks/needs-fee"),
    ];

    public object[] VisuraRead() =>
    [
        .. Read("visura", "sigmater.visura", Visura, new { cadastre = Visura }, VisuraBranch),
        new BranchFinished("checks", VisuraBranch, JoinTask),
    ];

    /// <summary>
    /// MPay issues the avviso and the payer is sent what pays it: the codice avviso, the ente creditore's codice fiscale,
    /// the amount in euro and the due date, each under its label.
    /// </summary>
    public object[] AvvisoRead(DateTimeOffset at) =>
    [
        .. Read("request-payment", "mpay.request-payment", Avviso,
            new { noticeNumber = fees.NoticeNumber, noticeAmount = Fee, noticeDueDate = AvvisoDue, creditorFiscalCode = CreditorFiscalCode }, "checks/needs-fee"),
        .. Notifies("avviso-pagopa", "avviso-pagopa", "Avviso di pagamento pagoPA: " + fees.Description, at, new
        {
            noticeNumber = fees.NoticeNumber,
            creditorFiscalCode = CreditorFiscalCode,
            amount = $"€ {Fee / 100},{Fee % 100:00}",
            dueDate = "01/04/2026",
        }, "checks/needs-fee"),
    ];

    /// <summary>The avviso's notice is sent and the fees branch waits for its receipt until <paramref name="payBy"/>.</summary>
    public object[] AvvisoSent(DateTimeOffset payBy) =>
    [
        NoticeSent("avviso-pagopa", "checks/needs-fee"),
        .. Waits("await-payment", "payment-received", payBy, "checks/needs-fee"),
    ];

    /// <summary>The receipt ends the fees branch and, with the visura in, the office's task opens.</summary>
    public object[] Paid(DateTimeOffset taskDue) =>
    [
        new ExternalEventReceived("await-payment", "checks/needs-fee", "payment-received", Obj(Receipt)),
        new VariablesSet("await-payment", Obj(new { paidAt = fees.PaidAt })),
        .. Joins(taskDue),
    ];

    /// <summary>The fees branch finishes, the checks join and the office's task opens.</summary>
    public object[] Joins(DateTimeOffset taskDue) =>
    [
        new BranchFinished("checks", "checks/needs-fee", JoinTask),
        new BranchesJoined("checks", "main", JoinTask),
        .. Assigns(JoinTask, "clerk", Office, steps.JoinOutcomes, taskDue),
    ];

    /// <summary>No receipt by the avviso's term: a reminder goes out on the fees branch.</summary>
    public object[] Reminds(string subject, DateTimeOffset at) =>
    [
        new WaitTimedOut("await-payment", "checks/needs-fee", "payment-received"),
        .. Notifies("payment-reminder", "payment-reminder", subject, at, token: "checks/needs-fee"),
    ];

    /// <summary>SigmaTER fails for good (the last attempt): the visura becomes a task of the office.</summary>
    public object[] VisuraGoesManual(string error, DateTimeOffset due, int attempt = 1) =>
    [
        new IntegrationFailed("visura", VisuraBranch, "sigmater.visura", attempt, error, false),
        .. Assigns("manual-visura", "clerk", Office, ["done"], due, VisuraBranch),
    ];

    public object[] ManualVisuraDone(object form) =>
    [
        .. Done("manual-visura", "done", form, FrontDesk, form, VisuraBranch),
        new BranchFinished("checks", VisuraBranch, JoinTask),
    ];
}

/// <summary>SUAP and SUE run their front desks alike but for who files and how the visura branch starts.</summary>
public sealed record Desk(string Office, Actor FrontDesk, string VisuraBranch, bool DecidesOnParcel)
{
    /// <summary>The SUAP's visura branch first decides whether the application names a parcel.</summary>
    public static readonly Desk Suap = new("SUAP", SportelloSuap, "checks/has-parcel", true);

    public static readonly Desk Sue = new("SUE", IstruttoreSue, "checks/visura", false);
}

/// <summary>The steps of the intake that each definition names its own way.</summary>
public sealed record IntakeSteps(string Notice, string JoinTask, string[] JoinOutcomes);

/// <summary>The procedure's entry in ProcediMarche: its fee is <c>fees.{FeeKind}</c>, in euro cents.</summary>
/// <summary><c>SilenzioAssenso</c>: the entry's flag (L. 241/1990 art. 20 c.4), for the definitions that read it.</summary>
public sealed record CatalogueEntry(string Code, string Title, string FeeKind, int Fee, bool? SilenzioAssenso = null);

/// <summary>The cadastral unit SigmaTER describes.</summary>
public sealed record CadastralUnit(string Categoria, string Classe, string Consistenza, string Rendita);

/// <summary>The MPay avviso for the fee, what it is for, and when and through which PSP it was paid.</summary>
public sealed record Fees(string NoticeNumber, string Description, string PaidAt, string Psp);
