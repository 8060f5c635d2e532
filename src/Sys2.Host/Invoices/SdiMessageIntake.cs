using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Cases;
using Sys2.Host.Engine;
using Sys2.Host.Files;
using Sys2.Host.Views;
using Sys2.Invoices;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Invoices;

/// <summary>
/// SdI's messages about a file the entity received: the NE (its outcome forwarded to the supplier),
/// the SE (its outcome discarded, typically because the 15 days had run out) and the DT (the 15
/// days ran out with no outcome). Each is kept in the entity's file store and becomes the
/// <c>sdi-notification</c> event of the cases it concerns; what no case waits for is recorded on the file. A DT
/// kept there reaches its case when the case starts waiting for SdI's messages (<see cref="ForwardKeptAsync"/>).
/// </summary>
public sealed class SdiMessageIntake(IDocumentStore store, FileContents files, CaseService cases, TimeProvider clock, ILogger<SdiMessageIntake> log)
{
    public enum Verdict { Recorded, NotNow, Unknown, Invalid }

    public sealed record Result(Verdict Verdict, string Detail, IReadOnlyList<string> Cases);

    public async Task<Result> ReceiveAsync(string fileName, byte[] xml, CancellationToken ct)
    {
        var reading = SdiMessages.Read(xml);
        if (reading.Message is not { } message)
            return new Result(Verdict.Invalid, $"{fileName}: not a valid SdI message: {string.Join("; ", reading.Problems.Select(p => p.Message))}", []);
        var (type, position, _, note) = Describe(message);
        var now = clock.GetUtcNow();
        var id = ReceivedInvoiceFile.IdFor(message.IdentificativoSdI, "");
        await using var query = store.QuerySession();
        if (await query.LoadAsync<ReceivedInvoiceFile>(id, ct) is not { Tenant: { } tenant } file)
            return new Result(Verdict.Unknown, $"{fileName}: no file with IdentificativoSdI {message.IdentificativoSdI} was received by any entity", []);

        var sha256 = Sha256Hex.Of(xml);
        await files.StoreAsync(tenant, sha256, xml, now, ct);
        var targets = file.Invoices.Where(i => i.CaseId is not null && (position is null || i.Position == position)).ToList();
        var reached = new List<string>();
        var missed = new List<string>();
        var waiting = false;
        foreach (var invoice in targets)
        {
            var outcome = await DeliverAsync(tenant, invoice.CaseId!, fileName, message, sha256, xml.LongLength, now, ct);
            if (outcome.Status is CommandStatus.Accepted or CommandStatus.Duplicate) { reached.Add(invoice.CaseId!); continue; }
            missed.Add(invoice.CaseId!);
            if (outcome.Status is CommandStatus.Conflict || outcome.Code == "not-waiting") waiting = true;
            else log.LogInformation("SdI {Type} for {Case} not taken: {Error}", type, invoice.CaseId, outcome.Error);
        }

        // An NE or SE answers an outcome the case sent: a case not yet waiting for it will be soon, so
        // the intermediary should deliver it again. A DT is never refused: SdI's 15 days and the case's
        // `outcome` clock are not synchronised, so a DT may come before the case waits for it. It is kept
        // on the file, and a case that starts waiting for SdI's messages is handed the DTs kept there
        // (ForwardKeptAsync). Kept first, then tried once more: a case whose wait started between the two
        // takes it now, one whose wait starts later finds it kept.
        if (reached.Count == 0 && waiting && type is "NE" or "SE")
            return new Result(Verdict.NotNow, $"{fileName}: the case is not waiting for SdI's answer yet: deliver it again later", []);
        if (missed.Count > 0 || targets.Count == 0)
        {
            await RecordOnFileAsync(file, new ReceivedSdiMessage(type, fileName, sha256, now, note), ct);
            if (type == "DT")
                foreach (var caseId in missed)
                    if ((await DeliverAsync(tenant, caseId, fileName, message, sha256, xml.LongLength, now, ct)).Status is CommandStatus.Accepted or CommandStatus.Duplicate)
                        reached.Add(caseId);
        }
        return new Result(Verdict.Recorded, $"{fileName}: {type} recorded", reached);
    }

