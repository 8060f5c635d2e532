namespace Sys2.Integrations.Protocol;

/// <summary>
/// What to register: an incoming document has a <see cref="Sender"/>, an outgoing one
/// <see cref="Recipients"/> (the AOO is the other side). <see cref="Document"/> may be absent for
/// an outgoing act whose file is produced later; <see cref="ExternalReference"/> is the received
/// document's own identifier (e.g. the SdI identifier of an invoice). <see cref="Classification"/> is the
/// titolario class (DPR 445/2000 art. 56: every registration is classified), <see cref="Fascicolo"/> the case.
/// </summary>
public sealed record RegistrationRequest(
    string Aoo,
    string Register,
    ProtocolDirection Direction,
    ProtocolParty? Sender,
    IReadOnlyList<ProtocolParty> Recipients,
    string Subject,
    ProtocolDocument? Document,
    string? Notes = null,
    string? ExternalReference = null,
    string? Classification = null,
    RegisteredFascicolo? Fascicolo = null);

public enum ProtocolDirection
{
    Incoming,
    Outgoing,
}

/// <summary>A sender or recipient. The codice fiscale may be absent (a foreign party) but is valid when given.</summary>
public sealed record ProtocolParty(string? FiscalCode, string Name, string? Email, string? Phone);

/// <summary>The registered document: its SHA-256 digest (64 hex digits) binds the registration to the file.</summary>
public sealed record ProtocolDocument(string Name, string Sha256, string? MediaType, long? Size);
