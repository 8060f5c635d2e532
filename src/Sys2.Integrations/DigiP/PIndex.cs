using System.Globalization;
using System.Xml.Linq;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// The index of a package in UNI 11386 SInCRO v2 (DOMAIN.md §6): SelfDescription, one PVolume
/// of FileGroups whose Files carry ID, Path and Hash, and the Process (submitter, holder,
/// time reference).
/// </summary>
public static class PIndex
{
    public static readonly XNamespace Ns = "http://www.uni.com/U3011/sincro-v2/";

    /// <summary>The index's own name inside the zip; it is the one file it does not list.</summary>
    public const string FileName = "PIndex.xml";

    /// <summary>The <c>hashFunction</c> of every Hash; the digest is written in base64 (xs:base64Binary). [check] against the UNI schema.</summary>
    public const string HashFunction = "SHA-256";

    public sealed record Entry(string Id, string Path, string MediaType, byte[] Sha256);

    public sealed record Group(string Label, IReadOnlyList<Entry> Files);

    public static XDocument Build(string packageId, IReadOnlyList<Group> groups, SipAgent submitter, SipAgent holder, DateTimeOffset time) =>
        new(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + "PIndex",
                new XAttribute("version", "2.0"),
                new XElement(Ns + "SelfDescription",
                    new XElement(Ns + "ID", new XAttribute("scheme", "local"), packageId),
                    new XElement(Ns + "CreatingApplication",
                        new XElement(Ns + "Name", "Sys2"),
                        new XElement(Ns + "Version", "1.0"),
                        new XElement(Ns + "Producer", "SYS² Piceno-Fermano"))),
                new XElement(Ns + "PVolume",
                    new XElement(Ns + "ID", packageId),
                    groups.Select(group => new XElement(Ns + "FileGroup",
                        new XElement(Ns + "Label", group.Label),
                        group.Files.Select(file => new XElement(Ns + "File",
                            new XAttribute("format", file.MediaType),
                            new XElement(Ns + "ID", file.Id),
                            new XElement(Ns + "Path", file.Path),
                            new XElement(Ns + "Hash", new XAttribute("hashFunction", HashFunction), Convert.ToBase64String(file.Sha256))))))),
                new XElement(Ns + "Process",
                    Agent("Submitter", submitter),
                    Agent("Holder", holder),
                    new XElement(Ns + "TimeReference",
                        new XElement(Ns + "TimeInfo", time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))))));

    private static XElement Agent(string role, SipAgent agent) =>
        new(Ns + role,
            new XElement(Ns + "AgentName", new XElement(Ns + "FormalName", agent.Name)),
            agent.FiscalCode is null ? null : new XElement(Ns + "Agent_ID", new XAttribute("scheme", "TaxCode"), agent.FiscalCode));
}
