using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Sys2.Integrations.Protocol;
using Sys2.Workflows.Formats.Protocol;
using Sys2.Workflows.Formats.Records;
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
    private readonly ConcurrentDictionary<string, Lazy<SegnaturaSeal>> _seals = new();

    /// <summary>Registers, or answers the registration made earlier with the same key and request.</summary>
    public RegisterOutcome Register(Entity aoo, string register, string idempotencyKey, RegistrationBody body)
    {
        var fingerprint = JsonSerializer.Serialize(body);
        var seal = SealOf(aoo); // made outside the lock: a key pair takes a while, signing does not
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
                SegnaturaOf(aoo, seal, register, number, local, body), null, body.Classification);
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

    // Allegato 6: the segnatura describes a protocol message, a primary document with its digest; a registration
    // without a document (an act whose file comes later) has none.
    private static string? SegnaturaOf(Entity aoo, SegnaturaSeal seal, string register, int number, DateTimeOffset local, RegistrationBody body)
    {
        if (body.Document is not { } d) return null;
        var codes = AooCodes.For(aoo);
        var self = new SegnaturaParty(codes.Denominazione, aoo.CodiceFiscale?.Value, CodiceAmministrazione: codes.CodiceAmministrazione, CodiceAoo: codes.CodiceAoo);
        static SegnaturaParty Other(RegisteredParty p) => new(p.Name!, p.FiscalCode, p.Email, p.Phone);
        var incoming = body.Direction == "incoming";
        Titolario.For(aoo.TenantId).TryClassify(body.Classification, out var classifica);
        var content = new SegnaturaContent(
            codes.CodiceAmministrazione, codes.CodiceAoo, register, number, DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime),
            body.Subject!.Trim(), classifica,
            body.Fascicolo is { Code: { } code } f ? new SegnaturaFascicolo(f.Name ?? code, code) : null,
            incoming ? Other(body.Sender!) : self,
            incoming ? [self] : (body.Recipients ?? []).Select(Other).ToList(),
            new SegnaturaDocument(d.Name!, d.MediaType ?? "application/octet-stream", d.Sha256!.ToLowerInvariant()),
            []);
        return seal.Sign(Segnatura.Build(content), local);
    }

    // Each AOO's seal: a self-signed certificate made once per run over one key pair of the simulator (a real
    // register signs with the AOO's qualified seal); making a key pair is slow, a certificate is not.
    private static readonly Lazy<RSA> SealKey = new(() => RSA.Create(2048));

    private SegnaturaSeal SealOf(Entity aoo) =>
        _seals.GetOrAdd(aoo.TenantId, _ => new Lazy<SegnaturaSeal>(() =>
            SegnaturaSeal.SelfSigned($"CN=Sigillo {AooCodes.For(aoo).CodiceAoo} (sandbox), O={AooCodes.For(aoo).Denominazione}, C=IT", SealKey.Value, clock.GetUtcNow()))).Value;
}

/// <summary>A registration (new or replayed), a conflict to report, or neither when nothing was found.</summary>
public sealed record RegisterOutcome(RegistrationAnswer? Registration, bool Replayed, string? Conflict);
