namespace Sys2.Workflows.Runtime;

/// <summary>The refusals that several triggers share, worded once.</summary>
internal static class Refusal
{
    public static DomainError CaseNotOpened(Trigger trigger) =>
        new("case-not-opened", $"{trigger.GetType().Name} needs an open case, and this case was never opened");

    public static DomainError CaseClosed(CaseState s) =>
        new("case-closed", $"case {s.CaseId} is closed ({s.Outcome}); nothing can change it any more");

    public static DomainError UnknownClock(string clock, IEnumerable<string> known) =>
        new("unknown-clock", $"there is no clock '{clock}' (clocks: {string.Join(", ", known)})");
}
