using System.Text;
using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Workflows.Tenants;

/// <summary>
/// The entities of the SYS² aggregation (the tenants), read from <c>enti.csv</c>
/// (columns <c>name,kind,istat,belfiore,province,cap,codice_fiscale,lead</c>).
/// </summary>
/// <remarks>
/// Rules per row: <c>kind</c> is <c>comune</c> or <c>unione</c>; a comune must have a 6-digit ISTAT code,
/// a Belfiore code (a letter and three digits), a 2-letter province, a 5-digit CAP and a numeric
/// (11-digit) codice fiscale with a valid check digit; a union may leave them empty but must not
/// have a Belfiore code, and what it does give is checked the same way; <c>lead</c> is <c>yes</c> or
/// empty. Across rows: tenant ids, ISTAT codes and codici fiscali are unique, and exactly one
/// entity is the lead. Every problem is collected before <see cref="EntityCatalogueFormatException"/>
/// is thrown, so one run shows them all.
/// </remarks>
public sealed class EntityCatalogue
{
    /// <summary>Logical name of the embedded copy of <c>enti.csv</c>.</summary>
    public const string ResourceName = "Sys2.Workflows.Tenants.enti.csv";

    public static readonly IReadOnlyList<string> Columns =
        ["name", "kind", "istat", "belfiore", "province", "cap", "codice_fiscale", "lead"];

    private static readonly Lazy<EntityCatalogue> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, Entity> byTenantId;
    private readonly Dictionary<string, Entity> byBelfiore;

    private EntityCatalogue(IReadOnlyList<Entity> all)
    {
        All = all;
        Lead = all.Single(e => e.IsLead);
        byTenantId = all.ToDictionary(e => e.TenantId, StringComparer.OrdinalIgnoreCase);
        byBelfiore = all.Where(e => e.Belfiore is not null).ToDictionary(e => e.Belfiore!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every entity, in file order.</summary>
    public IReadOnlyList<Entity> All { get; }

    /// <summary>The lead partner (capofila).</summary>
    public Entity Lead { get; }

    /// <summary>The catalogue embedded in this assembly (parsed once, then shared: it is immutable).</summary>
    /// <exception cref="EntityCatalogueFormatException">The embedded CSV is malformed.</exception>
    public static EntityCatalogue Load() => Embedded.Value;

    /// <summary>Parses a catalogue; <paramref name="sourceName"/> prefixes every problem reported.</summary>
    /// <exception cref="EntityCatalogueFormatException">One or more rows are malformed, or the set breaks a rule.</exception>
    public static EntityCatalogue Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);

        var problems = new List<string>();
        var entities = new List<(Entity Entity, int Line)>();
        var leadLines = new List<int>();

        var header = reader.ReadLine();
        var expectedHeader = string.Join(',', Columns);
        if (header is null)
        {
            throw new EntityCatalogueFormatException(sourceName, [$"{sourceName}:1: the file is empty: expected the header '{expectedHeader}'"]);
        }

        if (!string.Equals(header.Trim().TrimStart('\uFEFF'), expectedHeader, StringComparison.OrdinalIgnoreCase))
        {
            throw new EntityCatalogueFormatException(sourceName, [$"{sourceName}:1: expected the header '{expectedHeader}', got '{header}'"]);
        }

        foreach (var record in CsvRecords.Read(reader, firstLine: 2))
        {
            if (record is { Error: null, Fields: [var only] } && string.IsNullOrWhiteSpace(only))
            {
                continue;
            }

            var row = new RowReader(sourceName, record.Line, problems);
            var entity = row.Read(record);
            if (entity is not null)
            {
                entities.Add((entity, record.Line));
            }

            if (row.MarkedLead)
            {
                leadLines.Add(record.Line);
            }
        }

        CheckUnique(sourceName, entities, e => e.TenantId, "tenant id", problems);
        CheckUnique(sourceName, entities, e => e.Istat, "istat", problems);
        CheckUnique(sourceName, entities, e => e.CodiceFiscale?.Value, "codice_fiscale", problems);

        // Counted on the raw column, so a lead row with another problem is still counted once.
        if (leadLines.Count != 1)
        {
            var where = leadLines.Count == 0 ? "none" : "lines " + string.Join(", ", leadLines);
            problems.Add($"{sourceName}: expected exactly one lead partner (lead=yes), found {leadLines.Count}: {where}");
        }

        if (problems.Count > 0)
        {
            throw new EntityCatalogueFormatException(sourceName, problems);
        }

        return new EntityCatalogue(entities.Select(e => e.Entity).ToList());
    }

    /// <summary>The comune with this Belfiore code (case-insensitive, trimmed), or null.</summary>
    public Entity? ByBelfiore(string belfiore)
    {
        ArgumentNullException.ThrowIfNull(belfiore);
        return byBelfiore.GetValueOrDefault(belfiore.Trim());
    }

