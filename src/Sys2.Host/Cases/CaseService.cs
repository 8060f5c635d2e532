using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Sys2.Host.Views;
using Sys2.Host.Definitions;
using Sys2.Host.Engine;
using Sys2.Host.Files;
using Sys2.Workflows.Definitions.Inputs;
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
public sealed partial class CaseService(IDocumentStore store, FileContents files, DefinitionCatalog definitions, CaseNumbers numbers, TimeProvider clock, IWolverineRuntime runtime, OutboxedSessionFactory outboxed, Operations.EngineMetrics metrics)
{
    /// <summary>
    /// Opens a case on the published version of a definition, numbering it in the entity's annual
    /// sequence. The inputs are checked against the definition's declared types, and the documents
    /// they name against the entity's file store, before anything is written: a refused opening
    /// appends nothing, takes no number and starts no clock.
    /// </summary>
    public async Task<CommandOutcome> OpenAsync(Guid commandId, string tenant, string definitionId, JsonObject inputs, Actor by, CancellationToken ct = default)
    {
        if (await definitions.PublishedAsync(definitionId, ct) is not { } version)
            return CommandOutcome.Refused("", 0, $"there is no published definition '{definitionId}'");
        var definition = definitions.Load(version);
        var fingerprint = CommandFingerprint.Of($"open {definitionId}", null, new OpenCase("", tenant, 0, inputs, by));

        var bus = new MessageContext(runtime);
        await using var session = Session(bus, tenant, commandId, null, by);
        if (await session.LoadAsync<ProcessedCommand>(commandId, ct) is { } done)
            return Recognised(done, commandId, null, fingerprint, by);
        if (await CheckInputsAsync(tenant, definition, inputs, null, ct) is { } invalid)
            return invalid;
        await session.BeginTransactionAsync(ct);
        var caseId = await numbers.NextAsync(session, definition.Kind, tenant, clock.GetUtcNow().Year, ct);
        var trigger = new OpenCase(caseId, tenant, version.Version, inputs, by);
        return metrics.Counted(definition.Id, await DecideAndAppendAsync(session, bus, new CaseCommand(commandId, tenant, caseId, 0, trigger, by),
            fingerprint, definition, version.Key, CaseState.Initial, "", events => session.Events.StartStream<CaseSummary>(caseId, events).Events, null, ct));
    }

    /// <summary>
    /// Every wrong input at once, by path; then the documents they name that the entity's file store does not hold
    /// (<paramref name="storedWith"/>: bytes that commit in the same transaction as the case, so are not asked for).
    /// </summary>
    private async Task<CommandOutcome?> CheckInputsAsync(string tenant, WorkflowDefinition definition, JsonObject inputs, DocumentBytes? storedWith,
        CancellationToken ct)
    {
        var check = InputCheck.Check(definition, inputs);
        var errors = check.Errors.ToDictionary(p => p.Key, p => p.Value);
        var asked = check.Documents.Select(d => d.Sha256).Where(s => s != storedWith?.Sha256).Distinct().ToList();
        var missing = await files.MissingAsync(tenant, asked, ct);
        foreach (var document in check.Documents.Where(d => missing.Contains(d.Sha256)))
            errors[$"{document.Field}.sha256"] =
                [$"'{document.Sha256}' is not in the file store of {tenant}: upload the document with POST /api/files first and send the sha256 it answers"];
        return errors.Count == 0 ? null
            : CommandOutcome.Invalid("", $"the inputs of a new {definition.Id} case are not valid ({errors.Count} field(s))", errors);
    }

    public Task<CommandOutcome> HandleAsync(CaseCommand command, CancellationToken ct = default) => HandleAsync(command, null, ct);

