using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Workflows.Formats;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// <c>protocol.register</c>: inputs <c>direction</c> (incoming | outgoing), <c>sender</c> or
/// <c>recipient</c> (party), <c>subject</c>, <c>document</c> {name, sha256, mediaType, size},
/// optional <c>notes</c> and <c>externalId</c>; registers in the general register of the case's
/// entity. Result: <c>{ number, date (yyyy-MM-dd), year, segnatura, register, aoo }</c>.
/// </summary>
public sealed class ProtocolRegisterHandler(IProtocolPort register) : IActivityHandler
{
    /// <summary>The code of the general protocol register of every AOO. <b>[check]</b> with each back office.</summary>
    public const string GeneralRegister = "PG";

    private const string System = ProtocolHttpAdapter.System;

    public IReadOnlyCollection<string> Activities { get; } = [Sys2.Workflows.Definitions.Activities.ProtocolRegister];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var request = ReadRequest(call.Tenant, JsonFields.Input(System, call));
        var registration = await register.RegisterAsync(request, call.IdempotencyKey, ct);
        return new JsonObject
        {
            ["number"] = registration.Number,
            ["date"] = registration.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["year"] = registration.Year,
            ["segnatura"] = registration.Segnatura,
            ["register"] = registration.Register,
            ["aoo"] = registration.Aoo,
        };
    }

    private static RegistrationRequest ReadRequest(string aoo, JsonFields input)
    {
        var direction = input.String("direction") switch
        {
            "incoming" => ProtocolDirection.Incoming,
            "outgoing" => ProtocolDirection.Outgoing,
            var other => throw input.Invalid("direction", $"must be 'incoming' or 'outgoing', got '{other}'"),
        };
        // Incoming: the other side is the sender; outgoing: the recipient. The AOO is the remaining side.
        var sender = direction == ProtocolDirection.Incoming ? ReadParty(input.Object("sender")) : null;
        var recipients = direction == ProtocolDirection.Outgoing ? [ReadParty(input.Object("recipient"))] : Array.Empty<ProtocolParty>();
        var document = input.OptionalObject("document") is { } d ? ReadDocument(d) : null;
        // Definitions that register a refusal pass the reasons as `reasons`: they are the registration's notes.
        var notes = input.OptionalString("notes") ?? input.OptionalString("reasons");
        return new RegistrationRequest(aoo, GeneralRegister, direction, sender, recipients, input.String("subject"), document, notes, input.OptionalString("externalId"));
    }

    private static ProtocolParty ReadParty(JsonFields party)
    {
        var fiscalCode = party.OptionalString("fiscalCode");
        if (fiscalCode is not null)
        {
            fiscalCode = CodiceFiscale.TryParse(fiscalCode, out var cf, out var error) ? cf.Value : throw party.Invalid("fiscalCode", error);
        }

        return new ProtocolParty(fiscalCode, party.String("name"), party.OptionalString("email"), party.OptionalString("phone"));
    }

    private static ProtocolDocument ReadDocument(JsonFields document)
    {
        var sha256 = document.String("sha256");
        if (!Sha256Hex.IsDigest(sha256)) throw document.Invalid("sha256", $"must be the SHA-256 digest as {Sha256Hex.Length} hex digits, got '{sha256}'");
        var size = document.OptionalInteger("size");
        if (size < 0) throw document.Invalid("size", $"must not be negative, got {size}");
        return new ProtocolDocument(document.String("name"), sha256.ToLowerInvariant(), document.OptionalString("mediaType"), size);
    }
}