    /// <summary>
    /// The DTs kept with the case's received file (they came while the case waited for none) handed to the case, which
    /// has just started waiting for SdI's messages: the wait that takes a DT (its <c>match</c>) takes it, with the date
    /// the entity received it; any other wait refuses it, and it stays kept. The same command id as the intake's own
    /// delivery, so a DT both deliver is taken once.
    /// </summary>
    public async Task ForwardKeptAsync(string tenant, string caseId, CancellationToken ct)
    {
        await using var query = store.QuerySession(tenant);
        if (await query.LoadAsync<CaseSummary>(caseId, ct) is not { } summary
            || summary.State.Inputs.GetValueOrDefault("identificativoSdI") is not JsonValue sdi || !sdi.TryGetValue<string>(out var identificativoSdI))
            return;
        await using var shared = store.QuerySession();
        if (await shared.LoadAsync<ReceivedInvoiceFile>(ReceivedInvoiceFile.IdFor(identificativoSdI, ""), ct) is not { } file || file.Tenant != tenant)
            return;
        var invoice = file.Invoices.FirstOrDefault(i => i.CaseId == caseId);
        foreach (var kept in file.Messages.Where(m => m.Type == "DT"))
        {
            if (await files.FindAsync(tenant, kept.Sha256, ct) is not { } xml || SdiMessages.Read(xml).Message is not { } message) continue;
            if (Describe(message).Position is { } position && invoice is not null && invoice.Position != position) continue;
            var outcome = await DeliverAsync(tenant, caseId, kept.FileName, message, kept.Sha256, xml.LongLength, kept.At, ct);
            CaseMovedOn.ThrowOnConflict(outcome);
            if (outcome.Status is not (CommandStatus.Accepted or CommandStatus.Duplicate))
                log.LogDebug("Kept SdI DT {File} not taken by {Case}: {Error}", kept.FileName, caseId, outcome.Error);
        }
    }

    /// <summary>
    /// One SdI message as the case's <c>sdi-notification</c> event, with its own identification (SdI's MessageId and
    /// when the entity received it): the case preserves it with these, not with the invoice's protocol entry.
    /// </summary>
    private Task<CommandOutcome> DeliverAsync(string tenant, string caseId, string fileName, SdiMessage message, string sha256, long size,
        DateTimeOffset receivedAt, CancellationToken ct)
    {
        var (type, _, esito, note) = Describe(message);
        var payload = new JsonObject
        {
            ["type"] = type, ["identificativoSdI"] = message.IdentificativoSdI,
            ["message"] = new JsonObject { ["name"] = fileName, ["sha256"] = sha256, ["mediaType"] = "application/xml", ["size"] = size },
            ["messageId"] = MessageIdOf(message),
            ["receivedAt"] = receivedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (esito is not null) payload["esito"] = esito;
        if (note is not null) payload["note"] = note;
        return cases.HandleSystemAsync(tenant, caseId, StableId.For($"sdi:{tenant}:{fileName}:{caseId}"),
            new ReceiveEvent(ExternalEvents.SdiNotification, payload) { FromSystem = true }, message.IdentificativoSdI, ct);
    }

    private static (string Type, int? Position, string? Esito, string? Note) Describe(SdiMessage message) => message switch
    {
        NotificaEsito ne => (ne.Kind, ne.EsitoCommittente.RiferimentoFattura?.PosizioneFattura, ne.EsitoCommittente.Esito.ToString(), ne.EsitoCommittente.Descrizione),
        ScartoEsitoCommittente se => (se.Kind, se.RiferimentoFattura?.PosizioneFattura, null, $"{se.Scarto}{(se.Note is { } n ? ": " + n : "")}"),
        NotificaDecorrenzaTermini dt => (dt.Kind, dt.RiferimentoFattura?.PosizioneFattura, null, dt.Descrizione),
        var other => (other.Kind, null, null, other.Note),
    };

    private static string? MessageIdOf(SdiMessage message) => message switch
    {
        NotificaEsito ne => ne.MessageId,
        ScartoEsitoCommittente se => se.MessageId,
        NotificaDecorrenzaTermini dt => dt.MessageId,
        _ => null,
    };

    private async Task RecordOnFileAsync(ReceivedInvoiceFile file, ReceivedSdiMessage message, CancellationToken ct)
    {
        if (file.Messages.Any(m => m.Sha256 == message.Sha256)) return;
        await using var session = store.LightweightSession();
        session.Store(file with { Messages = [.. file.Messages, message] });
        await session.SaveChangesAsync(ct);
    }
}
