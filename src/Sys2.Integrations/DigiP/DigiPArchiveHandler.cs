using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// <c>digip.archive</c>: inputs <c>protocolNumber</c>, <c>documentType</c>, <c>document</c>
/// ({ name, sha256, mediaType, size }), optional <c>protocolDate</c> and <c>flow</c> (E/U/I,
/// default E); result <c>{ id, receivedAt, sipDigest }</c>. The SIP holds the case record and the
/// document, whose bytes must be found and must hash to the digest the case recorded.
/// </summary>
public sealed class DigiPArchiveHandler(IDigiPPort digip, IDocumentContent documents, IOptions<DigiPAdapterOptions> options, TimeProvider clock)
    : IActivityHandler
{
    public const string Activity = "digip.archive";

    public IReadOnlyCollection<string> Activities { get; } = [Activity];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var input = JsonFields.Input(DigiPHttpAdapter.System, call);
        var protocolNumber = input.Code("protocolNumber");
        var documentType = input.String("documentType");
        var flow = input.OptionalString("flow") ?? "E";
        if (flow is not ("E" or "U" or "I")) throw input.Invalid("flow", $"'{flow}' is not E, U or I");
        var registration = new Registration(flow, options.Value.RegisterType, protocolNumber, input.OptionalDate("protocolDate"));
        var subject = $"{documentType} – prot. {protocolNumber}";
        var now = clock.GetUtcNow();

        var files = new List<SipFile>
        {
            new("pratica.xml", "application/xml",
                CaseRecord.For(call.Tenant, call.CaseId, call.Step, documentType, protocolNumber, now),
                $"{call.Tenant}-{call.CaseId}-pratica", "d", documentType, registration, subject),
        };
        if (input.OptionalObject("document") is { } document)
            files.Add(await DocumentAsync(call, document, documentType, registration, subject, ct));

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
        ActivityCall call, JsonFields document, string documentType, Registration registration, string subject, CancellationToken ct)
    {
        var name = document.String("name");
        var sha256 = document.String("sha256").ToLowerInvariant();
        var mediaType = document.OptionalString("mediaType") ?? "application/octet-stream";
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
}
