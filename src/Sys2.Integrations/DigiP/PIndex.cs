using System.Globalization;
using System.Xml.Linq;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// The index of a package after UNI 11386:2020 (SInCRO v2), as the regional hubs bind it: ParER's
/// <c>Unisincro_PIndex.xsd</c> (its preservation system Sacer; DigiP's own binding was not found published, [check]
/// that it takes the same; the copy the tests validate against is in
/// tests/Sys2.Integrations.Tests/DigiP/Schemas). <c>PIndex</c> carries <c>sincroVersion</c> 2.0, <c>language</c>
/// and the fixed <c>uri</c>; then SelfDescription, the PVolume, one FileGroup per document directly under PIndex
/// (its File with ID, Path and Hash), and the Process (Submitter, Holder, AuthorizedSigner, TimeReference,
/// LawsAndRegulations).
/// </summary>
/// <remarks>
/// The schema says <c>attributeFormDefault="qualified"</c>, so every attribute it declares is written in the SInCRO
/// namespace (<c>sincro:scheme</c>, <c>sincro:hashFunction</c>, <c>sincro:format</c>…), as ParER's own indexes are.
/// </remarks>
public static class PIndex
{
    public static readonly XNamespace Ns = "http://www.uni.com/U3011/sincro-v2/";

    /// <summary>The values the schema fixes for <c>sincroVersion</c> and <c>uri</c>.</summary>
    public const string SincroVersion = "2.0";

    public const string Uri = "http://www.uni.com/U3011/sincro-v2/PIndex.xsd";

    /// <summary>The index's own name inside the zip; it is the one file it does not list.</summary>
    public const string FileName = "PIndex.xml";

    /// <summary>The <c>hashFunction</c> of every Hash (AgID, Linee guida 2021, Allegato 6 and Allegato 4: SHA-256); the digest in base64.</summary>
    public const string HashFunction = "SHA-256";

    /// <summary>What Process/LawsAndRegulations names, as ParER writes it.</summary>
    public const string LawsAndRegulations = "Linee Guida sulla formazione, gestione e conservazione dei documenti informatici (AgID, 2021)";

    public sealed record Entry(string Id, string Path, string MediaType, byte[] Sha256);

    public sealed record Group(string Id, string Label, IReadOnlyList<Entry> Files);

    public static XDocument Build(string packageId, IReadOnlyList<Group> groups, SipAgent submitter, SipAgent holder, DateTimeOffset time) =>
        new(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + "PIndex",
                new XAttribute(XNamespace.Xmlns + "sincro", Ns.NamespaceName),
                new XAttribute(Ns + "language", "it"),
                new XAttribute(Ns + "sincroVersion", SincroVersion),
                new XAttribute(Ns + "uri", Uri),
                new XElement(Ns + "SelfDescription",
                    Id(packageId),
                    new XElement(Ns + "CreatingApplication",
                        new XElement(Ns + "Name", "Sys2"),
                        new XElement(Ns + "Version", "1.0"),
                        new XElement(Ns + "Producer", "SYS² Piceno-Fermano"))),
                new XElement(Ns + "PVolume",
                    Id(packageId),
                    new XElement(Ns + "Label", "Pacchetto di versamento")),
                groups.Select(group => new XElement(Ns + "FileGroup",
                    Id(group.Id),
                    new XElement(Ns + "Label", group.Label),
                    group.Files.Select(file => new XElement(Ns + "File",
                        new XAttribute(Ns + "encoding", "binary"),
                        Extension(file.Path) is { } extension ? new XAttribute(Ns + "extension", extension) : null,
                        new XAttribute(Ns + "format", file.MediaType),
                        Id(file.Id),
                        new XElement(Ns + "Path", file.Path),
                        new XElement(Ns + "Hash", new XAttribute(Ns + "hashFunction", HashFunction), Convert.ToBase64String(file.Sha256)))))),
                new XElement(Ns + "Process",
                    Agent("Submitter", submitter, "Manuale di gestione documentale"),
                    Agent("Holder", holder, "Manuale di conservazione", new XAttribute(Ns + "holderRole", "soggetto produttore")),
                    // The PIndex of a SIP is not signed by Sys2: the signer named is the producer's responsabile della
                    // conservazione, who answers for the package (Linee guida 2021, §4.6). [check] with DigiP's profile.
                    Agent("AuthorizedSigner", holder, "Manuale di conservazione", new XAttribute(Ns + "signerRole", "Responsabile della conservazione")),
                    new XElement(Ns + "TimeReference",
                        new XElement(Ns + "TimeInfo",
                            new XAttribute(Ns + "attachedTimeStamp", "false"),
                            time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
                    new XElement(Ns + "LawsAndRegulations", LawsAndRegulations))));

    private static XElement Id(string value) => new(Ns + "ID", new XAttribute(Ns + "scheme", "local"), value);

    private static string? Extension(string path)
    {
        var extension = System.IO.Path.GetExtension(path);
        return extension.Length > 1 ? extension[1..] : null;
    }

    // AgentID after ETSI EN 319 412-1 semantics identifiers, as the schema's pattern wants: TIN + country + '-' + code.
    private static XElement Agent(string role, SipAgent agent, string relevantDocument, XAttribute? extra = null) =>
        new(Ns + role,
            new XAttribute(Ns + "agentType", "legal person"),
            extra,
            agent.FiscalCode is null ? null : new XElement(Ns + "AgentID", "TINIT-" + agent.FiscalCode),
            new XElement(Ns + "AgentName", new XElement(Ns + "FormalName", agent.Name)),
            new XElement(Ns + "RelevantDocument", $"{relevantDocument} – {agent.Name}"));
}
