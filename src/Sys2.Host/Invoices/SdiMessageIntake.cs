using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Cases;
using Sys2.Host.Engine;
using Sys2.Host.Files;
using Sys2.Invoices;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Invoices;

/// <summary>
/// SdI's messages about a file the entity received: the NE (its outcome forwarded to the supplier),
/// the SE (its outcome discarded, typically because the 15 days had run out) and the DT (the 15
/// days ran out with no outcome). Each is kept in the entity's file store and becomes the
/// <c>sdi-notification</c> event of the cases it concerns; what no case waits for is recorded on the file.
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
        var (type, position, esito, note) = Describe(message);
        var messageId = MessageIdOf(message);
        var receivedAt = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var id = ReceivedInvoiceFile.IdFor(message.IdentificativoSdI, "");
        await using var query = store.QuerySession();
        if (await query.LoadAsync<ReceivedInvoiceFile>(id, ct) is not { Tenant: { } tenant } file)
            return new Result(Verdict.Unknown, $"{fileName}: no file with IdentificativoSdI {message.IdentificativoSdI} was received by any entity", []);

        var sha256 = Sha256Hex.Of(xml);
        await files.StoreAsync(tenant, sha256, xml, clock.GetUtcNow(), ct);
        var document = new JsonObject { ["name"] = fileName, ["sha256"] = sha256, ["mediaType"] = "application/xml", ["size"] = xml.LongLength };
        var targets = file.Invoices.Where(i => i.CaseId is not null && (position is null || i.Position == position)).ToList();
        var reached = new List<string>();
        var waiting = false;
        foreach (var invoice in targets)
        {
            // The message's own identification (SdI's MessageId and when the entity received it): the case preserves it
            // with these, not with the invoice's protocol entry.
            var payload = new JsonObject
            {
                ["type"] = type, ["identificativoSdI"] = message.IdentificativoSdI, ["message"] = document.DeepClone(),
                ["messageId"] = messageId, ["receivedAt"] = receivedAt,
            };
            if (esito is not null) payload["esito"] = esito;
            if (note is not null) payload["note"] = note;
            var outcome = await cases.HandleSystemAsync(tenant, invoice.CaseId!, StableId.For($"sdi:{tenant}:{fileName}:{invoice.CaseId}"),
                new ReceiveEvent(ExternalEvents.SdiNotification, payload) { FromSystem = true }, message.IdentificativoSdI, ct);
            if (outcome.Status is CommandStatus.Accepted or CommandStatus.Duplicate) reached.Add(invoice.CaseId!);
            else if (outcome.Status is CommandStatus.Conflict || outcome.Code == "not-waiting") waiting = true;
            else log.LogInformation("SdI {Type} for {Case} not taken: {Error}", type, invoice.CaseId, outcome.Error);
        }

        // An NE or SE answers an outcome the case sent: a case not yet waiting for it will be soon, so
        // the intermediary should deliver it again. A DT is SdI's record of a term the case's own clock
        // has already counted: kept on the file, never refused.
        if (reached.Count == 0 && waiting && type is "NE" or "SE")
            return new Result(Verdict.NotNow, $"{fileName}: the case is not waiting for SdI's answer yet: deliver it again later", []);
        if (reached.Count < targets.Count || targets.Count == 0)
            await RecordOnFileAsync(file, new ReceivedSdiMessage(type, fileName, sha256, clock.GetUtcNow(), note), ct);
        return new Result(Verdict.Recorded, $"{fileName}: {type} recorded", reached);
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
