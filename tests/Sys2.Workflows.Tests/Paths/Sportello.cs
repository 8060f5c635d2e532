using System.Text.Json.Nodes;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
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
public abstract class Sportello<TSelf>(WorkflowDefinition definition, string caseId, DateTimeOffset openedAt)
    : Pratica<TSelf>(definition, caseId, openedAt)
    where TSelf : Sportello<TSelf>
{
    /// <summary>SUAP or SUE: the office of every task.</summary>
    public abstract string Office { get; }

    /// <summary>The user who files the application and does the manual visura.</summary>
    public abstract Actor FrontDesk { get; }

    /// <summary>The call that tells the applicant the case started, after which the checks fork.</summary>
    public abstract string NoticeStep { get; }

    /// <summary>The task the checks join on, and its outcomes.</summary>
    public abstract string JoinTask { get; }

    public abstract string[] JoinOutcomes { get; }

    /// <summary>The visura's branch; SUAP's starts with a decision on whether there is a parcel.</summary>
    public abstract string VisuraBranch { get; }

    protected abstract bool DecidesOnParcel { get; }

    public abstract object Catalogue(int fee);

    public abstract int Fee { get; }

    public abstract string ProtocolNumber { get; }

    public abstract object Protocol { get; }

    /// <summary>What the PEC gateway answers for a notice that was delivered.</summary>
    public abstract object Delivered { get; }

    public abstract object Visura { get; }

    public abstract string NoticeNumber { get; }

    public abstract object Avviso { get; }

    public abstract object Receipt { get; }

    protected abstract string PaidAt { get; }

    protected abstract string PaymentDescription { get; }

    /// <summary>The document kind and the signed file DigiP keeps.</summary>
    protected abstract string DocumentType { get; }

    public abstract object Filing { get; }

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    /// <summary>ProcediMarche answers with the procedure and its fee.</summary>
    public TSelf Catalogued(int? fee = null) => Answered("catalogue", Catalogue(fee ?? Fee));

    public TSelf ThroughProtocol() => Answered("protocol", Protocol);

    /// <summary>The notice that starts the checks is delivered.</summary>
    public TSelf NoticeDelivered() => Answered(NoticeStep, Delivered);

    /// <summary>A call to the applicant is delivered.</summary>
    public TSelf Delivers(string step) => Answered(step, Delivered);

    public TSelf VisuraArrives() => Answered("visura", Visura);

    public TSelf AvvisoIssued() => Answered("request-payment", Avviso);

    public TSelf PaymentReceived() => Received("payment-received", Receipt);

    /// <summary>The office does the visura by hand, from the land registry's own service.</summary>
    public TSelf ManualVisura(object form) => Completed("manual-visura", "done", form, FrontDesk);

    /// <summary>The act a step registers gets its protocol number, dated today.</summary>
    public TSelf ActRegistered(string step, string number) => Answered(step, new { number, date = Now.ToString("yyyy-MM-dd") });

    public TSelf ArchivedAs(string step, string id) => Answered(step, new { id });

    // ── Expected events ─────────────────────────────────────────────────────────────────

    public object[] CatalogueRead(int fee) =>
        Read("catalogue", "procedimarche.lookup", Catalogue(fee), new { fee });

    public object[] ProtocolRead() =>
        Read("protocol", "protocol.register", Protocol, new { protocolNumber = ProtocolNumber, protocolDate = "2026-03-02" });

    /// <summary>The incoming application is registered, sent by the applicant.</summary>
    public object[] Registers(string subject, DateTimeOffset at) =>
        Calls("protocol", "protocol.register", new { direction = "incoming", sender = MarioRossi, subject, document = Filing }, at);

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

    /// <summary>An outgoing act (provvedimento, diniego, divieto) is registered for the applicant.</summary>
    public object[] RegistersAct(string step, string subject, DateTimeOffset at, object? more = null)
    {
        var act = Obj(new { direction = "outgoing", recipient = MarioRossi, subject });
        if (more is not null)
            foreach (var (name, value) in Obj(more)) act[name] = value?.DeepClone();
        return Calls(step, "protocol.register", act, at);
    }

    public object[] ActRead(string step, string number, string date) =>
        Read(step, "protocol.register", new { number, date }, new { actNumber = number });

    /// <summary>The flow enters an archive step: DigiP is asked to keep the application.</summary>
    public object[] Archives(string step, DateTimeOffset at) =>
        Calls(step, "digip.archive", new { protocolNumber = ProtocolNumber, documentType = DocumentType, document = Filing }, at);

    /// <summary>A notice is delivered and the flow goes on to archive the application.</summary>
    public object[] DeliveredThenArchives(string step, string archive, DateTimeOffset at) =>
        [NoticeSent(step), .. Archives(archive, at)];

    /// <summary>The notice is delivered, and the checks fork: the visura beside the fees.</summary>
    public object[] ChecksFork(DateTimeOffset at) =>
    [
        NoticeSent(NoticeStep),
        new StepEntered("checks", "parallel", "main", 1),
        new BranchesForked("checks", "main", JoinTask, [VisuraBranch, "checks/needs-fee"]),
        .. DecidesOnParcel
            ? new object[]
            {
                new StepEntered("has-parcel", "decision", VisuraBranch, 1),
                new DecisionTaken("has-parcel", VisuraBranch, "inputs.parcel != null", "visura"),
            }
            : [],
        .. Calls("visura", "sigmater.visura", new { parcel = Parcel }, at, VisuraBranch),
        new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
        new DecisionTaken("needs-fee", "checks/needs-fee", "vars.fee > 0", "request-payment"),
        .. Calls("request-payment", "mpay.request-payment", new { payer = MarioRossi, amount = Fee, description = PaymentDescription }, at, "checks/needs-fee"),
    ];

    public object[] VisuraRead() =>
    [
        .. Read("visura", "sigmater.visura", Visura, new { cadastre = Visura }, VisuraBranch),
        new BranchFinished("checks", VisuraBranch, JoinTask),
    ];

    /// <summary>MPay issues the avviso and the fees branch waits for its receipt until <paramref name="payBy"/>.</summary>
    public object[] AvvisoRead(DateTimeOffset payBy) =>
    [
        .. Read("request-payment", "mpay.request-payment", Avviso, new { noticeNumber = NoticeNumber }, "checks/needs-fee"),
        .. Waits("await-payment", "payment-received", payBy, "checks/needs-fee"),
    ];

    /// <summary>The receipt ends the fees branch and, with the visura in, the office's task opens.</summary>
    public object[] Paid(DateTimeOffset taskDue) =>
    [
        new ExternalEventReceived("await-payment", "checks/needs-fee", "payment-received", Obj(Receipt)),
        new VariablesSet("await-payment", Obj(new { paidAt = PaidAt })),
        .. Joins(taskDue),
    ];

    /// <summary>The fees branch finishes, the checks join and the office's task opens.</summary>
    public object[] Joins(DateTimeOffset taskDue) =>
    [
        new BranchFinished("checks", "checks/needs-fee", JoinTask),
        new BranchesJoined("checks", "main", JoinTask),
        .. Assigns(JoinTask, "clerk", Office, JoinOutcomes, taskDue),
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
