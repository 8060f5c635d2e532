using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Formats.Records;
using Sys2.Workflows.Runtime;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// <c>digip.archive</c>: the fascicolo of a case to DigiP. Inputs <c>protocolNumber</c> and <c>protocolDate</c> (the
/// application's registration: Allegato 5 wants both), <c>documentType</c>, <c>classification</c> (a class of the
/// entity's titolario), <c>document</c> ({ name, sha256, mediaType, size }), optional <c>flow</c> (E/U/I, default E),
/// optional <c>attachments</c> (documents preserved in the same SIP: the receipts, SdI's messages; each may carry its
/// own <c>protocolNumber</c> and <c>protocolDate</c>, or, when it is not a protocol entry, its own <c>identifier</c> and
/// <c>date</c> (a PEC receipt's message id and date, an SdI message's IdentificativoSdI and message id); a <c>flow</c> and a
/// <c>documentType</c>; with neither it shares the document's registration) and optional <c>acts</c> (the acts the case registered, each
/// <c>{ protocolNumber, protocolDate, documentType, document? }</c>, flow U). Result <c>{ id, receivedAt, sipDigest }</c>.
/// The SIP holds the case record (every registration of the case) and each document with its Allegato 5 metadata,
/// classified and aggregated in the case's fascicolo; a document's bytes must be found and hash to the digest the case
/// recorded.
/// </summary>
public sealed class DigiPArchiveHandler(IDigiPPort digip, IDocumentContent documents, IOptions<DigiPAdapterOptions> options, TimeProvider clock)
    : IActivityHandler
{
    public const string Activity = "digip.archive";

    public IReadOnlyCollection<string> Activities { get; } = [Activity];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var wire = WireBody.Input(DigiPHttpAdapter.System, call);
        var input = WireBody.ReadInput<ArchiveInput>(DigiPHttpAdapter.System, call);
        var protocolNumber = input.ProtocolNumber;
        var documentType = input.DocumentType;
        var registerType = options.Value.RegisterType;
        var registration = Registration(wire, "", input.Flow ?? "E", registerType, protocolNumber, input.ProtocolDate);
        var titolario = Titolario.For(call.Tenant);
        if (!titolario.TryClassify(input.Classification, out var classification))
            throw wire.Invalid("classification", input.Classification is null
                ? $"is missing: a preserved document is classified under the {titolario.Name} (Allegato 5, Classificazione)"
                : $"'{input.Classification}' is not a class of the {titolario.Name}");
        var filed = new Filing(classification, titolario.Name, call.CaseId);
        var subject = $"{documentType} – prot. {protocolNumber}";
        var now = clock.GetUtcNow();

        var acts = (input.Acts ?? []).OfType<ActInput>().ToList();
        var actRegistrations = acts.Select((a, i) => (Act: a, Registration: Registration(wire, $"acts[{i}].", "U", registerType, a.ProtocolNumber, a.ProtocolDate))).ToList();
        var files = new List<SipFile>();
        if (input.Document is { } document)
            files.Add(await DocumentAsync(call, document, "b", documentType, registration, subject, filed, ct));
        foreach (var (act, actRegistration) in actRegistrations.Where(a => a.Act.Document is not null))
            files.Add(await DocumentAsync(call, act.Document!, "a", act.DocumentType, actRegistration, $"{act.DocumentType} – prot. {act.ProtocolNumber}", filed, ct));
        // What belongs with the document in the same package (the receipts, an invoice's SdI messages): an attachment
        // the case never had (a message that did not come) is null and simply absent. One with registration data of
        // its own keeps it; one without shares the document's.
        var attachments = (input.Attachments ?? []).OfType<DocumentInput>().DistinctBy(a => a.Sha256.ToLowerInvariant()).ToList();
        var ownRegistrations = new List<(string DocumentType, Registration Registration)>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var type = attachment.DocumentType ?? documentType;
            var own = OwnRegistration(wire, $"attachments[{i}].", attachment, registerType) ?? registration;
            if (!ReferenceEquals(own, registration)) ownRegistrations.Add((type, own));
            var ownSubject = own.RegisterType == Allegato5Metadata.NoRegisterType ? $"{type} – n. {own.Number}" : $"{type} – prot. {own.Number}";
            files.Add(await DocumentAsync(call, attachment, "b", type, own, ownSubject, filed, ct));
        }

        // The case record comes first in the package: every registration of the fascicolo, the acts' and the
        // attachments' own among them.
        files.Insert(0, new SipFile("pratica.xml", "application/xml",
            CaseRecord.For(call.Tenant, call.CaseId, call.Step, documentType, registration,
                actRegistrations.Select(a => (a.Act.DocumentType, a.Registration)).ToList(), now, ownRegistrations),
            $"{call.Tenant}-{call.CaseId}-pratica", "d", documentType, registration, subject,
            filed.Classification, filed.Titolario, filed.Fascicolo));

        var holder = SipAgent.For(call.Tenant);
        var sip = SipBuilder.Build($"SIP-{call.Tenant}-{call.CaseId}-{call.Step}", files, holder, now);

        return await digip.SubmitAsync(call.Tenant, sip, call.IdempotencyKey, ct) switch
        {
            RapportoDiVersamento rapporto => new JsonObject
            {
                ["id"] = rapporto.Id,
                ["receivedAt"] = rapporto.ReceivedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["sipDigest"] = rapporto.SipDigest,
            },
            SipRejected rejected => throw new IntegrationException(DigiPHttpAdapter.System, $"SIP {sip.Id} rejected: {rejected}", transient: false),
            var other => throw new IntegrationException(DigiPHttpAdapter.System, $"unexpected outcome {other}", transient: false),
        };
    }

    // Allegato 5, DatiDiRegistrazione: a protocol entry is its number, its date and its register; the date is required.
    private static Registration Registration(WireBody wire, string path, string flow, string registerType, string number, DateOnly? date)
    {
        if (flow is not ("E" or "U" or "I")) throw wire.Invalid(path + "flow", $"'{flow}' is not E, U or I");
        if (date is null && registerType != Allegato5Metadata.NoRegisterType)
            throw wire.Invalid(path + "protocolDate", $"is missing: the preserved registration {number} needs its date (Allegato 5, DatiDiRegistrazione)");
        return new Registration(flow, registerType, number, date);
    }

    // An attachment's own registration data, when it has some. A protocol entry is a number and a date in the register;
    // a document the protocol does not register (a PEC receipt, an SdI message) is identified by its own number and date:
    // Allegato 5, DatiDiRegistrazione, TipoRegistro "Nessuno" (DataDocumento, NumeroDocumento).
    private static Registration? OwnRegistration(WireBody wire, string path, DocumentInput attachment, string registerType)
    {
        if (attachment.ProtocolNumber is { } number)
            return Registration(wire, path, attachment.Flow ?? "E", registerType, number, attachment.ProtocolDate);
        if (attachment.Identifier is not { } identifier) return null;
        if (ItalianDate(attachment.Date) is not { } date)
            throw wire.Invalid(path + "date", attachment.Date is null
                ? $"is missing: the document {identifier} is identified by its own number and date (Allegato 5, DatiDiRegistrazione, TipoRegistro Nessuno)"
                : $"'{attachment.Date}' is not a date or a date-time");
        return Registration(wire, path, attachment.Flow ?? "E", Allegato5Metadata.NoRegisterType, identifier, date);
    }

    // A receipt's or a message's own date comes as the system wrote it: a date, or an instant (a PEC receipt's
    // receivedAt, SdI's acceptance time in UTC), which is dated in Italy, where the entity received or sent it.
    private static DateOnly? ItalianDate(string? value)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? LegalCalendar.LocalDate(instant)
            : null;
    }

    private async Task<SipFile> DocumentAsync(
        ActivityCall call, DocumentInput document, string formation, string documentType, Registration registration, string subject, Filing filed, CancellationToken ct)
    {
        var name = document.Name;
        var sha256 = document.Sha256.ToLowerInvariant();
        var mediaType = document.MediaType ?? "application/octet-stream";
        var content = await documents.FindAsync(call.Tenant, sha256, ct)
            ?? throw new IntegrationException(DigiPHttpAdapter.System,
                $"the content of document '{name}' (sha256 {sha256}) is not in the document store of {call.Tenant}: it cannot be preserved",
                transient: false);
        var actual = Sha256Hex.Of(content);
        if (actual != sha256)
            throw new IntegrationException(DigiPHttpAdapter.System,
                $"the stored content of document '{name}' hashes to {actual}, not the {sha256} the case recorded", transient: false);
        return new SipFile(name, mediaType, content, $"{call.Tenant}-{registration.Number}-{sha256[..12]}", formation, documentType, registration, subject,
            filed.Classification, filed.Titolario, filed.Fascicolo);
    }

    private sealed record Filing(Classification Classification, string Titolario, string Fascicolo);

    /// <summary>What a definition passes: the protocol entry of the application, its type, its class, and the documents the case recorded.</summary>
    private sealed record ArchiveInput(
        [property: JsonConverter(typeof(CodeConverter))] string ProtocolNumber,
        string DocumentType,
        string? Flow = null,
        DateOnly? ProtocolDate = null,
        string? Classification = null,
        DocumentInput? Document = null,
        IReadOnlyList<DocumentInput?>? Attachments = null,
        IReadOnlyList<ActInput?>? Acts = null);

    /// <summary>
    /// A document as the case recorded it (<c>DocumentAttached</c>): its bytes are found by digest; optionally its own
    /// registration: a protocol entry (<c>protocolNumber</c>, <c>protocolDate</c>) or its own identifier and date.
    /// </summary>
    private sealed record DocumentInput(
        string Name,
        string Sha256,
        string? MediaType = null,
        [property: JsonConverter(typeof(CodeConverter))] string? ProtocolNumber = null,
        DateOnly? ProtocolDate = null,
        string? Flow = null,
        string? DocumentType = null,
        string? Identifier = null,
        string? Date = null);

    /// <summary>An act the case registered (outgoing): its registration and, when the case holds it, its document.</summary>
    private sealed record ActInput(
        [property: JsonConverter(typeof(CodeConverter))] string ProtocolNumber,
        DateOnly? ProtocolDate,
        string DocumentType,
        DocumentInput? Document = null);
}
