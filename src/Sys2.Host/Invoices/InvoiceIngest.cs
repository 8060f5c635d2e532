using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Options;
using Sys2.Host.Cases;
using Sys2.Host.Engine;
using Sys2.Host.Files;
using Sys2.Invoices;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Invoices;

/// <summary>
/// Receiving an e-invoice file, whatever brought it: keep the bytes, read and check the file, route
/// it by its office code, and open one case per invoice of the file (a lotto holds several), each
/// once however often it is delivered. Nothing received is lost: a refused or unroutable file is
/// recorded with its reasons and its bytes, for an operator to see.
/// </summary>
public sealed class InvoiceIngest(IDocumentStore store, FileContents files, CaseService cases, TimeProvider clock, IOptions<InvoiceOptions> options,
    ILogger<InvoiceIngest> log)
{
    public const string DefinitionId = "fatture.fattura-passiva";

    public async Task<IngestOutcome> ReceiveAsync(InvoiceDelivery delivery, CancellationToken ct)
    {
        var sha256 = Sys2.Workflows.Formats.Sha256Hex.Of(delivery.Content);
        var metadata = ReadMetadata(delivery, out var metadataProblems);
        var sdiId = metadata?.IdentificativoSdI ?? delivery.IdentificativoSdI;
        var id = ReceivedInvoiceFile.IdFor(sdiId, sha256);

        await using (var query = store.QuerySession())
            if (await query.LoadAsync<ReceivedInvoiceFile>(id, ct) is { Status: not ReceivedFileStatus.Unrouted } known)
                return new IngestOutcome(delivery.OnlyFor is null || delivery.OnlyFor == known.Tenant ? known : NotYours(known), AlreadyReceived: true);

        var reading = InvoiceFiles.Read(delivery.Content, delivery.FileName);
        var file = new ReceivedInvoiceFile
        {
            Id = id, Channel = delivery.Channel, FileName = delivery.FileName, Sha256 = sha256, Size = delivery.Content.LongLength,
            ReceivedAt = delivery.DeliveredAt, IdentificativoSdI = sdiId, Status = ReceivedFileStatus.Received,
            StoredIn = ReceivedInvoiceFile.Unassigned, CodiceDestinatario = reading.Document?.CodiceDestinatario,
            Signer = reading.Signature?.Signer, SignedAt = reading.Signature?.SigningTime, SignatureNote = reading.Signature?.Note,
            Problems = [.. metadataProblems, .. reading.Problems.Select(p => new ReceivedFileProblem(p.Code, p.Message, p.Element, p.Line))],
        };

        if (reading.Verdict != InvoiceVerdict.Valid || metadataProblems.Count > 0 || reading.Document is not { } document)
            return await KeepAsync(file with { Status = reading.Verdict == InvoiceVerdict.Unsafe ? ReceivedFileStatus.Unsafe : ReceivedFileStatus.Refused },
                delivery.Content, ct);
        if (sdiId is null)
            return await KeepAsync(file with
            {
                Status = ReceivedFileStatus.Refused,
                Problems = [new ReceivedFileProblem("no-identificativo-sdi", "the file came without SdI's metadata (MT): its IdentificativoSdI is unknown, so no outcome could reach SdI", "IdentificativoSdI", null)],
            }, delivery.Content, ct);

        InvoiceRoute? route;
        await using (var query = store.QuerySession())
            route = await query.LoadAsync<InvoiceRoute>(document.CodiceDestinatario, ct);
        if (route is null)
        {
            log.LogWarning("Invoice file {File} ({Sdi}) is for the office code {Code}, which routes nowhere: kept for an operator",
                delivery.FileName, sdiId, document.CodiceDestinatario);
            return await KeepAsync(file with
            {
                Status = ReceivedFileStatus.Unrouted,
                Problems = [new ReceivedFileProblem("unknown-office-code",
                    $"CodiceDestinatario '{document.CodiceDestinatario}' is not the office code of any entity: add the route, then receive the file again, or reject it (EC02)",
                    "FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario", null)],
            }, delivery.Content, ct);
        }

        if (delivery.OnlyFor is { } uploader && uploader != route.Tenant)
            return await KeepAsync(file with
            {
                Status = ReceivedFileStatus.Refused,
                Problems = [new ReceivedFileProblem("other-entity",
                    $"CodiceDestinatario '{document.CodiceDestinatario}' is not an office of {uploader}: the invoice was not opened here", "CodiceDestinatario", null)],
            }, delivery.Content, ct);

        // The file as SdI delivered it (signed or not) is the invoice the case registers and preserves.
        await files.StoreAsync(route.Tenant, sha256, delivery.Content, clock.GetUtcNow(), ct);
        var invoices = new List<ReceivedInvoice>();
        foreach (var body in document.Bodies)
            invoices.Add(await OpenCaseAsync(route, file with { IdentificativoSdI = sdiId }, document, body, delivery, ct));
        return await SaveAsync(file with { Status = ReceivedFileStatus.Received, Tenant = route.Tenant, StoredIn = route.Tenant, Invoices = invoices }, ct);
    }

    /// <summary>
    /// One invoice of the file becomes a case, unless the same invoice (supplier, type, number, date)
    /// already has one in this entity. The command id is derived from the SdI file and the body's
    /// position, so a delivery repeated after a crash opens nothing twice.
    /// </summary>
    private async Task<ReceivedInvoice> OpenCaseAsync(InvoiceRoute route, ReceivedInvoiceFile file, FatturaPaDocument document, InvoiceBody body,
        InvoiceDelivery delivery, CancellationToken ct)
    {
        var supplier = document.Supplier.Name;
        var key = InvoiceDuplicates.KeyOf(document, body);
        await using (var query = store.QuerySession(route.Tenant))
            if (await query.LoadAsync<InvoiceKey>(key, ct) is { } earlier && earlier.FileId != file.Id)
                return new ReceivedInvoice(body.Position, body.Number, body.Date, supplier, body.TotalCents, null, earlier.CaseId, null);

        var inputs = InvoiceCaseInputs.For(file, document, body, delivery, route, options.Value.Rules);
        var by = new Actor(delivery.By ?? $"sdi:{delivery.Channel}", "system", route.Office) { Name = delivery.Channel };
        var outcome = await cases.OpenAsync(StableId.For($"invoice:{route.Tenant}:{file.Id}:{body.Position}"), route.Tenant, DefinitionId, inputs, by, ct);
        if (outcome.Status is not (CommandStatus.Accepted or CommandStatus.Duplicate))
        {
            log.LogWarning("Invoice {Number} of file {File} opened no case: {Error}", body.Number, file.FileName, outcome.Error);
            var errors = outcome.Errors is { Count: > 0 } e ? ": " + string.Join("; ", e.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")) : "";
            return new ReceivedInvoice(body.Position, body.Number, body.Date, supplier, body.TotalCents, null, null, outcome.Error + errors);
        }

        await using var session = store.LightweightSession(route.Tenant);
        session.Store(new InvoiceKey(key, outcome.CaseId, file.Id, body.Position));
        await session.SaveChangesAsync(ct);
        return new ReceivedInvoice(body.Position, body.Number, body.Date, supplier, body.TotalCents, outcome.CaseId, null, null);
    }

    /// <summary>What an uploader of another entity learns of a file already received: only that it is not hers.</summary>
    private static ReceivedInvoiceFile NotYours(ReceivedInvoiceFile known) => known with
    {
        Status = ReceivedFileStatus.Refused, Tenant = null, Invoices = [], Messages = [], CodiceDestinatario = null,
        Problems = [new ReceivedFileProblem("other-entity", "this file was received by another entity", null, null)],
    };

    /// <summary>The MT that came with the file must be about this file (MessaggiTypes v1.1 gives no hash in the MT: the name is what binds them).</summary>
    private static MetadatiInvioFile? ReadMetadata(InvoiceDelivery delivery, out List<ReceivedFileProblem> problems)
    {
        problems = [];
        if (delivery.Metadata is null) return null;
        var reading = SdiMessages.Read(delivery.Metadata);
        if (reading.Message is not MetadatiInvioFile mt)
        {
            problems.Add(new ReceivedFileProblem("metadata-invalid",
                $"the metadata file (MT) is not a valid MetadatiInvioFile: {string.Join("; ", reading.Problems.Select(p => p.Message))}", "MetadatiInvioFile", null));
            return null;
        }
        if (!string.Equals(mt.NomeFile, delivery.FileName, StringComparison.Ordinal))
            problems.Add(new ReceivedFileProblem("metadata-mismatch", $"the MT names the file '{mt.NomeFile}', not '{delivery.FileName}'", "MetadatiInvioFile/NomeFile", null));
        return mt;
    }

    /// <summary>A file that opens no case: its bytes in the store of no entity, its record with its reasons.</summary>
    private async Task<IngestOutcome> KeepAsync(ReceivedInvoiceFile file, byte[] content, CancellationToken ct)
    {
        await files.StoreAsync(ReceivedInvoiceFile.Unassigned, file.Sha256, content, clock.GetUtcNow(), ct);
        log.LogWarning("Invoice file {File} kept as {Status}: {Problems}", file.FileName, file.Status, string.Join("; ", file.Problems.Select(p => p.Message)));
        return await SaveAsync(file, ct);
    }

    private async Task<IngestOutcome> SaveAsync(ReceivedInvoiceFile file, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(file);
        await session.SaveChangesAsync(ct);
        return new IngestOutcome(file, AlreadyReceived: false);
    }
}
