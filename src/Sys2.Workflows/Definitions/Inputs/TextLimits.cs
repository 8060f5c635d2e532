namespace Sys2.Workflows.Definitions.Inputs;

/// <summary>
/// How long a piece of text may be, in one place (README, "Limits"). A limit protects the audit
/// trail and every view built on it: an event is kept forever and read by every replay, so a
/// megabyte pasted into a field would be paid for on each read for the life of the case.
/// </summary>
public static class TextLimits
{
    /// <summary>Free text: a description, a reason, notes, a form field (about two typed pages).</summary>
    public const int FreeText = 4_000;

    /// <summary>A name: of a person or company, of a file, a step, an outcome, a media type.</summary>
    public const int Name = 200;

    /// <summary>An e-mail address (RFC 5321: 254 characters at most).</summary>
    public const int Email = 254;

    /// <summary>A telephone number, with spaces and the international prefix.</summary>
    public const int Phone = 32;

    /// <summary>
    /// The fields of a request body that hold a name, whatever the endpoint: each gets
    /// <see cref="Name"/>; every other string gets <see cref="FreeText"/>, except the fields of
    /// <see cref="Unbounded"/>.
    /// </summary>
    public static readonly IReadOnlySet<string> NameFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "name", "mediaType", "outcome", "step", "fileName",
    };

    /// <summary>Fields bounded by the request size instead (a document's bytes in base64, a definition's or its scenarios' YAML, which the loader limits too).</summary>
    public static readonly IReadOnlySet<string> Unbounded = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "contentBase64", "yaml", "scenarios", "daticert" };

    /// <summary>The limit of a JSON string by the name of the field that holds it (null: an array item, the free-text limit).</summary>
    public static int? For(string? field) =>
        field is null ? FreeText
        : Unbounded.Contains(field) ? null
        : NameFields.Contains(field) ? Name
        : FreeText;
}
