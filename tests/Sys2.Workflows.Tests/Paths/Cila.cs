using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// A CILA for interior works (workflows/sue/cila.yaml), filed at the SUE on Monday 2 March 2026
/// at 9:00. A CILA is a communication: the office has no legal term and its silence has no
/// effect, so no clock ever runs; only the tasks' internal due dates and the 30 days given for
/// the integration (end of the 30th day, past Sundays and holidays).
/// </summary>
public sealed class Cila() : Sportello<Cila>(
    Shipped, "SUE-H769-2026-0000007", Filed, Desk.Sue, new("receipt", "formal-check", CheckOutcomes),
    new("SUE-CILA", "CILA", "segreteria", 5165), "0000061", "PEC-20260302-002061",
    new("A/2", "3", "6 vani", "604,25"), new("302000000001234660", "Diritti di segreteria CILA – prot. 0000061", "2026-03-04T09:12:00+01:00", "UniCredit"),
    "SUE-CILA", Communication)
{
    private static readonly WorkflowDefinition Shipped = TestDefinitions.Shipped("sue/cila.yaml");

    public const string Intervention = "rifacimento del bagno e spostamento di tramezzi interni";

    public static readonly DateTimeOffset Filed = Winter(2026, 3, 2, 9, 0);
    public static readonly DateTimeOffset PaidOn = Winter(2026, 3, 4, 9, 30);

    public static readonly object Communication = Document("cila-asseverata.pdf.p7m",
        "52474b834b6b26b8843166c801c27b408ea45898929b2f872bcf01957065635d", 2_318_450);

    public static readonly object Inputs = new
    {
        applicant = MarioRossi, technician = GiuseppeVerdi, intervention = Intervention, communication = Communication, parcel = Parcel, catasto = "fabbricati",
    };

    public static readonly string[] CheckOutcomes = ["complete", "request-integration", "not-cila"];

    // ── Openers ─────────────────────────────────────────────────────────────────────────

    public static Cila Submitted() => new Cila().Opened(Inputs, IstruttoreSue);

    /// <summary>Registered and acknowledged: visura and fees running.</summary>
    public static Cila Acknowledged(int fee = 5165) => Submitted().Catalogued(fee).ThroughProtocol().NoticeDelivered();

    /// <summary>Visura and payment in on Wednesday 4 March: the check is due 4 March + 30 = Friday 3 April.</summary>
    public static Cila AtCheck()
    {
        var cila = Acknowledged().VisuraArrives().AvvisoIssued().At(PaidOn).PaymentReceived();
        cila.OpenTasks().ShouldBe(["formal-check"]);
        return cila;
    }

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    public Cila FormalCheck(string outcome, object form) => Completed("formal-check", outcome, form, IstruttoreSue);

    // ── Expected state ──────────────────────────────────────────────────────────────────

    /// <summary>Closed, and no term ever ran.</summary>
    public override void ShouldBeClosed(string outcome)
    {
        base.ShouldBeClosed(outcome);
        State.Clocks.ShouldBeEmpty();
        History.OfType<DeadlineStarted>().ShouldBeEmpty();
    }
}
