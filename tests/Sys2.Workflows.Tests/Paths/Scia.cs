using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// A SCIA for a neighbourhood food shop (workflows/suap/scia.yaml), filed at the SUAP on Monday
/// 2 March 2026 at 9:00. The 60-day control term starts when it is registered: 2 March + 60 =
/// Friday 1 May, Festa dei lavoratori, so it ends on Saturday 2 May at 23:59:59 CEST.
/// </summary>
public sealed class Scia() : Sportello<Scia>(
    Shipped, "SUAP-H769-2026-0000015", Filed, Desk.Suap, new("receipt", "control-review", ControlOutcomes),
    new("SUAP-SCIA", "SCIA – esercizio di vicinato", "istruttoria", 3000), "0000044", "PEC-20260302-001044",
    new("C/1", "5", "85 m²", "2.107,14"), new("302000000001234559", "Diritti SUAP – SCIA prot. 0000044", "2026-03-04T11:48:03+01:00", "Intesa Sanpaolo"),
    "SCIA", Segnalazione)
{
    private static readonly WorkflowDefinition Shipped = TestDefinitions.Shipped("suap/scia.yaml");

    public const string Activity = "apertura di un esercizio di vicinato del settore alimentare";
    public const string ControlBasis = "L. 241/1990 art. 19 c.3; DPR 160/2010 art. 5";

    public static readonly DateTimeOffset Filed = Winter(2026, 3, 2, 9, 0);
    public static readonly DateTimeOffset Checked = Winter(2026, 3, 2, 10, 0);
    public static readonly DateTimeOffset PaidOn = Winter(2026, 3, 4, 12, 0);
    public static readonly DateTimeOffset ControlDue = EndOfSummerDay(2026, 5, 2);
    /// <summary>60 days from 2 March end on Friday 1 May, a holiday: art. 2963 c.c. moves the expiry to Saturday 2 May.</summary>
    public static readonly DateOnly ControlShiftedFrom = new(2026, 5, 1);

    public static readonly object Segnalazione = Document("scia-esercizio-vicinato.pdf.p7m",
        "f313d7005e1f24d2b038b09114879d8d1d57991602eabff7cbad62ce495250ed", 356_902);

    public static readonly object Inputs = new { applicant = MarioRossi, activity = Activity, segnalazione = Segnalazione, parcel = Parcel, catasto = "fabbricati" };

    public static readonly string[] ControlOutcomes = ["compliant", "order-compliance", "prohibit"];

    // ── Openers ─────────────────────────────────────────────────────────────────────────

    /// <summary>Filed at the front desk: the catalogue is asked for the fee.</summary>
    public static Scia Submitted() => new Scia().Opened(Inputs, SportelloSuap);

    /// <summary>Catalogued and registered: the formal check is open.</summary>
    public static Scia Registered() => Submitted().Catalogued().ThroughProtocol();

    /// <summary>Formally complete at 10:00, receipt sent, visura and fees running.</summary>
    public static Scia Receivable() => Registered().At(Checked).FormalCheck("complete", new { }).NoticeDelivered();

    /// <summary>Visura done, fees paid on Wednesday 4 March: the control is open, due 4 March + 45 = Saturday 18 April.</summary>
    public static Scia AtControl()
    {
        var scia = Receivable().VisuraArrives().AvvisoIssued().At(PaidOn).PaymentReceived();
        scia.OpenTasks().ShouldBe(["control-review"]);
        return scia;
    }

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    public Scia FormalCheck(string outcome, object form) => Completed("formal-check", outcome, form, SportelloSuap);

    public Scia ControlReview(string outcome, object form) => Completed("control-review", outcome, form, IstruttoreSuap);
}
