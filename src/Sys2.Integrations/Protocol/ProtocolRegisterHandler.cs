using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Workflows.Formats.Records;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// <c>protocol.register</c>: inputs <c>direction</c> (incoming | outgoing), <c>sender</c> or
/// <c>recipient</c> (party), <c>subject</c>, <c>document</c> {name, sha256, mediaType, size},
/// <c>classification</c> (a class of the entity's titolario, e.g. <c>VIII.4</c>), optional <c>notes</c> and
/// <c>externalId</c>; registers in the general register of the case's
/// entity. Result: <c>{ number, date (yyyy-MM-dd), year, segnatura, register, aoo, classification }</c>; the segnatura is
/// null when no document was registered.
/// </summary>
public sealed class ProtocolRegisterHandler(IProtocolPort register) : IActivityHandler
{
    /// <summary>The code of the general protocol register of every AOO. <b>[check]</b> with each back office.</summary>
    public const string GeneralRegister = "PG";

    private const string System = ProtocolHttpAdapter.System;

    public IReadOnlyCollection<string> Activities { get; } = [Sys2.Workflows.Definitions.Activities.ProtocolRegister];

    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var wire = WireBody.Input(System, call);
        var request = ReadRequest(call, wire, WireBody.ReadInput<RegisterInput>(System, call));
        var registration = await register.RegisterAsync(request, call.IdempotencyKey, ct);
        return new JsonObject
        {
            ["number"] = registration.Number,
            ["date"] = registration.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["year"] = registration.Year,
            ["segnatura"] = registration.Segnatura,
            ["register"] = registration.Register,
            ["aoo"] = registration.Aoo,
            ["classification"] = registration.Classification,
        };
    }

    /// <summary>What a definition passes; sender or recipient is the other side, by direction.</summary>
    private sealed record RegisterInput(
        string Direction,
        string Subject,
        ProtocolParty? Sender = null,
        ProtocolParty? Recipient = null,
        ProtocolDocument? Document = null,
        string? Notes = null,
        string? Reasons = null,
        string? ExternalId = null,
        string? Classification = null);

    private static RegistrationRequest ReadRequest(ActivityCall call, WireBody wire, RegisterInput input)
    {
        var aoo = call.Tenant;
        // DPR 445/2000 art. 56 and 64 c.4: every registration is classified under the entity's titolario; the
        // definition says where its act is filed (`classification: "'VI.3'"`).
        var titolario = Titolario.For(aoo);
        if (!titolario.TryClassify(input.Classification, out var classification))
            throw wire.Invalid("classification", input.Classification is null
                ? $"is missing: a registration is classified under the {titolario.Name} ({string.Join(", ", titolario.ClassCodes)})"
                : $"'{input.Classification}' is not a class of the {titolario.Name} ({string.Join(", ", titolario.ClassCodes)})");
        var direction = input.Direction switch
        {
            "incoming" => ProtocolDirection.Incoming,
            "outgoing" => ProtocolDirection.Outgoing,
            var other => throw wire.Invalid("direction", $"must be 'incoming' or 'outgoing', got '{other}'"),
        };
        // Incoming: the other side is the sender; outgoing: the recipient. The AOO is the remaining side.
        var sender = direction == ProtocolDirection.Incoming ? CheckParty(wire, "sender", input.Sender) : null;
        var recipients = direction == ProtocolDirection.Outgoing ? [CheckParty(wire, "recipient", input.Recipient)] : Array.Empty<ProtocolParty>();
        var document = input.Document is { } d ? CheckDocument(wire, d) : null;
        // Definitions that register a refusal pass the reasons as `reasons`: they are the registration's notes.
        var notes = input.Notes ?? input.Reasons;
        return new RegistrationRequest(aoo, GeneralRegister, direction, sender, recipients, input.Subject, document, notes, input.ExternalId,
            classification.Code, new RegisteredFascicolo(call.CaseId, $"Pratica {call.CaseId}"));
    }

    private static ProtocolParty CheckParty(WireBody wire, string field, ProtocolParty? party)
    {
        if (party is null) throw wire.Invalid(field, "is missing");
        if (party.FiscalCode is null) return party;
        return CodiceFiscale.TryParse(party.FiscalCode, out var cf, out var error)
            ? party with { FiscalCode = cf.Value }
            : throw wire.Invalid($"{field}.fiscalCode", error);
    }

    private static ProtocolDocument CheckDocument(WireBody wire, ProtocolDocument document)
    {
        if (!Sha256Hex.IsDigest(document.Sha256)) throw wire.Invalid("document.sha256", $"must be the SHA-256 digest as {Sha256Hex.Length} hex digits, got '{document.Sha256}'");
        if (document.Size < 0) throw wire.Invalid("document.size", $"must not be negative, got {document.Size}");
        return document with { Sha256 = document.Sha256.ToLowerInvariant() };
    }
}
