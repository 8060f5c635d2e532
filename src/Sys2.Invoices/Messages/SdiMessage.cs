namespace Sys2.Invoices;

/// <summary>
/// A message of SdI's exchange (MessaggiTypes v1.1, namespace <c>http://www.fatturapa.gov.it/sdi/messaggi/v1.0</c>)
/// about one invoice file: SdI's identifier of that file and the file's name. EC and SE carry no NomeFile in their
/// XML: for them it is the caller's to set, and reading leaves it empty.
/// </summary>
public abstract record SdiMessage(string IdentificativoSdI, string NomeFile)
{
    /// <summary>The two letters in the message's file name and in the specifiche: RC, NS, MC, DT, NE, SE, AT, MT, EC.</summary>
    public abstract string Kind { get; }

    /// <summary>Note: free text SdI may add.</summary>
    public string? Note { get; init; }
}

/// <summary>RC, ricevuta di consegna: SdI delivered the invoice to the recipient. The 15 days for EC run from <see cref="DataOraConsegna"/>.</summary>
public sealed record RicevutaConsegna(
    string IdentificativoSdI, string NomeFile, DateTimeOffset DataOraRicezione, DateTimeOffset DataOraConsegna,
    SdiRecipient Destinatario, string MessageId) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public override string Kind => SdiMessageKinds.RicevutaConsegna;
    public SdiArchiveReference? RiferimentoArchivio { get; init; }
    public string? PecMessageId { get; init; }
}

/// <summary>NS, notifica di scarto: SdI refused the file; each error a code (00001..) and its description.</summary>
public sealed record NotificaScarto(
    string IdentificativoSdI, string NomeFile, DateTimeOffset DataOraRicezione, IReadOnlyList<SdiError> ListaErrori,
    string MessageId) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public override string Kind => SdiMessageKinds.NotificaScarto;
    public SdiArchiveReference? RiferimentoArchivio { get; init; }
    public string? PecMessageId { get; init; }
}

/// <summary>MC, notifica di mancata consegna: SdI could not deliver the invoice (it is then made available, then AT).</summary>
public sealed record NotificaMancataConsegna(
    string IdentificativoSdI, string NomeFile, DateTimeOffset DataOraRicezione, string? Descrizione,
    string MessageId) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public override string Kind => SdiMessageKinds.NotificaMancataConsegna;
    public SdiArchiveReference? RiferimentoArchivio { get; init; }
    public string? PecMessageId { get; init; }
}

/// <summary>DT, notifica di decorrenza termini: 15 days passed after the RC with no EC; no outcome can be sent any more.</summary>
public sealed record NotificaDecorrenzaTermini(
    string IdentificativoSdI, string NomeFile, string? Descrizione, string MessageId) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public override string Kind => SdiMessageKinds.NotificaDecorrenzaTermini;
    public SdiInvoiceReference? RiferimentoFattura { get; init; }
    public string? PecMessageId { get; init; }
}

/// <summary>NE, notifica esito: SdI forwards the entity's outcome (the EC, echoed) to the supplier.</summary>
public sealed record NotificaEsito(
    string IdentificativoSdI, string NomeFile, NotificaEsitoCommittente EsitoCommittente, string MessageId) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public override string Kind => SdiMessageKinds.NotificaEsito;
    public string? PecMessageId { get; init; }
}

/// <summary>SE, scarto esito committente: SdI refused the entity's EC (EN00 not in format, EN01 not admissible, e.g. after the DT).</summary>
public sealed record ScartoEsitoCommittente(
    string IdentificativoSdI, string NomeFile, string Scarto, string MessageId) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public const string NonConforme = "EN00";
    public const string NonAmmissibile = "EN01";

    public override string Kind => SdiMessageKinds.ScartoEsitoCommittente;
    public SdiInvoiceReference? RiferimentoFattura { get; init; }
    public string? MessageIdCommittente { get; init; }
    public string? PecMessageId { get; init; }
}

