using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Features.Clerks;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Managers;

/// <summary>A manager gives an open task to a clerk of its office (an absence, the workload), with the reason for the record.</summary>
public static class ReassignTaskEndpoint
{
    public sealed record ReassignRequest(Guid CommandId, long ExpectedVersion, string To, string Reason);

    public static void MapReassignTask(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/tasks/{step}/reassign", async (string caseId, string step, ReassignRequest body, Caller caller, CaseService cases,
            IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.AssignTasks);
            if (access.Actor is not { } actor) return access.Refusal!;
            if (CaseAnswers.MissingCommandId(body.CommandId) is { } missing) return missing;
            var offices = await CompleteTaskEndpoint.TaskOfficesAsync(store, caller, caseId, step, ct) ?? CaseAccess.OfficesOf(caseId);
            if (await TaskAssignees.FindAsync(store, access.Tenant, offices, body.To, ct) is not { } to)
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["to"] = [$"'{body.To}' is not a clerk of {string.Join(" or ", offices)} in {access.Tenant}"] },
                    detail: "a task goes only to a clerk of its office", title: "Invalid command");
            return CaseAnswers.ToResult(await cases.HandleAsync(new CaseCommand(body.CommandId, access.Tenant, caseId, body.ExpectedVersion,
                new ReassignTask(step, to.User, to.Name, body.Reason ?? "", actor), actor), ct));
        })
            .Produces<CommandOutcome>();
}

/// <summary>The clerk a task may be given to, by user name, among the clerks of its office.</summary>
public static class TaskAssignees
{
    public static async Task<StaffMember?> FindAsync(IDocumentStore store, string tenant, IReadOnlyCollection<string> offices, string? user, CancellationToken ct) =>
        user is { Length: > 0 }
            ? (await OfficeStaff.ClerksAsync(store, tenant, offices, ct)).FirstOrDefault(m => m.User.Equals(user.Trim(), StringComparison.OrdinalIgnoreCase))
            : null;
}
