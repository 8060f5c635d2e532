using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>
/// Each message's elements in the schema's order, both ways. The root is in SdI's namespace (prefix <c>types</c>);
/// its children are unqualified, as the schema (no elementFormDefault) declares them.
/// </summary>
internal static class SdiMessageXml
{
    private static readonly XNamespace Types = ShippedSchemas.MessaggiNamespace;
    private const string Versione = "1.0";

    /// <summary>The schema requires ds:Signature in every message SdI sends, not in MT nor in the recipient's EC.</summary>
    public static bool RequiresSignature(SdiMessage message) => message is not (MetadatiInvioFile or NotificaEsitoCommittente);

    public static XElement ToXml(SdiMessage message)
    {
        var root = message switch
        {
            RicevutaConsegna rc => Root("RicevutaConsegna",
                E("IdentificativoSdI", rc.IdentificativoSdI), E("NomeFile", rc.NomeFile),
                E("DataOraRicezione", Time(rc.DataOraRicezione)), E("DataOraConsegna", Time(rc.DataOraConsegna)),
                Recipient(rc.Destinatario), Archive(rc.RiferimentoArchivio), E("MessageId", rc.MessageId),
                E("PecMessageId", rc.PecMessageId), E("Note", rc.Note)),
            NotificaScarto ns => Root("NotificaScarto",
                E("IdentificativoSdI", ns.IdentificativoSdI), E("NomeFile", ns.NomeFile), E("DataOraRicezione", Time(ns.DataOraRicezione)),
                Archive(ns.RiferimentoArchivio),
                new XElement("ListaErrori", ns.ListaErrori.Select(e => new XElement("Errore", E("Codice", e.Codice), E("Descrizione", e.Descrizione)))),
                E("MessageId", ns.MessageId), E("PecMessageId", ns.PecMessageId), E("Note", ns.Note)),
            NotificaMancataConsegna mc => Root("NotificaMancataConsegna",
                E("IdentificativoSdI", mc.IdentificativoSdI), E("NomeFile", mc.NomeFile), E("DataOraRicezione", Time(mc.DataOraRicezione)),
                Archive(mc.RiferimentoArchivio), E("Descrizione", mc.Descrizione), E("MessageId", mc.MessageId),
                E("PecMessageId", mc.PecMessageId), E("Note", mc.Note)),
            NotificaDecorrenzaTermini dt => Root("NotificaDecorrenzaTermini",
                E("IdentificativoSdI", dt.IdentificativoSdI), Invoice(dt.RiferimentoFattura), E("NomeFile", dt.NomeFile),
                E("Descrizione", dt.Descrizione), E("MessageId", dt.MessageId), E("PecMessageId", dt.PecMessageId), E("Note", dt.Note)),
            NotificaEsito ne => Root("NotificaEsito",
                E("IdentificativoSdI", ne.IdentificativoSdI), E("NomeFile", ne.NomeFile),
                new XElement("EsitoCommittente", new XAttribute("versione", Versione), Outcome(ne.EsitoCommittente)),
                E("MessageId", ne.MessageId), E("PecMessageId", ne.PecMessageId), E("Note", ne.Note)),
            ScartoEsitoCommittente se => Root("ScartoEsitoCommittente",
                E("IdentificativoSdI", se.IdentificativoSdI), Invoice(se.RiferimentoFattura), E("Scarto", se.Scarto),
                E("MessageId", se.MessageId), E("MessageIdCommittente", se.MessageIdCommittente),
                E("PecMessageId", se.PecMessageId), E("Note", se.Note)),
            AttestazioneTrasmissione at => Root("AttestazioneTrasmissioneFattura",
                E("IdentificativoSdI", at.IdentificativoSdI), E("NomeFile", at.NomeFile), E("DataOraRicezione", Time(at.DataOraRicezione)),
                Archive(at.RiferimentoArchivio), Recipient(at.Destinatario), E("MessageId", at.MessageId),
                E("PecMessageId", at.PecMessageId), E("Note", at.Note), E("HashFileOriginale", at.HashFileOriginale)),
            MetadatiInvioFile mt => Root("MetadatiInvioFile",
                E("IdentificativoSdI", mt.IdentificativoSdI), E("NomeFile", mt.NomeFile), E("CodiceDestinatario", mt.CodiceDestinatario),
                E("Formato", mt.Formato), E("TentativiInvio", mt.TentativiInvio.ToString(CultureInfo.InvariantCulture)),
                E("MessageId", mt.MessageId), E("Note", mt.Note)),
            NotificaEsitoCommittente ec => Root("NotificaEsitoCommittente", Outcome(ec)),
            _ => throw new ArgumentException($"no XML for {message.GetType().Name}", nameof(message)),
        };
        return root;
    }

