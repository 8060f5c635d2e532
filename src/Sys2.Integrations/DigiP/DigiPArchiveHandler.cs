using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// <c>digip.archive</c>: inputs <c>protocolNumber</c>, <c>documentType</c>, <c>document</c>
/// ({ name, sha256, mediaType, size }), optional <c>protocolDate</c> and <c>flow</c> (E/U/I,
/// default E), optional <c>attachments</c> (documents preserved in the same SIP); result <c>{ id, receivedAt, sipDigest }</c>. The SIP holds the case record and the
/// document, whose bytes must be found and must hash to the digest the case recorded.
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
        var flow = input.Flow ?? "E";
        if (flow is not ("E" or "U" or "I")) throw wire.Invalid("flow", $"'{flow}' is not E, U or I");
        var registration = new Registration(flow, options.Value.RegisterType, protocolNumber, input.ProtocolDate);
        var subject = $"{documentType} – prot. {protocolNumber}";
        var now = clock.GetUtcNow();

        var files = new List<SipFile>
        {
            new("pratica.xml", "application/xml",
                CaseRecord.For(call.Tenant, call.CaseId, call.Step, documentType, protocolNumber, now),
                $"{call.Tenant}-{call.CaseId}-pratica", "d", documentType, registration, subject),
        };
        if (input.Document is { } document)
            files.Add(await DocumentAsync(call, document, documentType, registration, subject, ct));
        // What belongs with the document in the same package (an invoice's SdI messages): an attachment
        // the case never had (a message that did not come) is null and simply absent.
        foreach (var attachment in (input.Attachments ?? []).OfType<DocumentInput>().DistinctBy(a => a.Sha256.ToLowerInvariant()))
            files.Add(await DocumentAsync(call, attachment, documentType, registration, subject, ct));

        var entity = EntityCatalogue.Load().ByTenantId(call.Tenant);
        var holder = new SipAgent(entity?.Name ?? call.Tenant, entity?.CodiceFiscale?.Value);
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

    private async Task<SipFile> DocumentAsync(
        ActivityCall call, DocumentInput document, string documentType, Registration registration, string subject, CancellationToken ct)
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
        return new SipFile(name, mediaType, content, $"{call.Tenant}-{registration.Number}-{sha256[..12]}", "b", documentType, registration, subject);
    }

    /// <summary>What a definition passes: the protocol entry of the act, its type, and the document the case recorded.</summary>
    private sealed record ArchiveInput(
        [property: JsonConverter(typeof(CodeConverter))] string ProtocolNumber,
        string DocumentType,
        string? Flow = null,
        DateOnly? ProtocolDate = null,
        DocumentInput? Document = null,
        IReadOnlyList<DocumentInput?>? Attachments = null);

    /// <summary>A document as the case recorded it (<c>DocumentAttached</c>): its bytes are found by digest.</summary>
    private sealed record DocumentInput(string Name, string Sha256, string? MediaType = null);
}
