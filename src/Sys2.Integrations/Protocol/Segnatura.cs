using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// The segnatura di protocollo (DPR 445/2000 art. 55) as AgID's Linee guida sul documento informatico (2021),
/// Allegato 6 "Comunicazione tra AOO di documenti amministrativi protocollati", define it: the
/// <c>SegnaturaInformatica</c> of the official schema <c>segnatura_protocollo.xsd</c> (namespace
/// <c>http://www.agid.gov.it/protocollo/</c>, <c>versione</c> 3.0.0), shipped under <c>Protocol/Schemas</c> and
/// validated with <see cref="SegnaturaSchema"/>. Its last element is the AOO's XAdES signature
/// (<see cref="SegnaturaSeal"/>).
/// </summary>
/// <remarks>
/// The schema says <c>attributeFormDefault="qualified"</c>: every attribute it declares (<c>versione</c>,
/// <c>lang</c>, <c>nomeFile</c>, <c>mimeType</c>, <c>algoritmo</c>, <c>descrizione</c>, <c>tipo</c>) is written in
/// its namespace, <c>prot:versione="3.0.0"</c>.
/// </remarks>
public static class Segnatura
{
    public static readonly XNamespace Namespace = SegnaturaSchema.Namespace;

    /// <summary>The <c>versione</c> the schema fixes.</summary>
    public const string Versione = "3.0.0";

    /// <summary>The digest of every document (Allegato 6 §3: SHA-256, base64).</summary>
    public const string DigestAlgorithm = "SHA-256";

    private const int MaxCharacters = 1 << 20;

