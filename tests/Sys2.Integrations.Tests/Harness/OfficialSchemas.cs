using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>
/// The official schemas read from where they were published to this workplace, not from the product's embedded
/// copies: AgID's Allegato 6 segnatura (shared/fixtures/agid, or SYS2_SHARED) and the SInCRO PIndex as the
/// regional hubs bind it (DigiP/Schemas, see its README).
/// </summary>
public static class OfficialSchemas
{
    private static readonly Lazy<XmlSchemaSet> SegnaturaSet = new(() =>
        Compile(Path.Combine(Agid, "import_schemas", "xmldsig-core-schema.xsd"), Path.Combine(Agid, "segnatura_protocollo.xsd")));

    private static readonly Lazy<XmlSchemaSet> PIndexSet = new(() =>
        Compile(Path.Combine(AppContext.BaseDirectory, "DigiP", "Schemas", "Unisincro_PIndex.xsd")));

    public static string Agid => Path.Combine(Shared, "fixtures", "agid");

    /// <summary>Every problem of <paramref name="xml"/> against AgID's segnatura_protocollo.xsd (Allegato 6).</summary>
    public static IReadOnlyList<string> SegnaturaProblems(string xml) => Problems(xml, SegnaturaSet.Value);

    /// <summary>Every problem of <paramref name="xml"/> against the SInCRO (UNI 11386:2020) PIndex schema.</summary>
    public static IReadOnlyList<string> PIndexProblems(string xml) => Problems(xml, PIndexSet.Value);

    public static IReadOnlyList<string> Problems(string xml, XmlSchemaSet schemas)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ValidationType = ValidationType.Schema, Schemas = schemas };
        // Errors only: a warning is what lax content (the XAdES properties inside ds:Object) gets for having no schema here.
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error) problems.Add($"line {e.Exception?.LineNumber}: {e.Message}");
        };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    public static XmlSchemaSet Compile(params string[] files)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in files)
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }

    private static string Shared { get; } = FindShared();

    private static string FindShared()
    {
        if (Environment.GetEnvironmentVariable("SYS2_SHARED") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures", "agid"))) return candidate;
        }

        throw new InvalidOperationException($"no shared/fixtures/agid beside any folder above {AppContext.BaseDirectory} (set SYS2_SHARED)");
    }

    public static XDocument Parse(string xml) => XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
}