    /// <summary>A command that brings a document's bytes: they are stored in the same transaction as the event that names them, or not at all.</summary>
    public Task<CommandOutcome> HandleAsync(CaseCommand command, DocumentBytes? content, CancellationToken ct = default) =>
        DecideOnStreamAsync(command, async (state, token) =>
            (await definitions.FindVersionAsync(state.DefinitionId, state.DefinitionVersion, token)
             ?? throw new InvalidOperationException($"case {command.CaseId} is pinned to {state.DefinitionId}@{state.DefinitionVersion}, which is not stored"), null),
            content, ct);

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
        CaseCommand command, Func<CaseState, CancellationToken, Task<(DefinitionVersion? Version, string? Refusal)>> decideWith, DocumentBytes? content,
        CancellationToken ct)
    {
        var fingerprint = CommandFingerprint.Of(command);
        var bus = new MessageContext(runtime);
        await using var session = Session(bus, command.Tenant, command.CommandId, command.CorrelationId, command.By);
        var batch = session.CreateBatchQuery();
        var processed = batch.Load<ProcessedCommand>(command.CommandId);
        var fetched = batch.Events.FetchForWriting<CaseSummary>(command.CaseId);
        await batch.Execute(ct);
        if (await processed is { } done)
            return Recognised(done, command.CommandId, command.CaseId, fingerprint, command.By);
        var stream = await fetched;
        if (stream.Aggregate is not { } file)
            return new CommandOutcome(CommandStatus.NotFound, command.CaseId, 0, [], $"case {command.CaseId} does not exist in {command.Tenant}");
        var (version, refusal) = await decideWith(file.State, ct);
        if (version is null)
            return CommandOutcome.Refused(command.CaseId, file.State.Version, refusal ?? "no definition version to decide with");
        return metrics.Counted(file.State.DefinitionId, await DecideAndAppendAsync(session, bus, command, fingerprint, definitions.Load(version), version.Key,
            file.State, file.ChainHead,
            events =>
            {
                stream.AppendMany(events);
                return stream.Events;
            }, content, ct));
    }

    private async Task<CommandOutcome> DecideAndAppendAsync(
        IDocumentSession session, MessageContext bus, CaseCommand command, string fingerprint, WorkflowDefinition definition, string definitionKey,
        CaseState state, string chainHead, Func<object[], IReadOnlyList<IEvent>> append, DocumentBytes? content, CancellationToken ct)
    {
        var outcome = await DecideAndEnrollAsync(session, bus, command, fingerprint, definition, definitionKey, state, chainHead, append, ct);
        if (outcome.Status != CommandStatus.Accepted || outcome.Events.Count == 0) return outcome;
        if (content is not null) FileContents.Enroll(session, command.Tenant, content.Sha256, content.Content, clock.GetUtcNow());
        return await SaveAsync(session, command, state.Version, fingerprint, outcome, ct);
    }

    /// <summary>
    /// Decides <paramref name="command"/> on <paramref name="state"/> and, when events come of it, queues them into
    /// <paramref name="session"/> with their headers and audit hashes, the command's record and the messages they ask
    /// for. Nothing is written yet: the caller commits, alone or with other cases (<see cref="OpenTogetherAsync"/>).
    /// </summary>
    private async Task<CommandOutcome> DecideAndEnrollAsync(
        IDocumentSession session, MessageContext bus, CaseCommand command, string fingerprint, WorkflowDefinition definition, string definitionKey,
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
            // Set on the event itself, not left to the session at commit: cases opened together share one session, and
            // each case's events must name its own command (the what-if migration groups a history's decisions by it).
            (@event.CorrelationId, @event.CausationId) = (session.CorrelationId, session.CausationId);
            foreach (var (key, value) in metadata) @event.SetHeader(key, value ?? "");
            previous = AuditChain.Hash(previous, @event.Data.GetType().Name, serializer.ToJson(@event.Data), metadata);
            @event.SetHeader(EventHeaders.Hash, previous);
        }
        var names = decision.Events.Select(e => e.GetType().Name).ToList();
        session.Insert(new ProcessedCommand
        {
            Id = command.CommandId, CaseId = command.CaseId, Version = state.Version + names.Count, Events = names, BodyHash = fingerprint,
        });
        await EnrollEffectsAsync(session, bus, command, decision.Events, now, session.CorrelationId);
        return new CommandOutcome(CommandStatus.Accepted, command.CaseId, state.Version + names.Count, names);
    }

    /// <summary>Commits what <see cref="DecideAndEnrollAsync"/> queued; another writer first makes it a duplicate or a conflict.</summary>
    private async Task<CommandOutcome> SaveAsync(IDocumentSession session, CaseCommand command, long decidedOn, string fingerprint, CommandOutcome accepted,
        CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConcurrentWrite(e))
        {
            // The same command may have got in first (a double click whose first request was still
            // running): then this one is answered as its duplicate, not as a conflict.
            await using var query = store.QuerySession(command.Tenant);
            return await query.LoadAsync<ProcessedCommand>(command.CommandId, ct) is { } first
                ? Recognised(first, command.CommandId, decidedOn == 0 ? null : command.CaseId, fingerprint, command.By)
                : Conflict(command, decidedOn);
        }
        return accepted;
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
            or JasperFx.DocumentAlreadyExistsException or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || e.InnerException is { } inner && IsConcurrentWrite(inner);

    /// <summary>
    /// A command id seen before. The same command again answers what the first answered; an id
    /// used for another body or another case is refused. The engine's own triggers carry ids
    /// derived from what they answer, so a redelivery is the same command even when the regional
    /// system's answer differs the second time: it is recognised, never refused.
    /// </summary>
    private static CommandOutcome Recognised(ProcessedCommand done, Guid commandId, string? caseId, string fingerprint, Actor by)
    {
        var sameCase = caseId is null || caseId == done.CaseId;
        var sameBody = done.BodyHash.Length == 0 || done.BodyHash == fingerprint;
        if (by == Actor.System || sameCase && sameBody)
            return new CommandOutcome(CommandStatus.Duplicate, done.CaseId, done.Version, done.Events);
        return new CommandOutcome(CommandStatus.Reused, caseId ?? "", 0, [],
            $"command id {commandId} was already used for {(sameCase ? "a command with another body" : "a command on another case")}: " +
            "send a new id for a new command (the same id only to repeat the same command)", "command-id-reused");
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
