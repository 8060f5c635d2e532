using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Plays the people around a case until it closes: each open task is completed by a user of its
/// role and office with the outcome the test chose (else the first one listed) and the required
/// fields filled; each avviso the case waits for is paid in the sandbox; each act the case waits to
/// see delivered (its applicants have no domicilio digitale, so the act went by other means) has its
/// return receipt filed by a clerk of the office that sent it.
/// </summary>
public sealed class CaseDriver(CaseHost host, string tenant = "H769")
{
    private readonly CaseHistory _history = new(host.Store);

    /// <param name="stopAtIncident">Return as soon as the case sits in an incident (an operator's turn) instead of failing.</param>
    public async Task<IReadOnlyList<object>> RunToEndAsync(
        string caseId, IReadOnlyDictionary<string, string>? outcomes = null, int maxActions = 40, bool stopAtIncident = false)
    {
        var office = "";
        for (var action = 0; action < maxActions; action++)
        {
            var state = await Eventually.HoldsAsync(() => _history.StateAsync(tenant, caseId)!,
                s => s is not null && (!s.IsOpen || Actionable(s) is not null || stopAtIncident && InIncident(s)),
                $"{caseId} to need a person or to close", TimeSpan.FromSeconds(120), describe: s => string.Join(", ", s?.Tokens.Values.Select(t => $"{t.Step}:{t.Bookmark?.GetType().Name}") ?? []));
            if (!state!.IsOpen || stopAtIncident && InIncident(state)) return await host.EventsOf(caseId, tenant);
            var token = Actionable(state)!;
            if (token.Bookmark is WaitBookmark { Event: ExternalEvents.DeliveryReceipt })
            {
                var clerk = new Actor("clerk.receipts", Roles.Clerk, office);
                var receipt = new JsonObject { ["receivedAt"] = DateTimeOffset.UtcNow.ToString("o"), ["means"] = "raccomandata A/R" };
                var filed = await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), tenant, caseId, state.Version,
                    new ReceiveEvent(ExternalEvents.DeliveryReceipt, receipt, token.Step) { By = clerk }, clerk));
                filed.Status.ShouldBeOneOf(CommandStatus.Accepted, CommandStatus.Conflict); // the case may have moved first: look again
                continue;
            }
            if (token.Bookmark is WaitBookmark)
            {
                var notice = state.Variables["noticeNumber"]!.GetValue<string>();
                await host.PayAsync(notice);
                await host.WhenAsync(caseId, e => e.OfType<ExternalEventReceived>().Any(r => r.Step == token.Step && r.Token == token.Id), "the receipt", tenant);
                continue;
            }
            var task = (TaskBookmark)token.Bookmark!;
            var definition = await DefinitionOf(state);
            var step = (TaskStep)definition.Step(token.Step);
            var outcome = outcomes?.GetValueOrDefault(token.Step) ?? step.Outcomes[0].Key;
            var by = new Actor($"{task.Role}.{task.Office}".ToLowerInvariant(), task.Role, task.Office);
            office = task.Office;
            var done = await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), tenant, caseId, state.Version,
                new CompleteTask(token.Step, outcome, Form(step), by), by));
            done.Status.ShouldBeOneOf(CommandStatus.Accepted, CommandStatus.Conflict); // a call's answer may land first: look again
        }
        throw new InvalidOperationException($"{caseId} did not close after {maxActions} actions");
    }

    private static bool InIncident(CaseState state) => state.Tokens.Values.Any(t => t.Bookmark is IncidentBookmark);

    private static Token? Actionable(CaseState state) =>
        state.Tokens.Values.FirstOrDefault(t => t.Bookmark is TaskBookmark
            || t.Bookmark is WaitBookmark { Event: ExternalEvents.PaymentReceived } && state.Variables.ContainsKey("noticeNumber")
            || t.Bookmark is WaitBookmark { Event: ExternalEvents.DeliveryReceipt });

    private async Task<WorkflowDefinition> DefinitionOf(CaseState state) =>
        host.Definitions.Load((await host.Definitions.FindAsync(state.DefinitionId))!.Find(state.DefinitionVersion)!);

    private static JsonObject Form(TaskStep step)
    {
        var form = new JsonObject();
        foreach (var field in step.Form.Values.Where(f => f.Required))
            form[field.Name] = field.Type switch
            {
                FieldType.Boolean => true,
                FieldType.Number or FieldType.Money => 1,
                FieldType.Date => "2026-03-02",
                _ => $"{field.Name}: verificato",
            };
        return form;
    }
}
