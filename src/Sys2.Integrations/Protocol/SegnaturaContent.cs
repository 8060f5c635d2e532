using Sys2.Workflows.Formats.Records;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// What a segnatura di protocollo says (AgID, Linee guida sul documento informatico 2021, Allegato 6, §2–3):
/// the registration's identifier, its subject and classification, the fascicolo, the sender and recipients, and the
/// primary document and attachments with their digests. <see cref="Numero"/> and <see cref="Data"/> are the
/// registration's number and its day in Italy; <see cref="Ora"/> its time there.
/// </summary>
public sealed record SegnaturaContent(
    string CodiceAmministrazione,
    string CodiceAoo,
    string CodiceRegistro,
    int Numero,
    DateOnly Data,
    TimeOnly? Ora,
    string Oggetto,
    Classification Classifica,
    SegnaturaFascicolo? Fascicolo,
    SegnaturaParty Mittente,
    IReadOnlyList<SegnaturaParty> Destinatari,
    SegnaturaDocument DocumentoPrimario,
    IReadOnlyList<SegnaturaDocument> Allegati);

/// <summary>The fascicolo the registered document belongs to: Sys2's case is the fascicolo, its number the code.</summary>
public sealed record SegnaturaFascicolo(string Denominazione, string CodiceFascicolo);

/// <summary>
/// A sender or recipient: an administration (with its IPA code, AOO code and codice fiscale) or a person or
/// company. A 16-character codice fiscale is a person's (PersonaFisica), anything else a PersonaGiuridica.
/// </summary>
public sealed record SegnaturaParty(
    string Denominazione,
    string? CodiceFiscale = null,
    string? Email = null,
    string? Telefono = null,
    string? CodiceAmministrazione = null,
    string? CodiceAoo = null);

/// <summary>A registered document: its file name, MIME type and SHA-256 digest (hex, as the engine carries it; base64 in the XML).</summary>
public sealed record SegnaturaDocument(string NomeFile, string MimeType, string Sha256Hex)
{
    /// <summary>A CAdES envelope (.p7m) carries its signature with the content: Allegato 6's <c>UnDetached</c>.</summary>
    public bool FirmatoDigitalmente =>
        MimeType.StartsWith("application/pkcs7", StringComparison.OrdinalIgnoreCase)
        || NomeFile.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The identifier a segnatura carries (Intestazione/Identificatore), as written.</summary>
public sealed record SegnaturaIdentifiers(
    string CodiceAmministrazione, string CodiceAoo, string CodiceRegistro, string NumeroRegistrazione, string DataRegistrazione);
