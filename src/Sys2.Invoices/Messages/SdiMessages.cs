using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>
/// SdI's messages as XML per MessaggiTypes v1.1: <see cref="Write"/> makes one (validated against the shipped schema
/// before it is returned), <see cref="Read"/> reads one received (limits, schema, signature) into its record.
/// </summary>
public static class SdiMessages
{
    /// <summary>
    /// What is wrong with a message before it is written, in the domain's words: an EC02 without its reason, a
    /// description past 255 characters. Empty when <see cref="Write"/> will write it.
    /// </summary>
    public static IReadOnlyList<InvoiceProblem> Check(SdiMessage message)
    {
        var problems = new List<InvoiceProblem>();
        void Fail(string element, string text) => problems.Add(new InvoiceProblem(InvoiceProblemCodes.BadValue, text, element, null, null));

        var esito = message switch
        {
            NotificaEsitoCommittente ec => ec,
            NotificaEsito ne => ne.EsitoCommittente,
            _ => null,
        };
        if (esito is { Esito: EsitoCommittente.EC02, Descrizione: var reason } && string.IsNullOrWhiteSpace(reason))
            Fail("NotificaEsitoCommittente/Descrizione", "NotificaEsitoCommittente/Descrizione is empty: a rejection (EC02) must give the supplier its reason");
        foreach (var (element, text) in Descriptions(message))
            if (text is { Length: > NotificaEsitoCommittente.DescrizioneMaxLength })
                Fail(element, $"{element} is {text.Length} characters, over the {NotificaEsitoCommittente.DescrizioneMaxLength} SdI accepts");
        return problems;
    }

    /// <summary>
    /// The message as SdI writes it: UTF-8, the <c>types</c> prefix, <c>versione="1.0"</c>. The messages whose schema
    /// requires a ds:Signature (all but MT and EC) are signed with <paramref name="signer"/>, or without one with
    /// <see cref="SdiSandboxSigner"/>'s throwaway certificate: only SdI (and our simulator of it) writes those. An EC is
    /// signed only when a signer is given (the schema makes its signature optional).
    /// </summary>
    /// <exception cref="ArgumentException">The message fails <see cref="Check"/> or the schema; the message says why.</exception>
    public static byte[] Write(SdiMessage message, X509Certificate2? signer = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Check(message) is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems.Select(p => p.Message)), nameof(message));

        var root = SdiMessageXml.ToXml(message);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = root.CreateReader()) document.Load(reader);
        if (SdiMessageXml.RequiresSignature(message) || signer is not null)
            SdiSignature.Sign(document, signer ?? SdiSandboxSigner.Certificate);

        var bytes = Serialize(document);
        var schemaProblems = UntrustedXml.Load(bytes, InvoiceReadLimits.Default, ShippedSchemas.MessaggiTypes).Problems;
        if (schemaProblems.Count > 0)
            throw new ArgumentException($"{message.Kind} does not satisfy MessaggiTypes v1.1: {string.Join("; ", schemaProblems.Select(p => p.Message))}", nameof(message));
        return bytes;
    }

    /// <summary>A received message: safe to parse, valid against MessaggiTypes v1.1, its signature (if any) intact.</summary>
    public static SdiMessageReading Read(byte[] xml, InvoiceReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        limits ??= InvoiceReadLimits.Default;
        if (xml.Length == 0)
            return SdiMessageReading.Refused(InvoiceVerdict.Invalid, new InvoiceProblem(InvoiceProblemCodes.Empty, "the message is empty", null, null, null));

        var (root, refusal) = UntrustedXml.Inspect(xml, limits);
        if (refusal is not null) return new SdiMessageReading(null, refusal.Verdict, refusal.Problems, null);
        if (root!.Name.NamespaceName != ShippedSchemas.MessaggiNamespace)
            return SdiMessageReading.Refused(InvoiceVerdict.Invalid, new InvoiceProblem(InvoiceProblemCodes.UnknownFormat,
                $"the root element is {{{root.Name.NamespaceName}}}{root.Name.LocalName}: not an SdI message ({ShippedSchemas.MessaggiNamespace})",
                root.Name.LocalName, null, null));

        var loaded = UntrustedXml.Load(xml, limits, ShippedSchemas.MessaggiTypes);
        if (loaded.Problems.Count > 0 || loaded.Document?.Root is not { } tree)
            return new SdiMessageReading(null, InvoiceVerdict.Invalid, loaded.Problems, null);

        var signature = SdiSignature.Verify(xml, limits);
        if (signature is { Valid: false })
            return SdiMessageReading.Refused(InvoiceVerdict.Invalid, new InvoiceProblem(InvoiceProblemCodes.SignatureInvalid,
                $"ds:Signature: {signature.Reason}", "Signature", null, null));

        var fields = new FieldReader([]);
        var message = SdiMessageXml.FromXml(tree, fields);
        return fields.Problems.Count > 0 || message is null
            ? new SdiMessageReading(null, InvoiceVerdict.Invalid, fields.Problems, null)
            : new SdiMessageReading(message, InvoiceVerdict.Valid, [], signature?.Signer);
    }

    private static byte[] Serialize(XmlDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            document.Save(writer);
        return buffer.ToArray();
    }

    private static IEnumerable<(string Element, string? Text)> Descriptions(SdiMessage message) => message switch
    {
        NotificaEsitoCommittente ec => [("NotificaEsitoCommittente/Descrizione", ec.Descrizione)],
        NotificaEsito ne => [("EsitoCommittente/Descrizione", ne.EsitoCommittente.Descrizione)],
        NotificaMancataConsegna mc => [("NotificaMancataConsegna/Descrizione", mc.Descrizione)],
        NotificaDecorrenzaTermini dt => [("NotificaDecorrenzaTermini/Descrizione", dt.Descrizione)],
        NotificaScarto ns => ns.ListaErrori.Select(e => ("Errore/Descrizione", (string?)e.Descrizione)),
        _ => [],
    };
}

/// <summary>
/// A message read: the record when it is <see cref="InvoiceVerdict.Valid"/>, else the problems. <see cref="Signer"/>
/// is the subject of the certificate in the message's ds:Signature when it verified (the chain is not checked).
/// </summary>
public sealed record SdiMessageReading(SdiMessage? Message, InvoiceVerdict Verdict, IReadOnlyList<InvoiceProblem> Problems, string? Signer)
{
    public bool IsValid => Verdict == InvoiceVerdict.Valid;

    internal static SdiMessageReading Refused(InvoiceVerdict verdict, InvoiceProblem problem) => new(null, verdict, [problem], null);
}
