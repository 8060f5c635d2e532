using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Formats.Records;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// <c>digip.archive</c>: the fascicolo of a case to DigiP. Inputs <c>protocolNumber</c> and <c>protocolDate</c> (the
/// application's registration: Allegato 5 wants both), <c>documentType</c>, <c>classification</c> (a class of the
/// entity's titolario), <c>document</c> ({ name, sha256, mediaType, size }), optional <c>flow</c> (E/U/I, default E),
/// optional <c>attachments</c> (documents preserved in the same SIP: the receipts, SdI's messages; each may carry its
/// own <c>protocolNumber</c>, <c>protocolDate</c>, <c>flow</c> and <c>documentType</c>, else it shares the
/// document's registration) and optional <c>acts</c> (the acts the case registered, each
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
        var files = new List<SipFile>
        {
            new("pratica.xml", "application/xml",
                CaseRecord.For(call.Tenant, call.CaseId, call.Step, documentType, registration,
                    actRegistrations.Select(a => (a.Act.DocumentType, a.Registration)).ToList(), now),
                $"{call.Tenant}-{call.CaseId}-pratica", "d", documentType, registration, subject,
                filed.Classification, filed.Titolario, filed.Fascicolo),
        };
        if (input.Document is { } document)
            files.Add(await DocumentAsync(call, document, "b", documentType, registration, subject, filed, ct));
        foreach (var (act, actRegistration) in actRegistrations.Where(a => a.Act.Document is not null))
            files.Add(await DocumentAsync(call, act.Document!, "a", act.DocumentType, actRegistration, $"{act.DocumentType} – prot. {act.ProtocolNumber}", filed, ct));
        // What belongs with the document in the same package (the receipts, an invoice's SdI messages): an attachment
        // the case never had (a message that did not come) is null and simply absent. One with registration data of
        // its own keeps it; one without shares the document's.
        var attachments = (input.Attachments ?? []).OfType<DocumentInput>().DistinctBy(a => a.Sha256.ToLowerInvariant()).ToList();
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var own = attachment.ProtocolNumber is { } number
                ? Registration(wire, $"attachments[{i}].", attachment.Flow ?? "E", registerType, number, attachment.ProtocolDate)
                : registration;
            var type = attachment.DocumentType ?? documentType;
            files.Add(await DocumentAsync(call, attachment, "b", type, own, $"{type} – prot. {own.Number}", filed, ct));
        }

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

    /// <summary>A document as the case recorded it (<c>DocumentAttached</c>): its bytes are found by digest; optionally its own registration.</summary>
    private sealed record DocumentInput(
        string Name,
        string Sha256,
        string? MediaType = null,
        [property: JsonConverter(typeof(CodeConverter))] string? ProtocolNumber = null,
        DateOnly? ProtocolDate = null,
        string? Flow = null,
        string? DocumentType = null);

    /// <summary>An act the case registered (outgoing): its registration and, when the case holds it, its document.</summary>
    private sealed record ActInput(
        [property: JsonConverter(typeof(CodeConverter))] string ProtocolNumber,
        DateOnly? ProtocolDate,
        string DocumentType,
        DocumentInput? Document = null);
}
