using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sys2.Workflows.Definitions.Loading;

/// <summary>
/// A definition file read as YAML and turned into JSON, remembering where each value and
/// each mapping key stood so that schema and semantic problems can name a line and column.
/// </summary>
public sealed partial class YamlDocument
{
    /// <summary>Definition files are written by people; anything bigger is a mistake or an attack.</summary>
    public const int MaxBytes = 1_000_000;

    private readonly Dictionary<string, SourceSpan> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan> _texts = new(StringComparer.Ordinal);

    private YamlDocument(string file) => File = file;

    public string File { get; }
    public JsonNode? Root { get; private set; }

    /// <summary>Where the value at a JSON pointer (e.g. <c>/steps/review/next</c>) starts.</summary>
    public SourceSpan ValueAt(string pointer) =>
        _values.TryGetValue(pointer, out var span) ? span : NearestAbove(pointer);

    /// <summary>Where the key naming the value at a JSON pointer starts (the step name, say).</summary>
    public SourceSpan KeyAt(string pointer) =>
        _keys.TryGetValue(pointer, out var span) ? span : ValueAt(pointer);

    /// <summary>
    /// Where the text of a one-line scalar at a JSON pointer starts: after the opening quote of a
    /// quoted scalar. Null for block scalars and scalars spanning lines, whose columns do not map.
    /// </summary>
    public SourceSpan? TextAt(string pointer) =>
        _texts.TryGetValue(pointer, out var span) ? span : null;

    public static YamlDocument Parse(string file, string text, List<DefinitionProblem> problems)
    {
        var document = new YamlDocument(file);
        if (text.Length > MaxBytes)
        {
            problems.Add(new(SourceSpan.None(file), $"file is {text.Length} bytes; definitions are limited to {MaxBytes}"));
            return document;
        }
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0)
                problems.Add(new(SourceSpan.None(file), "file is empty"));
            else if (stream.Documents.Count > 1)
                problems.Add(new(new SourceSpan(file, 1, 1), "file holds several YAML documents; write one definition per file"));
            else
                document.Root = document.Convert(stream.Documents[0].RootNode, "");
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            problems.Add(new(new SourceSpan(file, (int)e.Start.Line, (int)e.Start.Column), $"YAML syntax: {Clean(reason)}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position, on some unterminated flow
            // collections (`next: [done` at the end of a file): report where reading stopped.
            var at = parser.LastEnd;
            problems.Add(new(new SourceSpan(file, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column)),
                "YAML syntax: could not read on from here: is a [ or { not closed?"));
        }
        return document;
    }

    private JsonNode? Convert(YamlNode node, string pointer)
    {
        _values[pointer] = At(node.Start);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    var childPointer = pointer + "/" + Escape(key);
                    _keys[childPointer] = At(keyNode.Start);
                    obj[key] = Convert(valueNode, childPointer);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                    array.Add(Convert(sequence.Children[i], $"{pointer}/{i}"));
                return array;
            case YamlScalarNode scalar:
                if (scalar.Start.Line == scalar.End.Line && scalar.Style is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
                    _texts[pointer] = At(scalar.Start) with { Column = (int)scalar.Start.Column + (scalar.Style == ScalarStyle.Plain ? 0 : 1) };
                return Scalar(scalar);
            default:
                return null;
        }
    }

    // YAML 1.2 core schema for plain scalars; quoted scalars are always strings.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    private SourceSpan At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    private SourceSpan NearestAbove(string pointer)
    {
        while (pointer.Length > 0)
        {
            pointer = pointer[..pointer.LastIndexOf('/')];
            if (_values.TryGetValue(pointer, out var span)) return span;
        }
        return new SourceSpan(File, 1, 1);
    }

    /// <summary>Remembers where the last event read ended, for errors that come without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current) LastEnd = current.End;
            return moved;
        }
    }

    public static string Escape(string key) => key.Replace("~", "~0").Replace("/", "~1");

    private static string Clean(string message) => message.TrimEnd('.');

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