    public static SdiMessage? FromXml(XElement root, FieldReader f)
    {
        string Id() => f.RequiredText(root, "IdentificativoSdI");
        string Name() => f.RequiredText(root, "NomeFile");
        string MessageId() => f.RequiredText(root, "MessageId");
        DateTimeOffset Received() => Time(f, root, "DataOraRicezione");
        var note = f.Text(root, "Note");
        var pec = f.Text(root, "PecMessageId");

        SdiMessage? message = root.Name.LocalName switch
        {
            "RicevutaConsegna" => new RicevutaConsegna(Id(), Name(), Received(), Time(f, root, "DataOraConsegna"), Recipient(root, f), MessageId())
                { RiferimentoArchivio = Archive(root, f), PecMessageId = pec },
            "NotificaScarto" => new NotificaScarto(Id(), Name(), Received(),
                [.. root.Element("ListaErrori")?.Elements("Errore").Select(e => new SdiError(f.RequiredText(e, "Codice"), f.RequiredText(e, "Descrizione"))) ?? []],
                MessageId()) { RiferimentoArchivio = Archive(root, f), PecMessageId = pec },
            "NotificaMancataConsegna" => new NotificaMancataConsegna(Id(), Name(), Received(), f.Text(root, "Descrizione"), MessageId())
                { RiferimentoArchivio = Archive(root, f), PecMessageId = pec },
            "NotificaDecorrenzaTermini" => new NotificaDecorrenzaTermini(Id(), Name(), f.Text(root, "Descrizione"), MessageId())
                { RiferimentoFattura = Invoice(root, f), PecMessageId = pec },
            "NotificaEsito" => f.RequiredElement(root, "EsitoCommittente") is { } echo
                ? new NotificaEsito(Id(), Name(), Outcome(echo, "", f), MessageId()) { PecMessageId = pec }
                : null,
            "ScartoEsitoCommittente" => new ScartoEsitoCommittente(Id(), "", f.RequiredText(root, "Scarto"), MessageId())
                { RiferimentoFattura = Invoice(root, f), MessageIdCommittente = f.Text(root, "MessageIdCommittente"), PecMessageId = pec },
            "AttestazioneTrasmissioneFattura" => new AttestazioneTrasmissione(Id(), Name(), Received(), Recipient(root, f), MessageId(), f.RequiredText(root, "HashFileOriginale"))
                { RiferimentoArchivio = Archive(root, f), PecMessageId = pec },
            "MetadatiInvioFile" => new MetadatiInvioFile(Id(), Name(), f.RequiredText(root, "CodiceDestinatario"), f.RequiredText(root, "Formato"),
                f.RequiredInteger(root, "TentativiInvio"), MessageId()),
            "NotificaEsitoCommittente" => Outcome(root, "", f),
            _ => null,
        };
        return message is null || message is NotificaEsitoCommittente ? message : message with { Note = note };
    }

    private static XElement Root(string name, params object?[] content) =>
        new(Types + name, new XAttribute(XNamespace.Xmlns + "types", Types), new XAttribute("versione", Versione), content);

    /// <summary>An optional element is left out rather than written empty.</summary>
    private static XElement? E(string name, string? value) => value is null ? null : new XElement(name, value);

    private static object?[] Outcome(NotificaEsitoCommittente ec) =>
    [
        E("IdentificativoSdI", ec.IdentificativoSdI), Invoice(ec.RiferimentoFattura), E("Esito", ec.Esito.ToString()),
        E("Descrizione", ec.Descrizione), E("MessageIdCommittente", ec.MessageIdCommittente),
    ];

    private static NotificaEsitoCommittente Outcome(XElement element, string nomeFile, FieldReader f) =>
        new(f.RequiredText(element, "IdentificativoSdI"), nomeFile,
            f.RequiredText(element, "Esito") == nameof(EsitoCommittente.EC02) ? EsitoCommittente.EC02 : EsitoCommittente.EC01,
            f.Text(element, "Descrizione"))
        { RiferimentoFattura = Invoice(element, f), MessageIdCommittente = f.Text(element, "MessageIdCommittente") };

    private static XElement Recipient(SdiRecipient recipient) =>
        new("Destinatario", E("Codice", recipient.Codice), E("Descrizione", recipient.Descrizione));

    private static SdiRecipient Recipient(XElement root, FieldReader f) =>
        f.RequiredElement(root, "Destinatario") is { } d ? new SdiRecipient(f.RequiredText(d, "Codice"), d.Element("Descrizione")?.Value ?? "") : new SdiRecipient("", "");

    private static XElement? Archive(SdiArchiveReference? archive) =>
        archive is null ? null : new XElement("RiferimentoArchivio", E("IdentificativoSdI", archive.IdentificativoSdI), E("NomeFile", archive.NomeFile));

    private static SdiArchiveReference? Archive(XElement root, FieldReader f) =>
        root.Element("RiferimentoArchivio") is { } a ? new SdiArchiveReference(f.RequiredText(a, "IdentificativoSdI"), f.RequiredText(a, "NomeFile")) : null;

    private static XElement? Invoice(SdiInvoiceReference? invoice) =>
        invoice is null
            ? null
            : new XElement("RiferimentoFattura", E("NumeroFattura", invoice.NumeroFattura),
                E("AnnoFattura", invoice.AnnoFattura.ToString(CultureInfo.InvariantCulture)),
                E("PosizioneFattura", invoice.PosizioneFattura?.ToString(CultureInfo.InvariantCulture)));

    private static SdiInvoiceReference? Invoice(XElement root, FieldReader f) =>
        root.Element("RiferimentoFattura") is { } r
            ? new SdiInvoiceReference(f.RequiredText(r, "NumeroFattura"), f.RequiredInteger(r, "AnnoFattura"),
                r.Element("PosizioneFattura") is null ? null : f.RequiredInteger(r, "PosizioneFattura"))
            : null;

    /// <summary>xsd:dateTime with the offset, to the millisecond, as SdI writes it: 2026-03-02T10:15:00.000+01:00.</summary>
    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(FieldReader f, XElement root, string name)
    {
        var text = f.RequiredText(root, name);
        try
        {
            return text.Length == 0 ? default : XmlConvert.ToDateTimeOffset(text);
        }
        catch (FormatException)
        {
            f.Bad(root.Element(name)!, $"'{text}' is not a date and time");
            return default;
        }
    }
}
