using System.Text.Json.Nodes;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// Realistic data shared by the path tests: people with valid fiscal codes, a parcel in San
/// Benedetto del Tronto (belfiore H769), signed documents, and the users of the offices.
/// </summary>
public static class Pratiche
{
    /// <summary>Italian time: CET in winter, CEST from the last Sunday of March (29 March 2026) to the last Sunday of October.</summary>
    public static DateTimeOffset Winter(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(1));

    public static DateTimeOffset Summer(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(2));

    /// <summary>The end of a legal day, as the decider writes it (23:59:59 Italian time).</summary>
    public static DateTimeOffset EndOfWinterDay(int year, int month, int day) => Winter(year, month, day, 23, 59, 59);

    public static DateTimeOffset EndOfSummerDay(int year, int month, int day) => Summer(year, month, day, 23, 59, 59);

    // ── People ──────────────────────────────────────────────────────────────────────────

    /// <summary>The applicant: RSSMRA45D25F205N, born 25 April 1945 in Milan (check character N).</summary>
    public static readonly object MarioRossi = new
    {
        fiscalCode = "RSSMRA45D25F205N", name = "Mario Rossi", email = "mario.rossi@pec.it", phone = "+39 0735 581234",
    };

    /// <summary>The technician who asseverates a CILA: VRDGPP70M15A271P, born 15 August 1970 in Ancona.</summary>
    public static readonly object GiuseppeVerdi = new
    {
        fiscalCode = "VRDGPP70M15A271P", name = "geom. Giuseppe Verdi", email = "giuseppe.verdi@geopec.it", phone = "+39 071 2801122",
    };

    /// <summary>The designer of a permesso di costruire: BNCLRA80A41H769I, born 1 January 1980 in San Benedetto del Tronto.</summary>
    public static readonly object LauraBianchi = new
    {
        fiscalCode = "BNCLRA80A41H769I", name = "arch. Laura Bianchi", email = "laura.bianchi@archiworldpec.it", phone = "+39 0735 592211",
    };

    /// <summary>A supplier: partita IVA 02123450443 (check digit 3), office code 044 (Ascoli Piceno).</summary>
    public static readonly object EdilMarche = new
    {
        fiscalCode = "02123450443", name = "Edil Marche S.r.l.", email = "amministrazione@pec.edilmarche.it", phone = "+39 0735 780900",
    };

    /// <summary>Foglio 12, particella 345, sub 3 of the catasto of San Benedetto del Tronto.</summary>
    public static readonly object Parcel = new { belfiore = "H769", sezione = "", foglio = "12", particella = "345", subalterno = "3" };

    public static object Document(string name, string sha256, long size, string mediaType = "application/pkcs7-mime") =>
        new { name, sha256, mediaType, size };

    // ── Users ───────────────────────────────────────────────────────────────────────────

    public static readonly Actor SportelloSuap = new("chiara.neri", "clerk", "SUAP");
    public static readonly Actor IstruttoreSuap = new("luca.fabbri", "clerk", "SUAP");
    public static readonly Actor ResponsabileSuap = new("paola.marini", "manager", "SUAP");
    public static readonly Actor IstruttoreSue = new("marco.galli", "clerk", "SUE");
    public static readonly Actor DirigenteSue = new("elena.ricci", "manager", "SUE");
    public static readonly Actor SegretarioGenerale = new("stefano.conti", "manager", "Segreteria generale");
    public static readonly Actor Ragioneria = new("sara.moretti", "clerk", "Ragioneria");

    // ── Driving a case ──────────────────────────────────────────────────────────────────

    /// <summary>Opens the case in San Benedetto del Tronto (tenant H769) on version 1 of the definition.</summary>
    public static IReadOnlyList<object> Submit(this CaseScenario scenario, string caseId, object inputs, Actor by) =>
        scenario.When(new OpenCase(caseId, "H769", 1, CaseScenario.Json(inputs), by));

    /// <summary>The pending call of a step answers with <paramref name="result"/>.</summary>
    public static IReadOnlyList<object> Answer(this CaseScenario scenario, string step, object result) =>
        scenario.When(new IntegrationCompleted(step, PendingAttempt(scenario, step), CaseScenario.Json(result)));

    /// <summary>The pending call of a step fails.</summary>
    public static IReadOnlyList<object> Fail(this CaseScenario scenario, string step, string error, bool transient) =>
        scenario.When(new IntegrationErrored(step, PendingAttempt(scenario, step), error, transient));

    public static IReadOnlyList<object> Complete(this CaseScenario scenario, string step, string outcome, object form, Actor by) =>
        scenario.When(new CompleteTask(step, outcome, CaseScenario.Json(form), by));

    public static IReadOnlyList<object> Receive(this CaseScenario scenario, string @event, object payload) =>
        scenario.When(new ReceiveEvent(@event, CaseScenario.Json(payload)));

    /// <summary>A suspended clock reaches its limit (the timer the suspension scheduled fires at <c>ResumeBy</c>).</summary>
    public static IReadOnlyList<object> SuspensionEnds(this CaseScenario scenario, string clock)
    {
        var c = scenario.State.Clocks[clock];
        scenario.At(c.ResumeBy ?? throw new InvalidOperationException($"clock {clock} is not suspended ({c.Status})"));
        return scenario.When(new TimerFired(TimerKind.SuspensionLimit, clock, c.Generation));
    }

    private static int PendingAttempt(CaseScenario scenario, string step)
    {
        var pending = scenario.PendingCalls().ToList();
        return pending.Where(p => p.Step == step).Select(p => p.Call.Attempt).SingleOrDefault() is var attempt and > 0
            ? attempt
            : throw new InvalidOperationException($"no call is pending at '{step}'; pending: {string.Join(", ", pending.Select(p => p.Step))}");
    }

    public static JsonObject Obj(object value) => CaseScenario.Json(value);

    /// <summary>
    /// The call a step requests on its first visit. The idempotency key is case/step/visit, the
    /// same for every attempt, so a retry after a lost answer is recognised by the regional system.
    /// </summary>
    public static IntegrationRequested Requested(
        string caseId, string step, string activity, object input, DateTimeOffset notBefore, string token = "main", int attempt = 1) =>
        new(step, token, activity, attempt, $"{caseId}/{step}/1", Obj(input), notBefore);
}