    /// <summary>The entity with this tenant id (case-insensitive, trimmed), or null.</summary>
    public Entity? ByTenantId(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return byTenantId.GetValueOrDefault(tenantId.Trim());
    }

    private static EntityCatalogue LoadEmbedded()
    {
        using var stream = typeof(EntityCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(EntityCatalogue).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader, "enti.csv");
    }

    private static void CheckUnique(
        string sourceName,
        List<(Entity Entity, int Line)> entities,
        Func<Entity, string?> key,
        string field,
        List<string> problems)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entity, line) in entities)
        {
            var value = key(entity);
            if (value is null)
            {
                continue;
            }

            if (!firstLine.TryAdd(value, line))
            {
                problems.Add($"{sourceName}:{line}: field '{field}' value '{value}': already used by line {firstLine[value]}");
            }
        }
    }

    /// <summary>Reads one data row, adding its problems to the shared list.</summary>
    private sealed class RowReader(string sourceName, int lineNumber, List<string> problems)
    {
        private bool failed;

        /// <summary>True when the row's <c>lead</c> column says yes, whatever else is wrong with it.</summary>
        public bool MarkedLead { get; private set; }

        public Entity? Read(CsvRecord record)
        {
            if (record.Error is { } unreadable)
            {
                Fail($"{sourceName}:{lineNumber}: {unreadable}");
                return null;
            }

            var fields = record.Fields.Select(f => f.Trim()).ToList();

            if (fields.Count != Columns.Count)
            {
                Fail($"{sourceName}:{lineNumber}: expected {Columns.Count} fields ({string.Join(',', Columns)}), got {fields.Count}");
                return null;
            }

            var isLead = false;
            switch (fields[7].ToLowerInvariant())
            {
                case "yes":
                    isLead = true;
                    MarkedLead = true;
                    break;
                case "":
                    break;
                default:
                    Problem("lead", fields[7], "expected 'yes' or empty");
                    break;
            }

            var name = fields[0];
            if (name.Length == 0 || !name.Any(char.IsAsciiLetterOrDigit))
            {
                Problem("name", name, "required");
            }

            EntityKind? kind = fields[1].ToLowerInvariant() switch
            {
                "comune" => EntityKind.Comune,
                "unione" => EntityKind.Unione,
                _ => null,
            };
            if (kind is null)
            {
                Problem("kind", fields[1], "expected 'comune' or 'unione'");
                return null;
            }

            var isComune = kind == EntityKind.Comune;
            var istat = Optional(fields[2]);
            var belfiore = Optional(fields[3])?.ToUpperInvariant();
            var province = Optional(fields[4])?.ToUpperInvariant();
            var cap = Optional(fields[5]);
            var cfText = Optional(fields[6]);

            Check("istat", istat, isComune, v => v.Length == 6 && v.All(char.IsAsciiDigit), "expected 6 digits");
            if (isComune)
            {
                Check("belfiore", belfiore, required: true,
                    v => v.Length == 4 && char.IsAsciiLetterUpper(v[0]) && v[1..].All(char.IsAsciiDigit),
                    "expected a letter and 3 digits");
            }
            else if (belfiore is not null)
            {
                Problem("belfiore", belfiore, "a union has no Belfiore code");
            }

            Check("province", province, isComune, v => v.Length == 2 && v.All(char.IsAsciiLetterUpper), "expected 2 letters");
            Check("cap", cap, isComune, v => v.Length == 5 && v.All(char.IsAsciiDigit), "expected 5 digits");

            CodiceFiscale? codiceFiscale = null;
            if (cfText is null)
            {
                if (isComune)
                {
                    Problem("codice_fiscale", string.Empty, "required for a comune");
                }
            }
            else if (!CodiceFiscale.TryParse(cfText, out var cf, out var error))
            {
                Problem("codice_fiscale", cfText, error);
            }
            else if (!cf.IsNumeric)
            {
                Problem("codice_fiscale", cfText, "an entity's codice fiscale is the 11-digit numeric form");
            }
            else
            {
                codiceFiscale = cf;
            }

            return failed
                ? null
                : new Entity(name, kind.Value, istat, belfiore, province, cap, codiceFiscale, isLead);
        }

        private static string? Optional(string field) => field.Length == 0 ? null : field;

        private void Check(string field, string? value, bool required, Func<string, bool> isValid, string expectation)
        {
            if (value is null)
            {
                if (required)
                {
                    Problem(field, string.Empty, "required for a comune");
                }
            }
            else if (!isValid(value))
            {
                Problem(field, value, expectation);
            }
        }

        private void Problem(string field, string value, string reason) =>
            Fail($"{sourceName}:{lineNumber}: field '{field}' value '{value}': {reason}");

        private void Fail(string problem)
        {
            failed = true;
            problems.Add(problem);
        }
    }
}
