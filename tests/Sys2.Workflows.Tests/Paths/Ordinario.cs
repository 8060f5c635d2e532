using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// An application to the SUAP for an artisan pastry workshop (workflows/suap/ordinario.yaml),
/// filed on Monday 2 March 2026 at 9:00. When it is registered the 30 days for integrations start
/// (DPR 160/2010 art. 7 c.1): 2 March + 30 = Wednesday 1 April, 23:59:59 CEST; the 30-day decision
/// term runs after them (c.2): 1 April + 30 = Friday 1 May, a holiday, so Saturday 2 May.
/// Calendar (2026): Easter Monday 6 April, 25 April is a Saturday, 1 May a Friday; summer time
/// from Sunday 29 March.
/// </summary>
public sealed class Ordinario(WorkflowDefinition definition) : Sportello<Ordinario>(
    definition, "SUAP-H769-2026-0000001", Filed, Desk.Suap, new("start-notice", "review", ReviewOutcomes),
    new("SUAP-ORD", "Procedimento ordinario SUAP", "istruttoria", 5000, SilenzioAssenso: true), "0000042", "PEC-20260302-000917",
    new("C/3", "2", "68 m²", "326,34"), new("302000000001234559", "Diritti istruttoria SUAP – prot. 0000042", "2026-03-03T10:12:41+01:00", "Poste Italiane"),
    "SUAP-ORD", Application)
{
    private static readonly WorkflowDefinition Shipped = TestDefinitions.Shipped("suap/ordinario.yaml");

    public Ordinario() : this(Shipped) { }

    public const string Activity = "apertura di un laboratorio di pasticceria artigianale";
    public const string DecisionBasis = "DPR 160/2010 art. 7 c.2; L. 241/1990 art. 2 c.2";
    public const string IntegrationsBasis = "DPR 160/2010 art. 7 c.1";
    /// <summary>Integrations asked within 30 days of receipt leave the file incomplete: no decision term runs on it (art. 7 c.1-2).</summary>
    public const string IntegrationInterruptionBasis = "DPR 160/2010 art. 7 c.1-2";

    public static readonly DateTimeOffset Filed = Winter(2026, 3, 2, 9, 0);
    public static readonly DateTimeOffset VisuraOn = Winter(2026, 3, 2, 9, 5);
    public static readonly DateTimeOffset PaidOn = Winter(2026, 3, 3, 10, 15);
    public static readonly DateTimeOffset IntegrationsEnd = EndOfSummerDay(2026, 4, 1);
    public static readonly DateTimeOffset DecisionDue = EndOfSummerDay(2026, 5, 2);
    public static readonly DateOnly DecisionShiftedFrom = new(2026, 5, 1);

    public static readonly object Application = Document("istanza-suap.pdf.p7m",
        "fca046662d47b2ea377054e882f3e100e7b54b17ec4d9832d63aa3654aaaa31e", 482_133);

    public static readonly object Inputs = new { applicant = MarioRossi, activity = Activity, application = Application, parcel = Parcel, catasto = "fabbricati" };

    public static readonly string[] ReviewOutcomes = ["approve", "request-integration", "reject"];

    // ── Openers ─────────────────────────────────────────────────────────────────────────

    public static Ordinario Submitted(object? inputs = null) => new Ordinario().Opened(inputs ?? Inputs, SportelloSuap);

    /// <summary>Catalogued with <paramref name="fee"/> and registered: the start notice is on its way.</summary>
    public static Ordinario Registered(object? inputs = null, int fee = 5000) => Submitted(inputs).Catalogued(fee).ThroughProtocol();

    /// <summary>Registered and notified: visura and fees running.</summary>
    public static Ordinario Started() => Registered().NoticeDelivered();

    /// <summary>Visura done at 9:05, fees paid on Tuesday 3 March at 10:15: the review is open.</summary>
    public static Ordinario AtReview()
    {
        var ordinario = Started().At(VisuraOn).VisuraArrives().AvvisoIssued().At(PaidOn).PaymentReceived();
        ordinario.OpenTasks().ShouldBe(["review"]);
        return ordinario;
    }

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    public Ordinario Review(string outcome, object form) => Completed("review", outcome, form, IstruttoreSuap);
}
