using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sys2.Workflows.Formats.Protocol;
using Sys2.Integrations.Http;
using Sys2.Workflows.Formats;

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
        var body = new JsonObject
        {
            ["direction"] = Direction(request.Direction),
            ["sender"] = request.Sender is null ? null : Party(request.Sender),
            ["recipients"] = new JsonArray(request.Recipients.Select(r => (JsonNode)Party(r)).ToArray()),
            ["subject"] = request.Subject,
            ["document"] = request.Document is null ? null : new JsonObject
            {
                ["name"] = request.Document.Name,
                ["sha256"] = request.Document.Sha256.ToLowerInvariant(),
                ["mediaType"] = request.Document.MediaType,
                ["size"] = request.Document.Size,
            },
            ["notes"] = request.Notes,
            ["externalReference"] = request.ExternalReference,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{RegisterPath(request.Aoo, request.Register)}/registrations")
        {
            Content = JsonContent.Create(body),
        };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        await response.EnsureSuccessAsync(System, ct);
        var registration = Read(JsonFields.Answer(System, await response.ReadObjectAsync(System, ct)), request.Aoo, request.Register);
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
        return Read(JsonFields.Answer(System, await response.ReadObjectAsync(System, ct)), id.Aoo, id.Register);
    }

    public async Task<ProtocolRegistration> CancelAsync(RegistrationId id, string reason, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        using var message = new HttpRequestMessage(HttpMethod.Post, RegistrationPath(id) + "/cancellation")
        {
            Content = JsonContent.Create(new JsonObject { ["reason"] = reason }),
        };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        await FailIfMissingAsync(response, id, ct);
        await response.EnsureSuccessAsync(System, ct);
        var registration = Read(JsonFields.Answer(System, await response.ReadObjectAsync(System, ct)), id.Aoo, id.Register);
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

    private static JsonObject Party(ProtocolParty party) => new()
    {
        ["fiscalCode"] = party.FiscalCode,
        ["name"] = party.Name,
        ["email"] = party.Email,
        ["phone"] = party.Phone,
    };

    private static ProtocolRegistration Read(JsonFields body, string aoo, string register)
    {
        var answeredAoo = body.String("aoo");
        if (!string.Equals(answeredAoo, aoo, StringComparison.OrdinalIgnoreCase)) throw body.Invalid("aoo", $"is '{answeredAoo}', expected '{aoo}'");
        var answeredRegister = body.String("register");
        if (!string.Equals(answeredRegister, register, StringComparison.OrdinalIgnoreCase)) throw body.Invalid("register", $"is '{answeredRegister}', expected '{register}'");

        var number = body.String("number");
        if (!ProtocolNumber.TryParse(number, out _))
            throw body.Invalid("number", $"must be at least {ProtocolNumber.MinimumDigits} digits, got '{number}'");
        var date = body.Date("date");
        var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var year = body.Integer("year");
        if (year != date.Year) throw body.Invalid("year", $"is {year} but the date is {dateText}");
        var registeredAt = body.Instant("registeredAt");
        var direction = body.String("direction") switch
        {
            "incoming" => ProtocolDirection.Incoming,
            "outgoing" => ProtocolDirection.Outgoing,
            var other => throw body.Invalid("direction", $"must be 'incoming' or 'outgoing', got '{other}'"),
        };

        var segnatura = body.String("segnatura");
        SegnaturaIdentifiers identifiers;
        try
        {
            identifiers = Segnatura.Read(segnatura);
        }
        catch (FormatException e)
        {
            throw body.Invalid("segnatura", e.Message);
        }

        if (identifiers.NumeroRegistrazione != number || identifiers.DataRegistrazione != dateText)
            throw body.Invalid("segnatura", $"says {identifiers.NumeroRegistrazione} of {identifiers.DataRegistrazione}, the registration {number} of {dateText}");

        var document = body.OptionalObject("document");
        var cancellation = body.OptionalObject("cancellation");
        return new ProtocolRegistration(
            answeredAoo, answeredRegister, (int)year, number, date, registeredAt, direction,
            body.OptionalObject("sender") is { } sender ? ReadParty(sender) : null,
            body.Objects("recipients").Select(ReadParty).ToList(),
            body.String("subject"),
            document is null ? null : ReadDocument(document),
            body.OptionalString("notes"),
            body.OptionalString("externalReference"),
            segnatura,
            cancellation is null ? null : ReadCancellation(cancellation));
    }

    private static ProtocolParty ReadParty(JsonFields party) =>
        new(party.OptionalString("fiscalCode"), party.String("name"), party.OptionalString("email"), party.OptionalString("phone"));

    private static ProtocolDocument ReadDocument(JsonFields document)
    {
        var sha256 = document.String("sha256");
        if (!Sha256Hex.IsDigest(sha256)) throw document.Invalid("sha256", $"must be 64 hex digits, got '{sha256}'");
        return new ProtocolDocument(document.String("name"), sha256, document.OptionalString("mediaType"), document.OptionalInteger("size"));
    }

    private static ProtocolCancellation ReadCancellation(JsonFields cancellation) =>
        new(cancellation.Instant("at"), cancellation.String("reason"));
}
