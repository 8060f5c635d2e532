using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MimeKit;
using Sys2.Integrations.DigiP;
using Sys2.Integrations.Notifications;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.Pec;

/// <summary>
/// <c>pec.send</c>: an act with legal effect to the party's domicilio digitale (CAD art. 3-bis and 6;
/// DPR 68/2005). Inputs <c>to</c> (a party with <c>pec</c>), <c>template</c>, <c>subject</c>, optional
/// <c>protocolNumber</c>/<c>protocolDate</c>/<c>documentType</c> (the act's outgoing registration),
/// optional <c>document</c> ({ name, sha256, mediaType }: the act's file in the case's store) and the free
/// texts (<c>reasons</c>, <c>measures</c>…). Without a document the act is written from the registration
/// and the texts as a text file, kept in the case's store. Result <c>{ channel: "pec", messageId (the
/// provider's), sentMessageId, to, acceptedAt (ricevuta di accettazione), document { name, sha256,
/// mediaType, size } }</c>. A party without a PEC address is a permanent failure: no retry gives her a
/// domicilio digitale, and the act must go by other means (CAD art. 3-bis c.4-bis).
/// </summary>
public sealed class PecSendHandler(IPecPort pec, IDocumentContent documents, IOptions<PecOptions> options, TimeProvider clock) : IActivityHandler
{
    public const string System = "pec";
    public const string Send = "pec.send";

    private static readonly string[] NotText = ["to", "template", "subject", "document", "protocolNumber", "protocolDate", "documentType"];

    public IReadOnlyCollection<string> Activities { get; } = [Send];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var wire = WireBody.Input(System, call);
        var input = WireBody.ReadInput<PecInput>(System, call);
        var party = input.To;
        if (party.Pec is null)
            throw wire.Invalid("to.pec", $"is missing: {party.Label} has no domicilio digitale (PEC address); the act must be sent by other means (CAD art. 3-bis c.4-bis)");
        if (!MailboxAddress.TryParse(party.Pec, out var mailbox) || !mailbox.Address.Contains('@'))
            throw wire.Invalid("to.pec", $"'{party.Pec}' of {party.Label} is not a PEC address");

        var sender = EntityCatalogue.Load().ByTenantId(call.Tenant)?.Name ?? call.Tenant;
        var details = call.Input
            .Where(p => !NotText.Contains(p.Key) && p.Value is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s))
            .Select(p => (Label(p.Key), p.Value!.GetValue<string>().Trim()))
            .ToList();

        var act = input.Document is { } named
            ? await StoredActAsync(wire, call.Tenant, named, ct)
            : await WrittenActAsync(call, input, sender, details, ct);

        var messageId = MessageIds.For(call.IdempotencyKey, options.Value.MessageIdDomain);
        var body = NotificationText.EmailBody(party.Name, input.Subject, details, sender, input.Template);
        var acceptance = await pec.SendAsync(new PecMessage(mailbox.Address, party.Name, input.Subject, body, input.Template, messageId, act)
        {
            Entity = call.Tenant,
            CaseId = call.CaseId,
        }, ct);

        return new JsonObject
        {
            ["channel"] = "pec",
            ["messageId"] = acceptance.ProviderMessageId,
            ["sentMessageId"] = messageId,
            ["to"] = mailbox.Address,
            ["acceptedAt"] = acceptance.AcceptedAt.ToString("O", CultureInfo.InvariantCulture),
            ["document"] = new JsonObject
            {
                ["name"] = act.Name,
                ["sha256"] = Sha256Hex.Of(act.Content),
                ["mediaType"] = act.MediaType,
                ["size"] = act.Content.LongLength,
            },
        };
    }

    private static string Label(string key) => key switch
    {
        "notes" => "Note",
        "measures" => "Misure prescritte",
        "reasons" => "Motivi ostativi",
        "reason" => "Motivo",
        "request" => "Documenti richiesti",
        _ => key,
    };

    // The act the case holds: its bytes must be found and hash to the digest the case recorded.
    private async Task<PecAttachment> StoredActAsync(WireBody wire, string tenant, PecDocument document, CancellationToken ct)
    {
        var sha256 = document.Sha256.ToLowerInvariant();
        if (!Sha256Hex.IsDigest(sha256)) throw wire.Invalid("document.sha256", $"'{document.Sha256}' is not a SHA-256 digest");
        var bytes = await documents.FindAsync(tenant, sha256, ct)
            ?? throw wire.Invalid("document", $"{document.Name} ({sha256}) is not in the entity's document store");
        if (Sha256Hex.Of(bytes) != sha256) throw wire.Invalid("document", $"the stored bytes of {document.Name} do not hash to {sha256}");
        return new PecAttachment(document.Name, document.MediaType ?? "application/octet-stream", bytes);
    }

    // No file named: the act is written from its registration and texts, the same words on every
    // redelivery (no clock in it), and kept in the case's store so it can be preserved with the receipt.
    private async Task<PecAttachment> WrittenActAsync(ActivityCall call, PecInput input, string sender, IReadOnlyList<(string Label, string Text)> details, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.AppendLine(sender);
        if (input.ProtocolNumber is not null)
            text.Append("Protocollo in uscita n. ").Append(input.ProtocolNumber).Append(input.ProtocolDate is { } date ? $" del {date:dd/MM/yyyy}" : "").AppendLine();
        text.Append("Pratica ").AppendLine(call.CaseId);
        if (input.DocumentType is not null) text.AppendLine().AppendLine(input.DocumentType);
        text.AppendLine().AppendLine(input.Subject).AppendLine();
        foreach (var (label, detail) in details) text.Append(label).Append(": ").AppendLine(detail).AppendLine();
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var name = input.ProtocolNumber is null ? "atto.txt" : $"atto-prot-{input.ProtocolNumber}.txt";
        await documents.StoreAsync(call.Tenant, Sha256Hex.Of(bytes), bytes, clock.GetUtcNow(), ct);
        return new PecAttachment(name, "text/plain; charset=utf-8", bytes);
    }

    private sealed record PecInput(Party To, string Template, string Subject, string? ProtocolNumber, DateOnly? ProtocolDate, string? DocumentType, PecDocument? Document);

    private sealed record PecDocument(string Name, string Sha256, string? MediaType);
}
