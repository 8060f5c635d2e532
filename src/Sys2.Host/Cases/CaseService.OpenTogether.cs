using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Files;
using Sys2.Host.Views;
using Sys2.Workflows.Runtime;
using Wolverine.Runtime;

namespace Sys2.Host.Cases;

/// <summary>One case of several opened together: its command id, definition, inputs and who opens it.</summary>
public sealed record CaseOpening(Guid CommandId, string DefinitionId, JsonObject Inputs, Actor By);

// Several cases of one entity opened in one transaction, with what must be written with them. An
// e-invoice file is the reason: its bytes, its record, each invoice's case and duplicate key are one
// fact, "this file was received", so they commit together or not at all, and a busy intake pays one
// commit per file instead of four or five per invoice.
public sealed partial class CaseService
{
    /// <summary>
    /// Opens each of <paramref name="openings"/> on its definition's published version, as <see cref="OpenAsync"/>
    /// does one (inputs checked, a number taken, the decider's events appended with their audit chain and messages),
    /// and commits them in one transaction with <paramref name="content"/>'s bytes and whatever
    /// <paramref name="alongside"/> stores, once it has seen every opening's outcome. An opening refused or invalid
    /// is answered as such and opens nothing; the others still open. A command id seen before answers what it
    /// answered then. When another writer commits the same commands first, the answer is <c>null</c>: nothing of
    /// this call was written, and the caller reads what the other one wrote.
    /// </summary>
    public async Task<IReadOnlyList<CommandOutcome>?> OpenTogetherAsync(string tenant, IReadOnlyList<CaseOpening> openings, DocumentBytes? content,
        Action<IDocumentSession, IReadOnlyList<CommandOutcome>> alongside, CancellationToken ct = default)
    {
        var bus = new MessageContext(runtime);
        // A file whose invoices all have cases already still commits its record: then no command leads the session.
        var lead = openings.Count > 0 ? openings[0] : new CaseOpening(Guid.NewGuid(), "", [], Actor.System);
        await using var session = Session(bus, tenant, lead.CommandId, null, lead.By);
        var known = (await session.LoadManyAsync<ProcessedCommand>(ct, openings.Select(o => o.CommandId).ToArray())).ToDictionary(p => p.Id);
        var outcomes = new List<CommandOutcome>();
        var began = false;
        foreach (var opening in openings)
        {
            var fingerprint = CommandFingerprint.Of($"open {opening.DefinitionId}", null, new OpenCase("", tenant, 0, opening.Inputs, opening.By));
            if (known.TryGetValue(opening.CommandId, out var done))
            {
                outcomes.Add(Recognised(done, opening.CommandId, null, fingerprint, opening.By));
                continue;
            }
            if (await definitions.PublishedAsync(opening.DefinitionId, ct) is not { } version)
            {
                outcomes.Add(CommandOutcome.Refused("", 0, $"there is no published definition '{opening.DefinitionId}'"));
                continue;
            }
            var definition = definitions.Load(version);
            if (await CheckInputsAsync(tenant, definition, opening.Inputs, content, ct) is { } invalid)
            {
                outcomes.Add(invalid);
                continue;
            }
            if (!began) await session.BeginTransactionAsync(ct);
            began = true;
            var caseId = await numbers.NextAsync(session, definition.Kind, tenant, clock.GetUtcNow().Year, ct);
            var command = new CaseCommand(opening.CommandId, tenant, caseId, 0, new OpenCase(caseId, tenant, version.Version, opening.Inputs, opening.By), opening.By);
            // Each case's events are caused by its own command, as if it had been opened alone.
            session.CausationId = opening.CommandId.ToString();
            session.CorrelationId = opening.CommandId.ToString();
            outcomes.Add(metrics.Counted(definition.Id, await DecideAndEnrollAsync(session, bus, command, fingerprint, definition, version.Key,
                CaseState.Initial, "", events => session.Events.StartStream<CaseSummary>(caseId, events).Events, ct)));
        }

        if (content is not null) FileContents.Enroll(session, tenant, content.Sha256, content.Content, clock.GetUtcNow());
        alongside(session, outcomes);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConcurrentWrite(e))
        {
            return null;
        }
        return outcomes;
    }
}
