using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

// Who holds an open task. A task is assigned to a role of an office (the office's queue); a person of
// that office claims it so that two clerks do not work the same file, and gives it back; a manager moves
// it to another person of the office (an absence, the workload). The engine records who; the host knows
// people and checks that the new holder belongs to the office.
internal sealed partial class CaseRun
{
    public DomainError? Claim(ClaimTask t)
    {
        if (OpenTask(t.Step) is not { } open) return NoOpenTask(t.Step);
        var (token, task) = open;
        if (OfTheOffice(t.Step, task, t.By) is { } outsider) return outsider;
        // Claiming one's own task again (a second tab, a double click with two ids) changes nothing.
        if (string.Equals(task.Assignee, t.By.User, StringComparison.OrdinalIgnoreCase)) return null;
        if (HeldByAnother(t.Step, task, t.By) is { } held) return held;
        Emit(new TaskClaimed(t.Step, token.Id, t.By.User, t.By.Name));
        return null;
    }

    public DomainError? Release(ReleaseTask t)
    {
        if (OpenTask(t.Step) is not { } open) return NoOpenTask(t.Step);
        var (token, task) = open;
        if (!string.Equals(task.Assignee, t.By.User, StringComparison.OrdinalIgnoreCase))
            return new DomainError("task-not-yours",
                task.Assignee is null
                    ? $"task '{t.Step}' is in the queue of the office {task.Office}: nobody holds it, so there is nothing to release"
                    : $"task '{t.Step}' is held by {Holder(task)}; only she can release it (a manager can reassign it)");
        Emit(new TaskReleased(t.Step, token.Id, t.By.User));
        return null;
    }

    public DomainError? Reassign(ReassignTask t)
    {
        if (OpenTask(t.Step) is not { } open) return NoOpenTask(t.Step);
        var (token, task) = open;
        if (!string.Equals(t.By.Role, Roles.Manager, StringComparison.OrdinalIgnoreCase))
            return new DomainError("not-a-manager", $"only a manager reassigns a task; {t.By.User} acts as {t.By.Role}");
        if (string.IsNullOrWhiteSpace(t.To))
            return new DomainError("assignee-required", $"say who takes task '{t.Step}'");
        if (string.IsNullOrWhiteSpace(t.Reason))
            return new DomainError("reason-required", "a reassignment needs a reason for the record (an absence, the workload)");
        if (string.Equals(task.Assignee, t.To, StringComparison.OrdinalIgnoreCase))
            return new DomainError("already-assigned", $"task '{t.Step}' is already held by {Holder(task)}");
        Emit(new TaskReassigned(t.Step, token.Id, task.Assignee, t.To, t.ToName, t.By.User, t.Reason));
        return null;
    }

    public DomainError? Comment(CommentTask t)
    {
        if (OpenTask(t.Step) is not { } open) return NoOpenTask(t.Step);
        var (token, task) = open;
        if (!string.Equals(t.By.Role, Roles.Manager, StringComparison.OrdinalIgnoreCase) && OfTheOffice(t.Step, task, t.By) is { } outsider) return outsider;
        if (string.IsNullOrWhiteSpace(t.Text))
            return new DomainError("comment-empty", $"a note on task '{t.Step}' needs some text");
        Emit(new TaskCommented(t.Step, token.Id, t.By.User, t.By.Name, t.Text.Trim()));
        return null;
    }

    /// <summary>A task another person of the office holds is hers to work: claim, complete are refused for anyone else.</summary>
    private static DomainError? HeldByAnother(string step, TaskBookmark task, Actor by) =>
        task.Assignee is { } holder && !string.Equals(holder, by.User, StringComparison.OrdinalIgnoreCase)
            ? new DomainError("task-held-by-another", $"task '{step}' is held by {Holder(task)}; she can release it, or a manager can reassign it")
            : null;

    private static DomainError? OfTheOffice(string step, TaskBookmark task, Actor by)
    {
        if (!string.Equals(by.Role, task.Role, StringComparison.OrdinalIgnoreCase))
            return new DomainError("wrong-role", $"task '{step}' is for the role {task.Role}; {by.User} acts as {by.Role}");
        if (!string.Equals(by.Office, task.Office, StringComparison.OrdinalIgnoreCase))
            return new DomainError("wrong-office", $"task '{step}' belongs to the office {task.Office}; {by.User} is in {by.Office}");
        return null;
    }

    private (Token Token, TaskBookmark Task)? OpenTask(string step) =>
        state.TokensAt(step).FirstOrDefault(x => x.Bookmark is TaskBookmark) is { } token ? (token, (TaskBookmark)token.Bookmark!) : null;

    private DomainError NoOpenTask(string step) =>
        new("no-open-task", $"step '{step}' has no open task; open tasks: {OpenTasks()}");

    private static string Holder(TaskBookmark task) =>
        task.AssigneeName is { Length: > 0 } name ? $"{name} ({task.Assignee})" : task.Assignee ?? "nobody";
}
