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

        // Read first, then ask the database once: is the file known, and where does its office code route?
        var reading = InvoiceFiles.Read(delivery.Content, delivery.FileName);
        var (known, route) = await LookUpAsync(id, reading.Document?.CodiceDestinatario, ct);
        if (known is { Status: not ReceivedFileStatus.Unrouted })
            return new IngestOutcome(delivery.OnlyFor is null || delivery.OnlyFor == known.Tenant ? known : NotYours(known), AlreadyReceived: true);

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

        return await OpenCasesAsync(route, file with { IdentificativoSdI = sdiId, Status = ReceivedFileStatus.Received, Tenant = route.Tenant, StoredIn = route.Tenant },
            document, delivery, ct);
    }

    /// <summary>
    /// One case per invoice of the file, unless the same invoice (supplier, type, number, date) already has one in
    /// this entity. The file's bytes (as SdI delivered them, signed or not: the invoice the case registers and
    /// preserves), its record, the cases and their duplicate keys commit in one transaction: a file is received
    /// whole or not at all. The command ids derive from the SdI file and each body's position, so a delivery
    /// repeated after a crash, or racing this one, opens nothing twice.
    /// </summary>
    private async Task<IngestOutcome> OpenCasesAsync(InvoiceRoute route, ReceivedInvoiceFile file, FatturaPaDocument document, InvoiceDelivery delivery,
        CancellationToken ct)
    {
        var keys = document.Bodies.ToDictionary(b => b.Position, b => InvoiceDuplicates.KeyOf(document, b));
        IReadOnlyDictionary<string, InvoiceKey> earlier;
        await using (var query = store.QuerySession(route.Tenant))
            earlier = (await query.LoadManyAsync<InvoiceKey>(ct, keys.Values.Distinct().ToArray())).Where(k => k.FileId != file.Id).ToDictionary(k => k.Id);

        var supplier = document.Supplier.Name;
        var by = new Actor(delivery.By ?? $"sdi:{delivery.Channel}", "system", route.Office) { Name = delivery.Channel };
        var toOpen = document.Bodies.Where(b => !earlier.ContainsKey(keys[b.Position])).ToList();
        var openings = toOpen.Select(body => new CaseOpening(StableId.For($"invoice:{route.Tenant}:{file.Id}:{body.Position}"), DefinitionId,
            InvoiceCaseInputs.For(file, document, body, delivery, route, options.Value.Rules), by)).ToList();

        ReceivedInvoiceFile? received = null;
        var outcomes = await cases.OpenTogetherAsync(route.Tenant, openings, new DocumentBytes(file.Sha256, delivery.Content), (session, opened) =>
        {
            var invoices = new List<ReceivedInvoice>();
            foreach (var body in document.Bodies)
            {
                if (earlier.TryGetValue(keys[body.Position], out var first))
                {
                    invoices.Add(new ReceivedInvoice(body.Position, body.Number, body.Date, supplier, body.TotalCents, null, first.CaseId, null));
                    continue;
                }
                var outcome = opened[toOpen.IndexOf(body)];
                if (outcome.Status is CommandStatus.Accepted or CommandStatus.Duplicate)
                {
                    session.Store(new InvoiceKey(keys[body.Position], outcome.CaseId, file.Id, body.Position));
                    invoices.Add(new ReceivedInvoice(body.Position, body.Number, body.Date, supplier, body.TotalCents, outcome.CaseId, null, null));
                    continue;
                }
                log.LogWarning("Invoice {Number} of file {File} opened no case: {Error}", body.Number, file.FileName, outcome.Error);
                var errors = outcome.Errors is { Count: > 0 } e ? ": " + string.Join("; ", e.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")) : "";
                invoices.Add(new ReceivedInvoice(body.Position, body.Number, body.Date, supplier, body.TotalCents, null, null, outcome.Error + errors));
            }
            received = file with { Invoices = invoices };
            session.Store(received);
        }, ct);

        if (outcomes is null)
        {
            // The same file, delivered twice at once, was received by the other delivery first: answer what it recorded.
            await using var query = store.QuerySession();
            var known = await query.LoadAsync<ReceivedInvoiceFile>(file.Id, ct)
                ?? throw new InvalidOperationException($"file {file.Id} collided with another delivery that left no record");
            return new IngestOutcome(delivery.OnlyFor is null || delivery.OnlyFor == known.Tenant ? known : NotYours(known), AlreadyReceived: true);
        }
        return new IngestOutcome(received!, AlreadyReceived: false);
    }

    /// <summary>The file's record if it was received before, and the route of its office code, in one round trip.</summary>
    private async Task<(ReceivedInvoiceFile? Known, InvoiceRoute? Route)> LookUpAsync(string id, string? officeCode, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var batch = query.CreateBatchQuery();
        var known = batch.Load<ReceivedInvoiceFile>(id);
        var route = officeCode is null ? Task.FromResult<InvoiceRoute?>(null) : batch.Load<InvoiceRoute>(officeCode);
        await batch.Execute(ct);
        return (await known, await route);
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
