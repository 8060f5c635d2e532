using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Workflows.Definitions.Inputs;

/// <summary>
/// The inputs of a new case against the types its definition declares, before anything is
/// appended: every unknown, missing and mistyped field at once, keyed by its path
/// (<c>inputs.applicant.fiscalCode</c>), each message naming the value received and what was
/// expected. Pure: whether a <c>document</c> is in the entity's file store is the host's question,
/// so the documents named are handed back for it to look up.
/// </summary>
public static partial class InputCheck
{
    public const string Root = "inputs";

    /// <summary>Euro cents: ten billion euro is more than any fee or invoice of an entity.</summary>
    public const long MaxMoneyCents = 1_000_000_000_000;

    public static InputCheckResult Check(WorkflowDefinition definition, JsonObject? inputs)
    {
        var errors = new Errors();
        var documents = new List<DocumentInput>();
        inputs ??= [];
        foreach (var (name, value) in inputs)
            if (!definition.Inputs.ContainsKey(name))
                errors.Add($"{Root}.{name}", $"'{name}' is not an input of {definition.Id} (inputs: {string.Join(", ", definition.Inputs.Keys)})");
        foreach (var spec in definition.Inputs.Values)
        {
            var path = $"{Root}.{spec.Name}";
            var value = inputs[spec.Name];
            if (value is null)
            {
                if (spec.Required) errors.Add(path, $"missing: {definition.Id} needs {Article(spec.Type)}{Described(spec)}");
                continue;
            }
            CheckValue(spec.Type, path, value, errors, documents);
        }
        return new InputCheckResult(errors.ToDictionary(), documents);
    }

    /// <summary>The documents a case's inputs name (a case refers to them as much as to its attachments).</summary>
    public static IReadOnlyList<DocumentInput> Documents(WorkflowDefinition definition, IReadOnlyDictionary<string, JsonNode?> inputs) =>
        definition.Inputs.Values.Where(s => s.Type == FieldType.Document)
            .Select(s => inputs.GetValueOrDefault(s.Name) is JsonObject o ? ToDocument($"{Root}.{s.Name}", o) : null)
            .OfType<DocumentInput>().ToList();

    private static void CheckValue(FieldType type, string path, JsonNode value, Errors errors, List<DocumentInput> documents)
    {
        switch (type)
        {
            case FieldType.String:
                Text(path, value, TextLimits.FreeText, errors);
                break;
            case FieldType.Number:
                if (Number(value) is null) errors.Add(path, $"{Shown(value)} is not a number: expected a JSON number");
                break;
            case FieldType.Boolean:
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    errors.Add(path, $"{Shown(value)} is not a boolean: expected true or false");
                break;
            case FieldType.Date:
                Date(path, value, errors);
                break;
            case FieldType.Money:
                Money(path, value, errors);
                break;
            case FieldType.Party:
                Party(path, value, errors);
                break;
            case FieldType.Parcel:
                Parcel(path, value, errors);
                break;
            case FieldType.Document:
                if (Document(path, value, errors) is { } document) documents.Add(document);
                break;
            case FieldType.Object:
                if (value is not JsonObject) errors.Add(path, $"{Shown(value)} is not an object: expected a JSON object");
                break;
        }
    }

    private static string? Text(string path, JsonNode value, int max, Errors errors, bool required = false)
    {
        if (value.GetValueKind() is not JsonValueKind.String)
        {
            errors.Add(path, $"{Shown(value)} is not text: expected a JSON string of at most {max} characters");
            return null;
        }
        var text = value.GetValue<string>();
        if (text.Length > max)
            errors.Add(path, $"text of {text.Length} characters is too long: expected at most {max}");
        else if (required && string.IsNullOrWhiteSpace(text))
            errors.Add(path, "blank: expected some text");
        else
            return text;
        return null;
    }