    /// <summary>The segnatura without its signature: <see cref="SegnaturaSeal.Sign"/> adds it.</summary>
    public static XDocument Build(SegnaturaContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var p = Namespace;
        var root = new XElement(p + "SegnaturaInformatica",
            new XAttribute(XNamespace.Xmlns + "prot", p.NamespaceName),
            new XAttribute(p + "versione", Versione),
            new XAttribute(p + "lang", "it"),
            new XElement(p + "Intestazione",
                new XElement(p + "Identificatore",
                    new XElement(p + "CodiceAmministrazione", content.CodiceAmministrazione),
                    new XElement(p + "CodiceAOO", content.CodiceAoo),
                    new XElement(p + "CodiceRegistro", content.CodiceRegistro),
                    new XElement(p + "NumeroRegistrazione", Workflows.Formats.Protocol.ProtocolNumber.Format(content.Numero)),
                    new XElement(p + "DataRegistrazione", content.Data.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    content.Ora is { } ora ? new XElement(p + "OraRegistrazione", ora.ToString("HH:mm:ss", CultureInfo.InvariantCulture)) : null),
                new XElement(p + "Oggetto", content.Oggetto),
                // Classifica: Denominazione and the path titolo → classe (Allegato 6 §3.1, ClassificaType).
                new XElement(p + "Classifica",
                    new XElement(p + "Denominazione", content.Classifica.Description),
                    new XElement(p + "CodicePath",
                        new XElement(p + "Livello", new XAttribute(p + "descrizione", content.Classifica.TitoloName), content.Classifica.Titolo),
                        new XElement(p + "SubLivello",
                            new XElement(p + "Livello", new XAttribute(p + "descrizione", content.Classifica.ClasseName), content.Classifica.Classe)))),
                content.Fascicolo is { } fascicolo
                    ? new XElement(p + "Fascicolo",
                        new XElement(p + "Denominazione", fascicolo.Denominazione),
                        new XElement(p + "CodiceFascicolo", fascicolo.CodiceFascicolo))
                    : null),
            new XElement(p + "Descrizione",
                new XElement(p + "Mittente", Party(content.Mittente)),
                content.Destinatari.Select(d => new XElement(p + "Destinatario", Party(d))),
                Document("DocumentoPrimario", content.DocumentoPrimario),
                content.Allegati.Select(a => Document("Allegato", a))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>
    /// Reads a segnatura received from a register: well-formed without DTDs or external entities, valid against the
    /// shipped Allegato 6 schema, and its XAdES signature intact. Answers its identifier.
    /// </summary>
    /// <exception cref="FormatException">Not XML, not valid against the schema, not signed, or signed over other content.</exception>
    public static SegnaturaIdentifiers Read(string xml)
    {
        var document = Load(xml);
        var problems = SegnaturaSchema.Validate(document);
        if (problems.Count > 0) throw new FormatException("the segnatura is not valid against Allegato 6: " + string.Join("; ", problems));
        SegnaturaSeal.Verify(document);

        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("p", Namespace.NamespaceName);
        string Value(string name) =>
            document.SelectSingleNode($"/p:SegnaturaInformatica/p:Intestazione/p:Identificatore/p:{name}", ns)?.InnerText is { Length: > 0 } v
                ? v
                : throw new FormatException($"the segnatura has no {name}");
        return new SegnaturaIdentifiers(Value("CodiceAmministrazione"), Value("CodiceAOO"), Value("CodiceRegistro"), Value("NumeroRegistrazione"), Value("DataRegistrazione"));
    }

    /// <summary>The segnatura as a DOM with its whitespace kept (the signature covers it), parsed safely.</summary>
    public static XmlDocument Load(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharacters };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"the segnatura is not well-formed XML: {e.Message}", e);
        }

        return document;
    }

    private static XElement Document(string element, SegnaturaDocument document)
    {
        var p = Namespace;
        return new XElement(p + element,
            new XAttribute(p + "nomeFile", document.NomeFile),
            new XAttribute(p + "mimeType", document.MimeType),
            new XElement(p + "Impronta", new XAttribute(p + "algoritmo", DigestAlgorithm), Convert.ToBase64String(Convert.FromHexString(document.Sha256Hex))),
            // A .p7m holds its CAdES signature inside (SignType/UnDetached); a detached signature would be a file of its own.
            document.FirmatoDigitalmente ? new XElement(p + "firmatoDigitalmente", new XElement(p + "UnDetached", "true")) : null);
    }

    private static XElement Party(SegnaturaParty party)
    {
        var p = Namespace;
        if (party.CodiceAmministrazione is not null)
        {
            return new XElement(p + "Amministrazione",
                new XElement(p + "DenominazioneAmministrazione", party.Denominazione),
                party.CodiceFiscale is { Length: 11 } cf ? new XElement(p + "CFAmministrazione", cf) : null,
                new XElement(p + "CodiceIPAAmministrazione", party.CodiceAmministrazione),
                Contatti(party),
                party.CodiceAoo is null ? null : new XElement(p + "CodiceIPAAOO", party.CodiceAoo));
        }

        if (party.CodiceFiscale is { Length: 16 } personal)
        {
            // Sys2 holds a person's name as one string: the first word is taken as the given name, the rest as the
            // surname (PersonaFisicaType wants both). [check] once the portal sends them apart.
            var words = party.Denominazione.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new XElement(p + "PersonaFisica",
                new XElement(p + "Nome", words.Length > 0 ? words[0] : party.Denominazione),
                new XElement(p + "Cognome", words.Length > 1 ? words[1] : party.Denominazione),
                new XElement(p + "CodiceFiscale", personal.ToUpperInvariant()),
                Contatti(party, "Contatti"));
        }

        return new XElement(p + "PersonaGiuridica",
            new XElement(p + "Denominazione", party.Denominazione),
            party.CodiceFiscale is { Length: 11 } vat ? new XElement(p + "PIVAoCF", vat) : null,
            Contatti(party, "ContattiPersonaGiuridica"));
    }

    private static XElement? Contatti(SegnaturaParty party, string element = "ContattiAmministrazione")
    {
        if (party.Email is null && party.Telefono is null) return null;
        var p = Namespace;
        return new XElement(p + element,
            party.Email is null ? null : new XElement(p + "IndirizzoTelematico", new XAttribute(p + "tipo", "smtp"), party.Email),
            party.Telefono is null ? null : new XElement(p + "Telefono", party.Telefono));
    }
}
