using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Sys2.Host.Views;
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
        return metrics.Counted(definition.Id, await DecideAndAppendAsync(session, bus, new CaseCommand(commandId, tenant, caseId, 0, trigger, by),
            definition, version.Key, CaseState.Initial, "", events => session.Events.StartStream<CaseSummary>(caseId, events).Events, ct));
    }

    public Task<CommandOutcome> HandleAsync(CaseCommand command, CancellationToken ct = default) =>
        DecideOnStreamAsync(command, async (state, token) =>
            (await definitions.FindVersionAsync(state.DefinitionId, state.DefinitionVersion, token)
             ?? throw new InvalidOperationException($"case {command.CaseId} is pinned to {state.DefinitionId}@{state.DefinitionVersion}, which is not stored"), null), ct);

    /// <summary>
    /// A trigger from the engine itself (an integration answer, a timer, a receipt): decided on the
    /// latest version. A conflict (a clerk's command got in first) comes back as
    /// <see cref="CommandStatus.Conflict"/>; the Wolverine handlers turn it into
    /// <see cref="CaseMovedOn"/> so Wolverine's error policy tries the message again.
    /// </summary>
    public Task<CommandOutcome> HandleSystemAsync(string tenant, string caseId, Guid commandId, Trigger trigger, string? correlation, CancellationToken ct = default) =>
        HandleAsync(new CaseCommand(commandId, tenant, caseId, null, trigger, Actor.System, correlation), ct);

    /// <summary>
    /// Loads the case's snapshot (its <see cref="CaseSummary"/>, kept inline with the events, so
    /// the stream is not read again) and the command-id check in one round trip, then decides
    /// with the definition version <paramref name="decideWith"/> picks: the pinned one, or a
    /// migration's target; or a refusal, with its message.
    /// </summary>
    private async Task<CommandOutcome> DecideOnStreamAsync(
        CaseCommand command, Func<CaseState, CancellationToken, Task<(DefinitionVersion? Version, string? Refusal)>> decideWith, CancellationToken ct)
    {
        var bus = new MessageContext(runtime);
        await using var session = Session(bus, command.Tenant, command.CommandId, command.CorrelationId, command.By);
        var batch = session.CreateBatchQuery();
        var processed = batch.Load<ProcessedCommand>(command.CommandId);
        var fetched = batch.Events.FetchForWriting<CaseSummary>(command.CaseId);
        await batch.Execute(ct);
        if (await processed is { } done)
            return new CommandOutcome(CommandStatus.Duplicate, done.CaseId, done.Version, done.Events);
        var stream = await fetched;
        if (stream.Aggregate is not { } file)
            return new CommandOutcome(CommandStatus.NotFound, command.CaseId, 0, [], $"case {command.CaseId} does not exist in {command.Tenant}");
        var (version, refusal) = await decideWith(file.State, ct);
        if (version is null)
            return CommandOutcome.Refused(command.CaseId, file.State.Version, refusal ?? "no definition version to decide with");
        return metrics.Counted(file.State.DefinitionId, await DecideAndAppendAsync(session, bus, command, definitions.Load(version), version.Key,
            file.State, file.ChainHead,
            events =>
            {
                stream.AppendMany(events);
                return stream.Events;
            }, ct));
    }

    private async Task<CommandOutcome> DecideAndAppendAsync(
        IDocumentSession session, MessageContext bus, CaseCommand command, WorkflowDefinition definition, string definitionKey,
        CaseState state, string chainHead, Func<object[], IReadOnlyList<IEvent>> append, CancellationToken ct)
    {
        if (command.ExpectedVersion is { } expected && state.Version != expected)
            return Conflict(command, state.Version);
        var now = clock.GetUtcNow();
        var decision = Decider.Decide(definition, state, command.Trigger, now);
        if (decision.Error is { } error) return CommandOutcome.Refused(command.CaseId, state.Version, error);
        if (decision.Events.Count == 0) return new CommandOutcome(CommandStatus.Accepted, command.CaseId, state.Version, []);

        var previous = chainHead;
        var serializer = store.Options.Serializer();
        foreach (var @event in append([.. decision.Events]))
        {
            var metadata = new Dictionary<string, string?>
            {
                [EventHeaders.Tenant] = command.Tenant, [EventHeaders.User] = command.By.User,
                [EventHeaders.Role] = command.By.Role, [EventHeaders.Office] = command.By.Office,
                [EventHeaders.Correlation] = session.CorrelationId, [EventHeaders.Causation] = session.CausationId,
                [EventHeaders.At] = DecidedAt.Format(now), [EventHeaders.Definition] = $"{definitionKey}#{definition.ContentHash}",
            };
            if (command.By.Name is { } name) metadata[EventHeaders.UserName] = name;
            foreach (var (key, value) in metadata) @event.SetHeader(key, value ?? "");
            previous = AuditChain.Hash(previous, @event.Data.GetType().Name, serializer.ToJson(@event.Data), metadata);
            @event.SetHeader(EventHeaders.Hash, previous);
        }
        var names = decision.Events.Select(e => e.GetType().Name).ToList();
        session.Store(new ProcessedCommand { Id = command.CommandId, CaseId = command.CaseId, Version = state.Version + names.Count, Events = names });
        await EnrollEffectsAsync(session, bus, command, decision.Events, now, session.CorrelationId);
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
    /// What the events ask of the outside world, in the same transaction as the events: messages
    /// due now go into Wolverine's outbox (sent only after the commit); those due later on the
    /// engine's clock (timers, retries after a backoff) are stored as <see cref="DueMessage"/>s.
    /// No event without its call or timer, no call or timer without its event.
    /// </summary>
    private static async Task EnrollEffectsAsync(IDocumentSession session, MessageContext bus, CaseCommand command, IReadOnlyList<object> events,
        DateTimeOffset now, string? correlation)
    {
        foreach (var effect in CaseEffects.Of(command.Tenant, command.CaseId, events, correlation))
        {
            if (effect.At is { } at && at > now)
                session.Store(DueMessage.For(effect.Message, at));
            else
                await bus.SendAsync(effect.Message);
        }
    }

    /// <summary>
    /// Another writer got there first: the stream moved on since it was read (Marten's optimistic
    /// check), or another command started the same stream.
    /// </summary>
    private static bool IsConcurrentWrite(Exception e) =>
        e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
        || e.InnerException is { } inner && IsConcurrentWrite(inner);

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
