namespace Sys2.Invoices.Tests.Support;

/// <summary>One message of each kind about the sample invoice, every optional element filled where the schema has one.</summary>
public static class Messages
{
    public const string Id = "111222333";
    public const string Invoice = "IT01234567890_00001.xml.p7m";
    public static readonly DateTimeOffset Received = new(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset Delivered = new(2026, 3, 2, 10, 20, 30, TimeSpan.FromHours(1));
    public static readonly SdiRecipient Office = new("UFABCD", "Comune di Ancona - Ragioneria");

    public static NotificaEsitoCommittente Accepted => new(Id, Invoice, EsitoCommittente.EC01, null)
    {
        RiferimentoFattura = new SdiInvoiceReference("123", 2017, 1),
        MessageIdCommittente = "EC-0001",
    };

    public static NotificaEsitoCommittente Rejected(string reason) => new(Id, Invoice, EsitoCommittente.EC02, reason);

    public static IEnumerable<SdiMessage> OneOfEach() =>
    [
        new RicevutaConsegna(Id, Invoice, Received, Delivered, Office, "RC-1") { PecMessageId = "<pec-1@sdi>", Note = "consegnata" },
        new NotificaScarto(Id, Invoice, Received, [new SdiError("00404", "Fattura duplicata"), new SdiError("00411", "DatiRitenuta senza linee")], "NS-1"),
        new NotificaMancataConsegna(Id, Invoice, Received, "Casella PEC piena", "MC-1") { RiferimentoArchivio = new SdiArchiveReference("111222000", "IT01234567890_00001.zip") },
        new NotificaDecorrenzaTermini(Id, Invoice, "Decorsi 15 giorni", "DT-1") { RiferimentoFattura = new SdiInvoiceReference("123", 2017, null) },
        new NotificaEsito(Id, Invoice, Rejected("Manca il CIG del contratto") with { NomeFile = "" }, "NE-1"),
        new ScartoEsitoCommittente(Id, "", ScartoEsitoCommittente.NonAmmissibile, "SE-1") { MessageIdCommittente = "EC-0001" },
        new AttestazioneTrasmissione(Id, Invoice, Received, Office, "AT-1", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        new MetadatiInvioFile(Id, Invoice, "UFABCD", "FPA12", 1, "MT-1"),
        Accepted with { NomeFile = "" },
        Rejected("Importi non conformi al contratto") with { NomeFile = "" },
    ];
}
