using System.Text.Json;
using System.Xml.Linq;
using Sys2.Integrations.Protocol;
using Sys2.Workflows.Formats.Protocol;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.Protocol;

/// <summary>
/// The protocol registers of the 64 AOOs, in memory. Numbers are drawn under one lock, after
/// validation, so concurrent registrations get 1, 2, 3… with none skipped or given twice; the
/// year (and so the restart at 1) is the calendar year in Italy at the moment of registration.
/// </summary>
public sealed class SimulatedProtocolRegister(TimeProvider clock)
{
    public static readonly TimeZoneInfo Italy = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Aoo, string Register, int Year), int> _last = [];
    private readonly Dictionary<(string Aoo, string Register, int Year, int Number), RegistrationAnswer> _registrations = [];
    private readonly Dictionary<(string Aoo, string Key), (string Fingerprint, (string, string, int, int) Id)> _byKey = [];
    private readonly Dictionary<(string Aoo, string Key), (string, string, int, int)> _cancelledByKey = [];

    /// <summary>Registers, or answers the registration made earlier with the same key and request.</summary>
    public RegisterOutcome Register(Entity aoo, string register, string idempotencyKey, RegistrationBody body)
    {
        var fingerprint = JsonSerializer.Serialize(body);
        var tenant = aoo.TenantId.ToUpperInvariant();
        lock (_gate)
        {
            if (_byKey.TryGetValue((tenant, idempotencyKey), out var earlier))
            {
                return earlier.Fingerprint == fingerprint
                    ? new RegisterOutcome(_registrations[earlier.Id], Replayed: true, Conflict: null)
                    : new RegisterOutcome(null, false, $"the Idempotency-Key '{idempotencyKey}' was used for a different registration");
            }

            var now = clock.GetUtcNow();
            var local = TimeZoneInfo.ConvertTime(now, Italy);
            var year = local.Year;
            var number = _last.GetValueOrDefault((tenant, register, year)) + 1;
            _last[(tenant, register, year)] = number;

            var date = DateOnly.FromDateTime(local.DateTime);
            var registration = new RegistrationAnswer(
                aoo.TenantId, register, year, ProtocolNumber.Format(number), date, now,
                body.Direction!, body.Sender, body.Recipients ?? [], body.Subject!.Trim(), body.Document, body.Notes, body.ExternalReference,
                SegnaturaOf(aoo, register, number, date, body), null);
            _registrations[(tenant, register, year, number)] = registration;
            _byKey[(tenant, idempotencyKey)] = (fingerprint, (tenant, register, year, number));
            return new RegisterOutcome(registration, Replayed: false, Conflict: null);
        }
    }

    public RegistrationAnswer? Find(Entity aoo, string register, int year, int number)
    {
        lock (_gate) return _registrations.GetValueOrDefault((aoo.TenantId.ToUpperInvariant(), register, year, number));
    }

    /// <summary>Cancels (art. 54): the registration stays, with when and why; a second cancellation is a conflict.</summary>
    public RegisterOutcome Cancel(Entity aoo, string register, int year, int number, string reason, string idempotencyKey)
    {
        var tenant = aoo.TenantId.ToUpperInvariant();
        var key = (tenant, register, year, number);
        lock (_gate)
        {
            if (!_registrations.TryGetValue(key, out var registration)) return new RegisterOutcome(null, false, null);
            if (_cancelledByKey.TryGetValue((tenant, idempotencyKey), out var earlier) && earlier == key)
                return new RegisterOutcome(registration, Replayed: true, Conflict: null);
            if (registration.Cancellation is { } done)
                return new RegisterOutcome(registration, false, $"registration {registration.Number}/{year} was already cancelled on {done.At:yyyy-MM-dd}: {done.Reason}");
            var cancelled = registration with { Cancellation = new RegisteredCancellation(clock.GetUtcNow(), reason.Trim()) };
            _registrations[key] = cancelled;
            _cancelledByKey[(tenant, idempotencyKey)] = key;
            return new RegisterOutcome(cancelled, false, null);
        }
    }

    private static string SegnaturaOf(Entity aoo, string register, int number, DateOnly date, RegistrationBody body)
    {
        var codes = AooCodes.For(aoo);
        var self = new SegnaturaParty(codes.Denominazione, CodiceAmministrazione: codes.CodiceAmministrazione, CodiceAoo: codes.CodiceAoo);
        static SegnaturaParty Other(RegisteredParty p) => new(p.Name!, p.FiscalCode, p.Email, p.Phone);
        var incoming = body.Direction == "incoming";
        var content = new SegnaturaContent(
            codes.CodiceAmministrazione, codes.CodiceAoo, register, number, date, body.Subject!.Trim(),
            incoming ? Other(body.Sender!) : self,
            incoming ? [self] : (body.Recipients ?? []).Select(Other).ToList(),
            body.Document is { } d ? [new SegnaturaDocument(d.Name!, d.Sha256!, d.MediaType)] : []);
        return Segnatura.Build(content).ToString(SaveOptions.DisableFormatting);
    }
}

/// <summary>A registration (new or replayed), a conflict to report, or neither when nothing was found.</summary>
public sealed record RegisterOutcome(RegistrationAnswer? Registration, bool Replayed, string? Conflict);
