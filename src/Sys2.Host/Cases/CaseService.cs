using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Sys2.Host.Definitions;
using Sys2.Host.Engine;
using Wolverine;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Cases;

/// <summary>
/// The thin glue around the pure decider: load the stream in the command's tenant, fold it,
/// check the version the client decided on, <c>Decide</c>, and append what it returned with
/// metadata and the audit chain, in one transaction with the command's id and the Wolverine
/// messages (integration calls, timers) the new events ask for.
/// </summary>
public sealed partial class CaseService(IDocumentStore store, DefinitionCatalog definitions, CaseNumbers numbers, TimeProvider clock, IWolverineRuntime runtime, OutboxedSessionFactory outboxed, Operations.EngineMetrics metrics)
{
    // The engine's own triggers race with clerks' commands on the same stream; they carry their
    // own staleness guard (attempt, generation), so on a conflict they are decided again.
    private const int SystemRetries = 8;

    private readonly CaseLocks _locks = new();

    /// <summary>Opens a case on the published version of a definition, numbering it in the entity's annual sequence.</summary>
    public async Task<CommandOutcome> OpenAsync(Guid commandId, string tenant, string definitionId, JsonObject inputs, Actor by, CancellationToken ct = default)
    {
        var history = await definitions.FindAsync(definitionId, ct);
        if (history?.Published is not { } version)
            return CommandOutcome.Refused("", 0, $"there is no published definition '{definitionId}'");
        var definition = definitions.Load(version);

        var bus = new MessageContext(runtime);
        await using var session = Session(bus, tenant, commandId, null, by);
        if (await session.LoadAsync<ProcessedCommand>(commandId, ct) is { } done)
            return new CommandOutcome(CommandStatus.Duplicate, done.CaseId, done.Version, done.Events);
        await session.BeginTransactionAsync(ct);
        var caseId = await numbers.NextAsync(session, definition.Kind, tenant, clock.GetUtcNow().Year, ct);
        var trigger = new OpenCase(caseId, tenant, version.Version, inputs, by);
        return metrics.Counted(definition.Id, await DecideAndAppendAsync(session, bus, new CaseCommand(commandId, tenant, caseId, 0, trigger, by), definition, version.Key, [], CaseState.Initial, ct));
    }

    public Task<CommandOutcome> HandleAsync(CaseCommand command, CancellationToken ct = default) =>
        DecideOnStreamAsync(command, async (state, token) =>
            (await definitions.FindVersionAsync(state.DefinitionId, state.DefinitionVersion, token)
             ?? throw new InvalidOperationException($"case {command.CaseId} is pinned to {state.DefinitionId}@{state.DefinitionVersion}, which is not stored"), null), ct);

    /// <summary>
    /// Loads and folds the stream in the command's tenant, then decides with the definition
    /// version <paramref name="decideWith"/> picks: the pinned one, or a migration's target; or
    /// a refusal, with its message.
    /// </summary>
    private async Task<CommandOutcome> DecideOnStreamAsync(
        CaseCommand command, Func<CaseState, CancellationToken, Task<(DefinitionVersion? Version, string? Refusal)>> decideWith, CancellationToken ct)
    {
        var bus = new MessageContext(runtime);
        await using var session = Session(bus, command.Tenant, command.CommandId, command.CorrelationId, command.By);
        // One round trip for both reads: every command pays for it.
        var batch = session.CreateBatchQuery();
        var processed = batch.Load<ProcessedCommand>(command.CommandId);
        var fetched = batch.Events.FetchStream(command.CaseId);
        await batch.Execute(ct);
        if (await processed is { } done)
            return new CommandOutcome(CommandStatus.Duplicate, done.CaseId, done.Version, done.Events);
        var stream = await fetched;
        if (stream.Count == 0)
            return new CommandOutcome(CommandStatus.NotFound, command.CaseId, 0, [], $"case {command.CaseId} does not exist in {command.Tenant}");
        var state = CaseEvolution.Replay(stream.Select(e => e.Data));
        var (version, refusal) = await decideWith(state, ct);
        if (version is null)
            return CommandOutcome.Refused(command.CaseId, state.Version, refusal ?? "no definition version to decide with");
        return metrics.Counted(state.DefinitionId, await DecideAndAppendAsync(session, bus, command, definitions.Load(version), version.Key, stream, state, ct));
    }

