using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// Expected events in the shapes every definition repeats: a call that answers, a task that
/// opens or is completed, a wait, an incident, a clock that runs out, an archive that closes the
/// case. Each returns the exact events, so a test still asserts the whole list.
/// </summary>
public static class Expected
{
    public static IntegrationSucceeded Succeeded(string step, string activity, object result, string token = "main") =>
        new(step, token, activity, 1, Obj(result));

    /// <summary>A step's call answers and its <c>out</c> mapping sets <paramref name="variables"/>.</summary>
    public static object[] Read(string step, string activity, object result, object variables, string token = "main") =>
        [Succeeded(step, activity, result, token), new VariablesSet(step, Obj(variables))];

    /// <summary>The flow enters a task step and assigns it.</summary>
    public static object[] Assigns(string step, string role, string office, string[] outcomes, DateTimeOffset due, string token = "main") =>
        [new StepEntered(step, "task", token, 1), new TaskAssigned(step, token, role, office, outcomes, due)];

    /// <summary>The flow enters a wait step and waits for <paramref name="event"/> until <paramref name="timeout"/>.</summary>
    public static object[] Waits(string step, string @event, DateTimeOffset timeout, string token = "main") =>
        [new StepEntered(step, "wait", token, 1), new WaitStarted(step, token, @event, timeout, 1)];

    /// <summary>A task is completed with a form and its <c>out</c> mapping sets <paramref name="variables"/>.</summary>
    public static object[] Done(string step, string outcome, object form, Actor by, object variables, string token = "main") =>
        [new TaskCompleted(step, token, outcome, by.User, by.Role, by.Office, Obj(form)), new VariablesSet(step, Obj(variables))];

    /// <summary>A call fails for good with no <c>onFailure</c>: the case waits for an operator.</summary>
    public static object[] Incident(string step, string activity, string error, string token = "main") =>
        [
            new IntegrationFailed(step, token, activity, 1, error, false),
            new IncidentRaised(step, token, activity, 1, "permanent failure: " + error),
        ];

    /// <summary>A clock runs out while the main token stands at <paramref name="abandoned"/>.</summary>
    public static object[] Expires(string clock, string effect, int generation, string abandoned) =>
        [new DeadlineExpired(clock, effect, generation), new StepAbandoned(abandoned, "main", $"clock '{clock}' expired")];

    /// <summary>DigiP keeps the file under <paramref name="id"/> and the case ends at <paramref name="end"/>.</summary>
    public static object[] Archived(string step, string id, string end, string outcome) =>
        [
            .. Read(step, "digip.archive", new { id }, new { preservationId = id }),
            new StepEntered(end, "end", "main", 1),
            new CaseClosed(outcome, end, null),
        ];

    /// <summary>
    /// A step whose entry also operates a clock (starts, stops, suspends, interrupts it): the
    /// clock's event stands right after the step is entered, before what the step does.
    /// </summary>
    public static object[] OnEntry(object clock, object[] step) => [step[0], clock, .. step[1..]];

    /// <summary>The event a wait step waits for arrives, and its <c>out</c> mapping sets <paramref name="variables"/> if it has one.</summary>
    public static object[] Arrives(string step, string @event, object payload, object? variables = null) =>
        variables is null
            ? [new ExternalEventReceived(step, "main", @event, Obj(payload))]
            : [new ExternalEventReceived(step, "main", @event, Obj(payload)), new VariablesSet(step, Obj(variables))];

    /// <summary>A deadline step resumes a clock (after a suspension or, in full, after an interruption).</summary>
    public static object[] Resumes(string step, string clock, DateTimeOffset due, int generation, string cause) =>
        [new StepEntered(step, "deadline", "main", 1), new DeadlineResumed(clock, due, generation, cause)];

    /// <summary>L. 241/1990 art. 10-bis: the preavviso di rigetto suspends the term while the applicant may answer.</summary>
    public static DeadlineSuspended SuspendedForPreavviso(string clock, TimeSpan remaining, DateTimeOffset resumeBy, int generation) =>
        new(clock, "preavviso", remaining, resumeBy, generation, "L. 241/1990 art. 10-bis");

    /// <summary>
    /// Observations to a preavviso arrive: the term runs again from that day with what was left
    /// (<paramref name="dueAt"/>) and is suspended again on the same ground for ten days (art.
    /// 10-bis, third period, as amended by DL 76/2020), until <paramref name="resumeBy"/>.
    /// </summary>
    public static object[] ObservationsFiled(string wait, string deadlineStep, string text, string clock, DateTimeOffset dueAt,
        int generation, TimeSpan remaining, DateTimeOffset resumeBy) =>
    [
        .. Arrives(wait, "observations-received", new { text }, new { observations = text }),
        .. Resumes(deadlineStep, clock, dueAt, generation, "resumed"),
        SuspendedForPreavviso(clock, remaining, resumeBy, generation + 1),
    ];
}