    private static void Date(string path, JsonNode value, Errors errors)
    {
        var text = value.GetValueKind() is JsonValueKind.String ? value.GetValue<string>() : null;
        var ok = text is not null
                 && (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                     || text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
        if (!ok)
            errors.Add(path, $"{Shown(value)} is not a date: expected yyyy-MM-dd (e.g. 2026-03-02) or an ISO 8601 instant (2026-03-02T08:00:00Z)");
    }

    private static void Money(string path, JsonNode value, Errors errors)
    {
        if (Number(value) is not { } amount || amount != decimal.Truncate(amount) || amount < 0 || amount > MaxMoneyCents)
            errors.Add(path, $"{Shown(value)} is not an amount in euro cents: expected a whole number of cents from 0 to {MaxMoneyCents} (12,50 € is 1250)");
    }

    /// <summary>A person or company: a name, and a codice fiscale (16 characters, omocodia included) or partita IVA (11 digits) that passes its check.</summary>
    private static void Party(string path, JsonNode value, Errors errors)
    {
        if (Fields(path, value, "a party", ["fiscalCode", "name", "email", "phone", "pec"], errors) is not { } party) return;
        Required(path, party, "name", errors, node => Text($"{path}.name", node, TextLimits.Name, errors, required: true));
        Required(path, party, "fiscalCode", errors, node =>
        {
            if (Text($"{path}.fiscalCode", node, TextLimits.Name, errors) is not { } code) return;
            var problem = code.Trim().Length == PartitaIva.Length
                ? PartitaIva.TryParse(code, out _, out var vat) ? null : vat
                : CodiceFiscale.TryParse(code, out _, out var cf) ? null : cf;
            if (problem is not null)
                errors.Add($"{path}.fiscalCode", $"{problem} (expected a codice fiscale of 16 characters or a partita IVA of 11 digits)");
        });
        if (party["email"] is { } email && Text($"{path}.email", email, TextLimits.Email, errors) is { } address && !EmailShape().IsMatch(address))
            errors.Add($"{path}.email", $"'{address}' is not an e-mail address: expected name@domain");
        // The domicilio digitale (CAD art. 3-bis): a PEC address, where acts with legal effect go.
        if (party["pec"] is { } pec && Text($"{path}.pec", pec, TextLimits.Email, errors) is { } pecAddress && !EmailShape().IsMatch(pecAddress))
            errors.Add($"{path}.pec", $"'{pecAddress}' is not a PEC address: expected name@domain");
        if (party["phone"] is { } phone && Text($"{path}.phone", phone, TextLimits.Phone, errors) is { } number && !PhoneShape().IsMatch(number))
            errors.Add($"{path}.phone", $"'{number}' is not a telephone number: expected digits, spaces and an optional leading + (e.g. +39 0735 581234)");
    }

    /// <summary>A cadastral parcel (SigmaTER): comune by Belfiore code, sezione, foglio, particella, subalterno for buildings.</summary>
    private static void Parcel(string path, JsonNode value, Errors errors)
    {
        if (Fields(path, value, "a parcel", ["belfiore", "sezione", "foglio", "particella", "subalterno"], errors) is not { } parcel) return;
        void Shaped(string field, Regex shape, string expected, bool required)
        {
            void Check(JsonNode node)
            {
                var text = node.GetValueKind() is JsonValueKind.Number ? node.ToJsonString() : Text($"{path}.{field}", node, TextLimits.Name, errors);
                if (text is not null && !shape.IsMatch(text))
                    errors.Add($"{path}.{field}", $"{Shown(node)} is not a {field}: expected {expected}");
            }
            if (required) Required(path, parcel, field, errors, Check);
            else if (parcel[field] is { } node) Check(node);
        }
        Shaped("belfiore", BelfioreShape(), "a Belfiore code, a letter and three digits (e.g. H769)", required: true);
        Shaped("sezione", SezioneShape(), "up to 3 letters or digits, or empty", required: false);
        Shaped("foglio", FoglioShape(), "1 to 4 digits and an optional letter (e.g. 12)", required: true);
        Shaped("particella", ParticellaShape(), "1 to 6 letters or digits (e.g. 345)", required: true);
        Shaped("subalterno", SubalternoShape(), "up to 4 digits, or empty", required: false);
    }

    private static DocumentInput? Document(string path, JsonNode value, Errors errors)
    {
        if (Fields(path, value, "a document", ["name", "sha256", "mediaType", "size"], errors) is not { } document) return null;
        var before = errors.Count;
        Required(path, document, "name", errors, node => Text($"{path}.name", node, TextLimits.Name, errors, required: true));
        Required(path, document, "sha256", errors, node =>
        {
            if (Text($"{path}.sha256", node, TextLimits.Name, errors) is { } sha && !Sha256Hex.IsDigest(sha))
                errors.Add($"{path}.sha256", $"{Shown(node)} is not a SHA-256 digest: expected 64 hexadecimal characters (the sha256 POST /api/files answered)");
        });
        if (document["mediaType"] is { } mediaType && Text($"{path}.mediaType", mediaType, TextLimits.Name, errors) is { } media && !MediaTypeShape().IsMatch(media))
            errors.Add($"{path}.mediaType", $"'{media}' is not a media type: expected type/subtype (e.g. application/pdf)");
        if (document["size"] is { } size && (Number(size) is not { } bytes || bytes < 0 || bytes != decimal.Truncate(bytes)))
            errors.Add($"{path}.size", $"{Shown(size)} is not a size: expected a whole number of bytes");
        return errors.Count == before ? ToDocument(path, document) : null;
    }

    private static DocumentInput? ToDocument(string path, JsonObject document) =>
        document["sha256"] is JsonValue sha && sha.GetValueKind() is JsonValueKind.String && document["name"] is JsonValue name && name.GetValueKind() is JsonValueKind.String
            ? new DocumentInput(path, name.GetValue<string>(), sha.GetValue<string>().ToLowerInvariant(),
                document["mediaType"] is JsonValue m && m.GetValueKind() is JsonValueKind.String ? m.GetValue<string>() : null)
            : null;

    /// <summary>An object with only the fields its type has; unknown fields are reported, not dropped (a typo would lose data).</summary>
    private static JsonObject? Fields(string path, JsonNode value, string what, string[] known, Errors errors)
    {
        if (value is not JsonObject obj)
        {
            errors.Add(path, $"{Shown(value)} is not {what}: expected an object with {string.Join(", ", known)}");
            return null;
        }
        foreach (var (field, _) in obj)
            if (!known.Contains(field))
                errors.Add($"{path}.{field}", $"'{field}' is not a field of {what} (fields: {string.Join(", ", known)})");
        return obj;
    }

    private static void Required(string path, JsonObject obj, string field, Errors errors, Action<JsonNode> check)
    {
        if (obj[field] is { } node) check(node);
        else errors.Add($"{path}.{field}", $"missing: expected {field}");
    }

    private static decimal? Number(JsonNode value) =>
        value.GetValueKind() is JsonValueKind.Number
        && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number : null;

    /// <summary>The value received, short enough for a message: text quoted, anything else as its JSON.</summary>
    private static string Shown(JsonNode value)
    {
        var text = value.GetValueKind() is JsonValueKind.String ? $"'{value.GetValue<string>()}'" : value.ToJsonString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Article(FieldType type) => type switch
    {
        FieldType.Party => "a party (name and codice fiscale or partita IVA)",
        FieldType.Parcel => "a parcel (belfiore, foglio, particella)",
        FieldType.Document => "a document (name and the sha256 of an uploaded file)",
        FieldType.Money => "an amount in euro cents",
        FieldType.Date => "a date",
        FieldType.Boolean => "true or false",
        FieldType.Number => "a number",
        FieldType.Object => "an object",
        _ => "text",
    };

    private static string Described(FieldSpec spec) => spec.Description is { Length: > 0 } d ? $" ({d})" : "";

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9][0-9 ./-]{3,30}$")]
    private static partial Regex PhoneShape();

    [GeneratedRegex("^[A-Z][0-9]{3}$")]
    private static partial Regex BelfioreShape();

    [GeneratedRegex("^[A-Z0-9]{0,3}$")]
    private static partial Regex SezioneShape();

    [GeneratedRegex("^[0-9]{1,4}[A-Z]?$")]
    private static partial Regex FoglioShape();

    [GeneratedRegex("^[A-Z0-9]{1,6}$")]
    private static partial Regex ParticellaShape();

    [GeneratedRegex("^[0-9]{0,4}$")]
    private static partial Regex SubalternoShape();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex MediaTypeShape();

    /// <summary>Messages by path, in the order found.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byPath = [];

        public int Count => _byPath.Values.Sum(m => m.Count);

        public void Add(string path, string message)
        {
            if (!_byPath.TryGetValue(path, out var messages)) _byPath[path] = messages = [];
            messages.Add(message);
        }

        public IReadOnlyDictionary<string, string[]> ToDictionary() => _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}

/// <summary>What <see cref="InputCheck"/> found: errors by field path (none: the inputs may open a case) and the documents named.</summary>
public sealed record InputCheckResult(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<DocumentInput> Documents)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A document an input names: the field it is in, the name it is given there, its SHA-256 and media type.</summary>
public sealed record DocumentInput(string Field, string Name, string Sha256, string? MediaType);
