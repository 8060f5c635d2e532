using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Sys2.Integrations.Http;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Formats.Protocol;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// A protocol register over HTTP (the regional sandbox's API; a back office such as Halley gets
/// an adapter of its own): <c>POST aoo/{aoo}/registers/{register}/registrations</c>,
/// <c>GET …/registrations/{year}/{number}</c>, <c>POST …/registrations/{year}/{number}/cancellation</c>.
/// </summary>
public sealed class ProtocolHttpAdapter(HttpClient http) : IProtocolPort
{
    public const string System = "protocol";

    public async Task<ProtocolRegistration> RegisterAsync(RegistrationRequest request, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new RegistrationBody(
            Direction(request.Direction),
            request.Sender is null ? null : Party(request.Sender),
            request.Recipients.Select(Party).ToList(),
            request.Subject,
            request.Document is not { } d ? null : new RegisteredDocument(d.Name, d.Sha256.ToLowerInvariant(), d.MediaType, d.Size),
            request.Notes,
            request.ExternalReference,
            request.Classification,
            request.Fascicolo);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{RegisterPath(request.Aoo, request.Register)}/registrations")
        {
            Content = JsonContent.Create(body, options: WireJson.Options),
        };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        await response.EnsureSuccessAsync(System, ct);
        var registration = Read(await response.ReadAsync<RegistrationAnswer>(System, ct), request.Aoo, request.Register);
        if (request.Document is not null && !string.Equals(registration.Document?.Sha256, request.Document.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new IntegrationException(System, $"malformed answer: field 'document.sha256' is '{registration.Document?.Sha256}', not the digest sent ({request.Document.Sha256})", transient: false);
        return registration;
    }

    public async Task<ProtocolRegistration> GetAsync(RegistrationId id, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var message = new HttpRequestMessage(HttpMethod.Get, RegistrationPath(id));
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        await FailIfMissingAsync(response, id, ct);
        await response.EnsureSuccessAsync(System, ct);
        return Read(await response.ReadAsync<RegistrationAnswer>(System, ct), id.Aoo, id.Register);
    }

    public async Task<ProtocolRegistration> CancelAsync(RegistrationId id, string reason, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        using var message = new HttpRequestMessage(HttpMethod.Post, RegistrationPath(id) + "/cancellation")
        {
            Content = JsonContent.Create(new CancellationBody(reason), options: WireJson.Options),
        };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        await FailIfMissingAsync(response, id, ct);
        await response.EnsureSuccessAsync(System, ct);
        var registration = Read(await response.ReadAsync<RegistrationAnswer>(System, ct), id.Aoo, id.Register);
        return registration.Cancelled
            ? registration
            : throw new IntegrationException(System, "malformed answer: field 'cancellation' is missing after a cancellation", transient: false);
    }

    private static async Task FailIfMissingAsync(HttpResponseMessage response, RegistrationId id, CancellationToken ct)
    {
        if (response.StatusCode != HttpStatusCode.NotFound) return;
        var detail = await RegionalSystemHttp.ProblemDetailAsync(response, ct);
        throw new IntegrationException(System,
            $"no registration {ProtocolNumber.Format(id.Number)}/{id.Year} in the register {id.Register} of {id.Aoo}{(detail is null ? string.Empty : ": " + detail)}",
            transient: false);
    }

    private static string RegisterPath(string aoo, string register) =>
        $"aoo/{Uri.EscapeDataString(aoo)}/registers/{Uri.EscapeDataString(register)}";

    private static string RegistrationPath(RegistrationId id) =>
        $"{RegisterPath(id.Aoo, id.Register)}/registrations/{id.Year.ToString(CultureInfo.InvariantCulture)}/{ProtocolNumber.Format(id.Number)}";

    private static string Direction(ProtocolDirection direction) => direction == ProtocolDirection.Incoming ? "incoming" : "outgoing";

    private static RegisteredParty Party(ProtocolParty party) => new(party.FiscalCode, party.Name, party.Email, party.Phone);

    // The shape is the record's; what a type cannot say (the register asked, a number, the segnatura agreeing) is checked here.
    private static ProtocolRegistration Read(RegistrationAnswer answer, string aoo, string register)
    {
        var wire = WireBody.Answer(System);
        if (!string.Equals(answer.Aoo, aoo, StringComparison.OrdinalIgnoreCase)) throw wire.Invalid("aoo", $"is '{answer.Aoo}', expected '{aoo}'");
        if (!string.Equals(answer.Register, register, StringComparison.OrdinalIgnoreCase)) throw wire.Invalid("register", $"is '{answer.Register}', expected '{register}'");

        var number = answer.Number;
        if (!ProtocolNumber.TryParse(number, out _))
            throw wire.Invalid("number", $"must be at least {ProtocolNumber.MinimumDigits} digits, got '{number}'");
        var dateText = answer.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (answer.Year != answer.Date.Year) throw wire.Invalid("year", $"is {answer.Year} but the date is {dateText}");
        var direction = answer.Direction switch
        {
            "incoming" => ProtocolDirection.Incoming,
            "outgoing" => ProtocolDirection.Outgoing,
            var other => throw wire.Invalid("direction", $"must be 'incoming' or 'outgoing', got '{other}'"),
        };

        // Allegato 6: a registered document travels with its segnatura; without a document there is no protocol message.
        if (answer.Segnatura is null)
        {
            if (answer.Document is not null) throw wire.Invalid("segnatura", "is missing for a registration with a document");
        }
        else
        {
            SegnaturaIdentifiers identifiers;
            try
            {
                identifiers = Segnatura.Read(answer.Segnatura);
            }
            catch (FormatException e)
            {
                throw wire.Invalid("segnatura", e.Message);
            }

            if (identifiers.NumeroRegistrazione != number || identifiers.DataRegistrazione != dateText)
                throw wire.Invalid("segnatura", $"says {identifiers.NumeroRegistrazione} of {identifiers.DataRegistrazione}, the registration {number} of {dateText}");
        }

        return new ProtocolRegistration(
            answer.Aoo, answer.Register, answer.Year, number, answer.Date, answer.RegisteredAt, direction,
            answer.Sender is { } sender ? ReadParty(wire, "sender", sender) : null,
            answer.Recipients.Select((r, i) => ReadParty(wire, $"recipients[{i}]", r)).ToList(),
            answer.Subject,
            answer.Document is { } document ? ReadDocument(wire, document) : null,
            string.IsNullOrWhiteSpace(answer.Notes) ? null : answer.Notes,
            string.IsNullOrWhiteSpace(answer.ExternalReference) ? null : answer.ExternalReference,
            answer.Segnatura,
            answer.Cancellation is { } c ? new ProtocolCancellation(c.At, c.Reason) : null,
            answer.Classification);
    }

    private static ProtocolParty ReadParty(WireBody wire, string field, RegisteredParty party) =>
        new(party.FiscalCode, party.Name ?? throw wire.Invalid($"{field}.name", "is missing"), party.Email, party.Phone);

    private static ProtocolDocument ReadDocument(WireBody wire, RegisteredDocument document)
    {
        var sha256 = document.Sha256 ?? throw wire.Invalid("document.sha256", "is missing");
        if (!Sha256Hex.IsDigest(sha256)) throw wire.Invalid("document.sha256", $"must be 64 hex digits, got '{sha256}'");
        return new ProtocolDocument(document.Name ?? throw wire.Invalid("document.name", "is missing"), sha256, document.MediaType, document.Size);
    }
}
