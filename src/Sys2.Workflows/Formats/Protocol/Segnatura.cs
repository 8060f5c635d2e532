using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Sys2.Workflows.Formats.Protocol;

/// <summary>
/// The segnatura di protocollo: the XML a registration is stamped with and that travels with the
/// document (DPR 445/2000 art. 55; AgID Linee guida 2021, Allegato 6). Identificatore
/// (CodiceAmministrazione, CodiceAOO, CodiceRegistro, NumeroRegistrazione, DataRegistrazione),
/// Origine/Mittente, Destinazione/Destinatario, Oggetto, and the documents with their digests.
/// </summary>
/// <remarks>
/// The namespace and element names follow Allegato 6 as read from a draft (DOMAIN.md §7
/// <b>[check]</b>): they are named once here so a correction is made in one place.
/// </remarks>
public static class Segnatura
{
    public static readonly XNamespace Namespace = "http://www.agid.gov.it/protocollo/";

    public const string DigestAlgorithm = "SHA-256";

    private const int MaxCharacters = 1 << 20;

    public static XDocument Build(SegnaturaContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var ns = Namespace;
        var intestazione = new XElement(ns + "Intestazione",
            new XElement(ns + "Identificatore",
                new XElement(ns + "CodiceAmministrazione", content.CodiceAmministrazione),
                new XElement(ns + "CodiceAOO", content.CodiceAoo),
                new XElement(ns + "CodiceRegistro", content.CodiceRegistro),
                new XElement(ns + "NumeroRegistrazione", ProtocolNumber.Format(content.Numero)),
                new XElement(ns + "DataRegistrazione", content.Data.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            new XElement(ns + "Origine", new XElement(ns + "Mittente", Party(content.Mittente))),
            new XElement(ns + "Destinazione", content.Destinatari.Select(d => new XElement(ns + "Destinatario", Party(d)))),
            new XElement(ns + "Oggetto", content.Oggetto));
        var root = new XElement(ns + "Segnatura", new XAttribute("versione", "2021"), new XAttribute(XNamespace.Xml + "lang", "it"), intestazione);
        if (content.Documenti.Count > 0)
        {
            root.Add(new XElement(ns + "Descrizione", content.Documenti.Select((d, i) =>
                new XElement(ns + (i == 0 ? "Documento" : "Allegato"),
                    new XAttribute("nome", d.Name),
                    d.MediaType is null ? null : new XAttribute("tipoMIME", d.MediaType),
                    new XElement(ns + "Impronta",
                        new XAttribute("algoritmo", DigestAlgorithm),
                        new XAttribute("codifica", "base64"),
                        Convert.ToBase64String(Convert.FromHexString(d.Sha256Hex)))))));
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>The identifiers of a segnatura received from elsewhere, parsed without DTDs or external entities.</summary>
    /// <exception cref="FormatException">Not XML, not a segnatura, or an identifier is missing.</exception>
    public static SegnaturaIdentifiers Read(string xml)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharacters };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"the segnatura is not well-formed XML: {e.Message}", e);
        }

        var ns = Namespace;
        if (document.Root?.Name != ns + "Segnatura")
            throw new FormatException($"the segnatura's root is {document.Root?.Name}, expected {ns + "Segnatura"}");
        var id = document.Root.Element(ns + "Intestazione")?.Element(ns + "Identificatore")
                 ?? throw new FormatException("the segnatura has no Intestazione/Identificatore");
        string Value(string name) => id.Element(ns + name)?.Value is { Length: > 0 } v ? v : throw new FormatException($"the segnatura has no {name}");
        return new SegnaturaIdentifiers(Value("CodiceAmministrazione"), Value("CodiceAOO"), Value("CodiceRegistro"), Value("NumeroRegistrazione"), Value("DataRegistrazione"));
    }

    private static XElement Party(SegnaturaParty party)
    {
        var ns = Namespace;
        if (party.CodiceAoo is not null)
        {
            return new XElement(ns + "Amministrazione",
                new XElement(ns + "Denominazione", party.Denominazione),
                new XElement(ns + "CodiceAmministrazione", party.CodiceAmministrazione),
                new XElement(ns + "CodiceAOO", party.CodiceAoo));
        }

        // A 16-character codice fiscale is a person's, an 11-digit one a company's or an entity's.
        var kind = party.CodiceFiscale?.Length switch { 16 => "PersonaFisica", 11 => "PersonaGiuridica", _ => "Persona" };
        return new XElement(ns + kind,
            new XElement(ns + "Denominazione", party.Denominazione),
            party.CodiceFiscale is null ? null : new XElement(ns + "CodiceFiscale", party.CodiceFiscale),
            party.Email is null ? null : new XElement(ns + "IndirizzoTelematico", new XAttribute("tipo", "smtp"), party.Email),
            party.Telefono is null ? null : new XElement(ns + "Telefono", party.Telefono));
    }
}

/// <summary>What a segnatura says; <see cref="Numero"/> is the registration's number, <see cref="Data"/> its date in Italy.</summary>
public sealed record SegnaturaContent(
    string CodiceAmministrazione,
    string CodiceAoo,
    string CodiceRegistro,
    int Numero,
    DateOnly Data,
    string Oggetto,
    SegnaturaParty Mittente,
    IReadOnlyList<SegnaturaParty> Destinatari,
    IReadOnlyList<SegnaturaDocument> Documenti);

/// <summary>A sender or recipient: an administration (with its IPA and AOO codes) or a person or company.</summary>
public sealed record SegnaturaParty(
    string Denominazione,
    string? CodiceFiscale = null,
    string? Email = null,
    string? Telefono = null,
    string? CodiceAmministrazione = null,
    string? CodiceAoo = null);

/// <summary>A registered document and its SHA-256 digest (hex, as the engine carries it; base64 in the XML).</summary>
public sealed record SegnaturaDocument(string Name, string Sha256Hex, string? MediaType);

public sealed record SegnaturaIdentifiers(
    string CodiceAmministrazione, string CodiceAoo, string CodiceRegistro, string NumeroRegistrazione, string DataRegistrazione);
