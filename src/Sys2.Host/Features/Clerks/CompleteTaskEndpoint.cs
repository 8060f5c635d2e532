using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Views;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Complete an open task with one of its outcomes and its form.</summary>
public static class CompleteTaskEndpoint
{
    public sealed record CompleteRequest(Guid CommandId, long ExpectedVersion, string Outcome, JsonObject? Form);

    public static void MapCompleteTask(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/tasks/{step}", async (string caseId, string step, CompleteRequest body, Caller caller, CaseService cases,
            IDocumentStore store, CancellationToken ct) =>
        {
            // A task names its office (Protocollo, Ragioneria…), which may not be the case's: the
            // clerk acts in the office of the task, when she holds it. The decider checks it again.
            var offices = await TaskOfficesAsync(store, caller, caseId, step, ct);
            return await CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion,
                by => new CompleteTask(step, body.Outcome, body.Form ?? [], by), ct, offices: offices);
        })
            .Produces<CommandOutcome>();

    /// <summary>The offices of the open task at <paramref name="step"/>: the clerk must hold one of them (null: no such task, the case's office applies).</summary>
    internal static async Task<IReadOnlyCollection<string>?> TaskOfficesAsync(IDocumentStore store, Caller caller, string caseId, string step, CancellationToken ct)
    {
        if (caller.On(caseId, Permission.ReadCases) is not { Allowed: true } access) return null;
        await using var session = store.QuerySession(access.Tenant);
        var summary = await session.LoadAsync<CaseSummary>(caseId, ct);
        var offices = summary?.Tasks.Where(t => t.Step == step).Select(t => t.Office).ToList();
        return offices is { Count: > 0 } ? offices : null;
    }
}