/// <summary>
/// AT, attestazione di avvenuta trasmissione della fattura con impossibilità di recapito: after an MC, SdI attests
/// the invoice was transmitted (the element is AttestazioneTrasmissioneFattura).
/// </summary>
public sealed record AttestazioneTrasmissione(
    string IdentificativoSdI, string NomeFile, DateTimeOffset DataOraRicezione, SdiRecipient Destinatario,
    string MessageId, string HashFileOriginale) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public override string Kind => SdiMessageKinds.AttestazioneTrasmissione;
    public SdiArchiveReference? RiferimentoArchivio { get; init; }
    public string? PecMessageId { get; init; }
}

/// <summary>
/// MT, metadati del file: what SdI sends the recipient beside the invoice file. (The v1.1 schema shipped here has no
/// Hash element in MetadatiInvioFile: the file's hash is the reader's to compute, <see cref="InvoiceFileReading.Sha256"/>.)
/// </summary>
/// <param name="Formato">FPA12, FPR12 or FSM10.</param>
/// <param name="TentativiInvio">How many times SdI has tried to deliver this file.</param>
public sealed record MetadatiInvioFile(
    string IdentificativoSdI, string NomeFile, string CodiceDestinatario, string Formato, int TentativiInvio,
    string MessageId) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public override string Kind => SdiMessageKinds.MetadatiInvioFile;
}

/// <summary>
/// EC, notifica di esito committente: the entity accepts (EC01) or rejects (EC02, with the reason in
/// <see cref="Descrizione"/>, at most 255 characters) the invoice, within 15 days of the RC's delivery.
/// </summary>
/// <param name="NomeFile">Not written: the invoice file's name, kept for the caller (read back empty).</param>
public sealed record NotificaEsitoCommittente(
    string IdentificativoSdI, string NomeFile, EsitoCommittente Esito, string? Descrizione) : SdiMessage(IdentificativoSdI, NomeFile)
{
    public const int DescrizioneMaxLength = 255;

    public override string Kind => SdiMessageKinds.NotificaEsitoCommittente;

    /// <summary>One body of a lotto, by number, year and position.</summary>
    public SdiInvoiceReference? RiferimentoFattura { get; init; }
    public string? MessageIdCommittente { get; init; }
}

/// <summary>EC01 accettazione, EC02 rifiuto.</summary>
public enum EsitoCommittente
{
    EC01,
    EC02,
}

/// <summary>Destinatario: the recipient's office code and its description.</summary>
public sealed record SdiRecipient(string Codice, string Descrizione);

/// <summary>RiferimentoArchivio: the archive (zip) file the invoice came in.</summary>
public sealed record SdiArchiveReference(string IdentificativoSdI, string NomeFile);

/// <summary>RiferimentoFattura: one invoice of a file, by its Numero, the year of its Data and its position in a lotto.</summary>
public sealed record SdiInvoiceReference(string NumeroFattura, int AnnoFattura, int? PosizioneFattura);

/// <summary>One Errore of an NS: a five-character code (00001 ...) and its description.</summary>
public sealed record SdiError(string Codice, string Descrizione);

/// <summary>The two letters of each message, as in its file name (<see cref="SdiFileNames"/>).</summary>
public static class SdiMessageKinds
{
    public const string RicevutaConsegna = "RC";
    public const string NotificaScarto = "NS";
    public const string NotificaMancataConsegna = "MC";
    public const string NotificaDecorrenzaTermini = "DT";
    public const string NotificaEsito = "NE";
    public const string ScartoEsitoCommittente = "SE";
    public const string AttestazioneTrasmissione = "AT";
    public const string MetadatiInvioFile = "MT";
    public const string NotificaEsitoCommittente = "EC";

    public static IReadOnlyList<string> All { get; } =
        [RicevutaConsegna, NotificaScarto, NotificaMancataConsegna, NotificaDecorrenzaTermini, NotificaEsito, ScartoEsitoCommittente, AttestazioneTrasmissione, MetadatiInvioFile, NotificaEsitoCommittente];
}
