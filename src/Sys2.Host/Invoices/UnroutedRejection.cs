using Marten;
using Sys2.Host.Files;
using Sys2.Integrations.SdI;
using Sys2.Invoices;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Invoices;

/// <summary>
/// An operator rejects a file that reached no entity (its office code routes nowhere, and no entity of the
/// aggregation recognises it): an EC02 with the operator's reason for each invoice of the file, through
/// IntermediaMarche, so the supplier learns within SdI's 15 days instead of waiting for the decorrenza termini.
/// The file stays, marked rejected, with the messages sent.
/// </summary>
public sealed class UnroutedRejection(IDocumentStore store, FileContents files, IServiceProvider services, TimeProvider clock)
{
    /// <summary>The tenant segment IntermediaMarche is told for outcomes the aggregation sends on no entity's behalf.</summary>
    public const string Aggregation = "SYS2";

    public sealed record Result(ReceivedInvoiceFile? File, string? Refusal, int Status);

    public async Task<Result> RejectAsync(ReceivedInvoiceFile file, string reason, string by, CancellationToken ct)
    {
        reason = reason.Trim();
        if (reason.Length is 0 or > NotificaEsitoCommittente.DescrizioneMaxLength)
            return new(null, $"reason: a rejection states its reason in 1 to {NotificaEsitoCommittente.DescrizioneMaxLength} characters (SdI's limit)", 400);
        if (file.Status != ReceivedFileStatus.Unrouted || file.IdentificativoSdI is not { } sdiId)
            return new(null, $"{file.Id} is {file.Status}: only an unrouted file with its IdentificativoSdI is rejected here (a routed invoice is rejected on its case)", 409);
        if (services.GetService<ISdiPort>() is not { } sdi)
            return new(null, "no IntermediaMarche adapter is configured (Sys2:Integrations:Mode)", 409);
        var content = await files.FindAsync(file.StoredIn, file.Sha256, ct);
        if (content is null || InvoiceFiles.Read(content, file.FileName).Document is not { } document)
            return new(null, $"the bytes of {file.Id} are not in the file store or cannot be read again", 409);

        var sent = new List<ReceivedSdiMessage>();
        foreach (var body in document.Bodies)
        {
            var key = $"reject:{file.Id}:{body.Position}";
            var message = new NotificaEsitoCommittente(sdiId, file.FileName, EsitoCommittente.EC02, reason)
            {
                RiferimentoFattura = SdiInvoiceReference.Of(body),
                MessageIdCommittente = Sha256Hex.Of(System.Text.Encoding.UTF8.GetBytes(key))[..14],
            };
            var xml = SdiMessages.Write(message);
            var name = SdiFileNames.Message(file.FileName, SdiMessageKinds.NotificaEsitoCommittente, body.Position);
            var sha256 = Sha256Hex.Of(xml);
            await files.StoreAsync(ReceivedInvoiceFile.Unassigned, sha256, xml, clock.GetUtcNow(), ct);
            await sdi.SendOutcomeAsync(Aggregation, new OutcomeMessage(sdiId, name, xml), key, ct);
            sent.Add(new ReceivedSdiMessage(SdiMessageKinds.NotificaEsitoCommittente, name, sha256, clock.GetUtcNow(), $"EC02 by {by}: {reason}"));
        }

        var rejected = file with { Status = ReceivedFileStatus.Rejected, Messages = [.. file.Messages, .. sent] };
        await using var session = store.LightweightSession();
        session.Store(rejected);
        await session.SaveChangesAsync(ct);
        return new(rejected, null, 200);
    }
}
