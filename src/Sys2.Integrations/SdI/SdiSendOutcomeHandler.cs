using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Integrations.DigiP;
using Sys2.Integrations.Wire;
using Sys2.Invoices;
using Sys2.Workflows.Formats;

namespace Sys2.Integrations.SdI;

/// <summary>
/// <c>sdi.send-outcome</c>: inputs <c>identificativoSdI</c>, <c>esito</c> (EC01 accept, EC02 reject),
/// <c>descrizione</c> (the reason, required for EC02, at most 255 characters), <c>invoiceNumber</c>,
/// <c>invoiceDate</c>, <c>invoiceFileName</c> (the SdI file it came in) and <c>position</c> (the invoice's place in its file). Writes the
/// <c>NotificaEsitoCommittente</c> message of the SdI specifications, keeps it in the entity's
/// store and hands it to IntermediaMarche. Result: <c>{ messageId, esito, message: { name, sha256, mediaType, size } }</c>.
/// </summary>
public sealed class SdiSendOutcomeHandler(ISdiPort sdi, IDocumentContent documents, TimeProvider clock) : IActivityHandler
{
    public IReadOnlyCollection<string> Activities { get; } = [Sys2.Workflows.Definitions.Activities.SdiSendOutcome];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var wire = WireBody.Input(SdiHttpAdapter.System, call);
        var input = WireBody.ReadInput<OutcomeInput>(SdiHttpAdapter.System, call);
        var esito = input.Esito switch
        {
            "EC01" => EsitoCommittente.EC01,
            "EC02" => EsitoCommittente.EC02,
            var other => throw wire.Invalid("esito", $"must be EC01 (accept) or EC02 (reject), got '{other}'"),
        };
        // DM 55/2013 all. B: a rejection states its reason, in at most 255 characters; an acceptance needs none.
        var reason = string.IsNullOrWhiteSpace(input.Descrizione) ? null : input.Descrizione.Trim();
        if (esito == EsitoCommittente.EC02 && reason is null) throw wire.Invalid("descrizione", "is required for a rejection (EC02)");
        if (reason is { Length: > NotificaEsitoCommittente.DescrizioneMaxLength })
            throw wire.Invalid("descrizione", $"has {reason.Length} characters: SdI takes at most {NotificaEsitoCommittente.DescrizioneMaxLength}");

        // The message id the entity gives its outcome: derived from the call, so a retry writes the same message.
        var messageId = Sha256Hex.Of(System.Text.Encoding.UTF8.GetBytes(call.IdempotencyKey))[..14];
        var message = new NotificaEsitoCommittente(input.IdentificativoSdI, input.InvoiceFileName, esito, reason)
        {
            RiferimentoFattura = new SdiInvoiceReference(input.InvoiceNumber, input.InvoiceDate.Year, input.Position),
            MessageIdCommittente = messageId,
        };
        if (SdiMessages.Check(message) is [_, ..] problems)
            throw wire.Invalid("esito", $"makes no valid outcome message: {string.Join("; ", problems.Select(p => p.Message))}");
        var xml = SdiMessages.Write(message);
        // The EC is named after the invoice file, with the invoice's position as its progressive (one EC per invoice of a lotto).
        var fileName = SdiFileNames.Message(input.InvoiceFileName, SdiMessageKinds.NotificaEsitoCommittente, input.Position);
        var sha256 = Sha256Hex.Of(xml);
        await documents.StoreAsync(call.Tenant, sha256, xml, clock.GetUtcNow(), ct);

        var accepted = await sdi.SendOutcomeAsync(call.Tenant, new OutcomeMessage(input.IdentificativoSdI, fileName, xml), call.IdempotencyKey, ct);
        return new JsonObject
        {
            ["messageId"] = accepted.MessageId,
            ["esito"] = input.Esito,
            ["acceptedAt"] = accepted.AcceptedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["message"] = new JsonObject { ["name"] = fileName, ["sha256"] = sha256, ["mediaType"] = "application/xml", ["size"] = xml.LongLength },
        };
    }

    private sealed record OutcomeInput(string IdentificativoSdI, string Esito, string InvoiceFileName, string InvoiceNumber, DateOnly InvoiceDate,
        int Position = 1, string? Descrizione = null);
}