    /// <summary>
    /// A trigger from the engine itself (an integration answer, a timer): decided on the latest
    /// version, again if a clerk's command got in first. Refusals are logged by the caller's outcome, never thrown.
    /// </summary>
    public async Task<CommandOutcome> HandleSystemAsync(string tenant, string caseId, Guid commandId, Trigger trigger, string? correlation, CancellationToken ct = default)
    {
        using var lane = await _locks.EnterAsync(caseId, ct);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await HandleAsync(new CaseCommand(commandId, tenant, caseId, null, trigger, Actor.System, correlation), ct);
            if (outcome.Status != CommandStatus.Conflict || attempt == SystemRetries) return outcome;
            await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
        }
    }

    private async Task<CommandOutcome> DecideAndAppendAsync(
        IDocumentSession session, MessageContext bus, CaseCommand command, WorkflowDefinition definition, string definitionKey,
        IReadOnlyList<IEvent> stream, CaseState state, CancellationToken ct)
    {
        if (command.ExpectedVersion is { } expected && state.Version != expected)
            return Conflict(command, state.Version);
        var now = clock.GetUtcNow();
        var decision = Decider.Decide(definition, state, command.Trigger, now);
        if (decision.Error is { } error) return CommandOutcome.Refused(command.CaseId, state.Version, error.ToString());
        if (decision.Events.Count == 0) return new CommandOutcome(CommandStatus.Accepted, command.CaseId, state.Version, []);

        var action = stream.Count == 0
            ? session.Events.StartStream(command.CaseId, decision.Events.ToArray())
            : session.Events.Append(command.CaseId, state.Version + decision.Events.Count, decision.Events.ToArray());
        var previous = stream.Count == 0 ? "" : stream[^1].GetHeader(AuditChain.HashHeader)?.ToString() ?? "";
        var serializer = store.Options.Serializer();
        foreach (var @event in action.Events)
        {
            var metadata = new Dictionary<string, string?>
            {
                ["tenant"] = command.Tenant, ["user"] = command.By.User, ["role"] = command.By.Role, ["office"] = command.By.Office,
                ["correlation"] = session.CorrelationId, ["causation"] = session.CausationId,
                [DecidedAt.Header] = DecidedAt.Format(now), ["definition"] = $"{definitionKey}#{definition.ContentHash}",
            };
            foreach (var (key, value) in metadata) @event.SetHeader(key, value ?? "");
            previous = AuditChain.Hash(previous, @event.Data.GetType().Name, serializer.ToJson(@event.Data), metadata);
            @event.SetHeader(AuditChain.HashHeader, previous);
        }
        var names = decision.Events.Select(e => e.GetType().Name).ToList();
        session.Store(new ProcessedCommand { Id = command.CommandId, CaseId = command.CaseId, Version = state.Version + names.Count, Events = names });
        await EnrollEffectsAsync(bus, command, decision.Events, now, session.CorrelationId);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConcurrentWrite(e))
        {
            return Conflict(command, state.Version);
        }
        return new CommandOutcome(CommandStatus.Accepted, command.CaseId, state.Version + names.Count, names);
    }

    /// <summary>
    /// The messages go into Wolverine's outbox tables in the same transaction as the events, and
    /// are sent only after it commits: no event without its call, no call without its event.
    /// </summary>
    private static async Task EnrollEffectsAsync(MessageContext bus, CaseCommand command, IReadOnlyList<object> events, DateTimeOffset now, string? correlation)
    {
        var effects = CaseEffects.Of(command.Tenant, command.CaseId, events, correlation);
        if (effects.Count == 0) return;
        foreach (var effect in effects)
        {
            if (effect.At is { } at && at > now)
                // Scheduled on the engine's clock: identical to the wall clock in production; a
                // test clock that runs ahead moves the timers with it.
                await bus.ScheduleAsync(effect.Message, DateTimeOffset.UtcNow + (at - now));
            else
                await bus.SendAsync(effect.Message);
        }
    }

    /// <summary>Another writer got there first: the stream moved on, or the same command id was stored.</summary>
    private static bool IsConcurrentWrite(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e.GetType().Name is "ConcurrencyException" or "EventStreamUnexpectedMaxEventIdException" or "ExistingStreamIdCollisionException"
                || e is Npgsql.PostgresException { SqlState: "23505" })
                return true;
        return false;
    }

    private static CommandOutcome Conflict(CaseCommand command, long actual) =>
        new(CommandStatus.Conflict, command.CaseId, actual, [],
            $"case {command.CaseId} is at version {actual}, but the command was decided on version {command.ExpectedVersion}: reload it and try again");

    /// <summary>A session whose commit also stores, then sends, the messages of <paramref name="bus"/> (Wolverine's Marten outbox).</summary>
    private IDocumentSession Session(MessageContext bus, string tenant, Guid commandId, string? correlation, Actor by)
    {
        var session = outboxed.OpenSession(bus, tenant);
        session.CorrelationId = correlation ?? commandId.ToString();
        session.CausationId = commandId.ToString();
        session.LastModifiedBy = by.User;
        return session;
    }
}
