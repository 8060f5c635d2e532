using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// The metadata of one document of a SIP as a <c>DocumentoAmministrativoInformatico</c> after Allegato 5 of AgID's
/// Linee guida sul documento informatico (2021), §2.2: IdDoc with ImprontaCrittograficaDelDocumento, the
/// ModalitaDiFormazione, the TipologiaDocumentale, DatiDiRegistrazione (flow and the register's block with date,
/// number and register code), Soggetti (the entity as PAI by its IPA codes), ChiaveDescrittiva, Allegati,
/// Classificazione (the entity's titolario), Riservato, IdentificativoDelFormato, Verifica, Agg (the fascicolo),
/// NomeDelDocumento, VersioneDelDocumento and TempoDiConservazione.
/// </summary>
/// <remarks>
/// AgID publishes the annex as tables, not as a schema; none was found published. The XML is therefore validated
/// against Sys2's own schema written from the annex's table (<c>DigiP/Schemas/Sys2_Allegato5_DocumentoAmministrativoInformatico.xsd</c>,
/// embedded), which says so in its header. [check] against DigiP's ingest profile.
/// </remarks>
public static class Allegato5Metadata
{
    /// <summary>AgID's value for a document kept for ever (public archives keep case files indefinitely).</summary>
    public const string Illimitato = "9999";

    public const string ProtocolRegisterType = "Protocollo Ordinario/Protocollo Emergenza";
    public const string RepertorioRegisterType = "Repertorio/Registro";
    public const string NoRegisterType = "Nessuno";

    private static readonly Lazy<XmlSchemaSet> Set = new(Compile);

    public static XmlSchemaSet Schema => Set.Value;

    /// <exception cref="InvalidOperationException">A protocol or register entry without its date: Allegato 5 requires it.</exception>
    public static XDocument For(SipFile file, byte[] sha256, SipAgent holder)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(holder);
        var registration = file.Registration;
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("DocumentoAmministrativoInformatico",
                new XElement("IdDoc",
                    new XElement("ImprontaCrittograficaDelDocumento",
                        new XElement("Impronta", Convert.ToBase64String(sha256)),
                        new XElement("Algoritmo", "SHA-256")),
                    new XElement("Identificativo", file.Identifier)),
                new XElement("ModalitaDiFormazione", file.Formation),
                new XElement("TipologiaDocumentale", file.DocumentType),
                new XElement("DatiDiRegistrazione",
                    new XElement("TipologiaDiFlusso", registration.Flow),
                    new XElement("TipoRegistro", Register(registration))),
                new XElement("Soggetti",
                    new XElement("Ruolo",
                        new XElement("TipoRuolo", "Amministrazione che effettua la registrazione"),
                        Pai(holder))),
                new XElement("ChiaveDescrittiva", new XElement("Oggetto", file.Subject)),
                new XElement("Allegati", new XElement("NumeroAllegati", 0)),
                file.Classification is { } c
                    ? new XElement("Classificazione",
                        new XElement("IndiceDiClassificazione", c.Code),
                        new XElement("Descrizione", $"{c.TitoloName} – {c.ClasseName}"),
                        new XElement("PianoDiClassificazione", file.Titolario))
                    : null,
                new XElement("Riservato", file.Riservato ? "true" : "false"),
                new XElement("IdentificativoDelFormato", new XElement("Formato", file.MediaType)),
                new XElement("Verifica",
                    new XElement("FirmatoDigitalmente", IsSigned(file) ? "true" : "false"),
                    new XElement("SigillatoElettronicamente", "false"),
                    new XElement("MarcaturaTemporale", "false"),
                    new XElement("ConformitaCopieImmagineSuSupportoInformatico", "false")),
                file.Fascicolo is { } fascicolo
                    ? new XElement("Agg", new XElement("IdAgg", new XElement("TipoAggregazione", "Fascicolo"), new XElement("IdAggregazione", fascicolo)))
                    : null,
                new XElement("NomeDelDocumento", file.Name),
                new XElement("VersioneDelDocumento", "1"),
                new XElement("TempoDiConservazione", Illimitato)));
    }

    /// <summary>Every problem of <paramref name="metadata"/> against the shipped schema; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(XDocument metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var problems = new List<string>();
        metadata.Validate(Schema, (_, e) => problems.Add(e.Message));
        return problems;
    }

    // DatiDiRegistrazione/TipoRegistro: one block per kind of register, each with its date and number (Allegato 5 §2.2).
    private static XElement Register(Registration registration)
    {
        string Date() => (registration.Date ?? throw new InvalidOperationException(
                $"registration {registration.Number} has no date: Allegato 5 requires the date of a {registration.RegisterType} entry"))
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return registration.RegisterType switch
        {
            ProtocolRegisterType => new XElement("ProtocolloOrdinario_ProtocolloEmergenza",
                new XElement("DataProtocollazioneDocumento", Date()),
                new XElement("NumeroProtocolloDocumento", registration.Number),
                new XElement("CodiceRegistro", registration.Register)),
            RepertorioRegisterType => new XElement("Repertorio_Registro",
                new XElement("DataRegistrazioneDocumento", Date()),
                new XElement("NumeroRegistrazioneDocumento", registration.Number),
                new XElement("CodiceRegistro", registration.Register)),
            _ => new XElement("Nessuno",
                new XElement("DataDocumento", Date()),
                new XElement("NumeroDocumento", registration.Number)),
        };
    }

    private static XElement Pai(SipAgent holder) =>
        new("PAI",
            new XElement("IPAAmm", new XElement("Denominazione", holder.Name), new XElement("CodiceIPA", holder.CodiceIpa ?? holder.FiscalCode ?? holder.Name)),
            holder.CodiceAoo is null ? null : new XElement("IPAAOO", new XElement("Denominazione", $"AOO {holder.Name}"), new XElement("CodiceIPA", holder.CodiceAoo)));

    // CAdES envelopes (.p7m) are signed by construction; other formats are not checked here.
    private static bool IsSigned(SipFile file) =>
        file.MediaType.StartsWith("application/pkcs7", StringComparison.OrdinalIgnoreCase) || file.Name.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase);

    private static XmlSchemaSet Compile()
    {
        const string name = "Sys2.Integrations.DigiP.Schemas.Sys2_Allegato5_DocumentoAmministrativoInformatico.xsd";
        using var stream = typeof(Allegato5Metadata).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(XmlSchema.Read(reader, null)!);
        set.Compile();
        return set;
    }
}
