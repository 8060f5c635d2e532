using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Inputs;

namespace Sys2.Workflows.Runtime;

// An operator's ways out of an incident besides a plain retry. A correction sets one declared variable by hand, with
// a reason; it moves no flow: the step that failed on the wrong value is retried afterwards, as its own command, so
// the retry's dry run sees the new value. The failure path goes where the definition sends a failed call (a clerk's
// manual task, typically), as if the call had failed for good.
internal sealed partial class CaseRun
{
    public DomainError? Correct(CorrectVariable t)
    {
        if (string.IsNullOrWhiteSpace(t.Reason))
            return new DomainError("reason-required", "a correction states its reason: the audit trail keeps it");
        if (!definition.Variables.TryGetValue(t.Name, out var spec))
            return new DomainError("unknown-variable", $"'{t.Name}' is not a variable of {definition.Id} (variables: {string.Join(", ", definition.Variables.Keys)})");
        var errors = InputCheck.CheckVariable(spec, t.Value);
        if (errors.Count > 0)
            return new DomainError("invalid-value", string.Join("; ", errors.SelectMany(e => e.Value)));
        Emit(new VariableCorrected(t.Name, t.Value?.DeepClone(), state.Variables.GetValueOrDefault(t.Name)?.DeepClone(), t.Reason.Trim(), t.By.User));
        return null;
    }

    public DomainError? FailurePath(TakeFailurePath t)
    {
        var token = state.TokensAt(t.Step).FirstOrDefault(x => x.Bookmark is IncidentBookmark);
        if (token is null)
            return new DomainError("no-incident", $"step '{t.Step}' has no open incident");
        if (definition.Step(t.Step) is not CallStep { OnFailure: { } onFailure })
            return new DomainError("no-failure-path", $"step '{t.Step}' declares no path for a failure (onFailure): retry it, or correct its data first");
        Emit(new IncidentResolved(t.Step, token.Id, $"failure path: {onFailure.Name}", t.By.User));
        MoveTo(token.Id, onFailure.Name);
        return null;
    }
}
