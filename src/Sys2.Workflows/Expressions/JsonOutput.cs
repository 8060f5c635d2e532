using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// Copies an expression's result out of the engine as JSON, following <c>JSON.stringify</c>: <c>undefined</c>,
/// functions and symbols are left out of objects and become <c>null</c> in arrays, non-finite numbers become
/// <c>null</c>. At the top level, <c>undefined</c> is <c>null</c>; a function, symbol, BigInt or non-finite
/// number is an error. Numbers come back as JSON text, so <c>GetValue&lt;int&gt;</c>, <c>&lt;long&gt;</c>,
/// <c>&lt;double&gt;</c> and <c>&lt;decimal&gt;</c> all work on them.
/// </summary>
/// <remarks>
/// Only plain data is read: a getter would run script outside the evaluation's limits, so it is an error.
/// The copy is bounded by the memory budget and by a nesting depth; a cycle is an error.
/// </remarks>
internal sealed class JsonOutput
{
    private const int MaxDepth = 256;
    private const double MaxSafeInteger = 9007199254740991;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // parsed right back, never embedded in HTML
        MaxDepth = MaxDepth + 1,
        SkipValidation = true,
    };

    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = MaxDepth + 1 };

    private readonly long _maxUnits;
    private readonly HashSet<ObjectInstance> _ancestors = new(ReferenceEqualityComparer.Instance);
    private long _units;

    private JsonOutput(long maxUnits) => _maxUnits = maxUnits;

    /// <exception cref="ResultException">The result cannot be represented, or is too large.</exception>
    public static JsonNode? ToJson(JsValue value, ExpressionLimits limits)
    {
        switch (value.Type)
        {
            case Types.Undefined or Types.Null:
                return null;
            case Types.Number when !double.IsFinite(value.AsNumber()):
                throw new ResultException(ExpressionErrorKind.Runtime, $"it produced {value}, which JSON cannot represent");
            case Types.Symbol or Types.BigInt:
                throw new ResultException(ExpressionErrorKind.Runtime, $"it produced a {Describe(value)}, which JSON cannot represent");
            case Types.Object when value.IsCallable():
                throw new ResultException(ExpressionErrorKind.Runtime, "it produced a function, which JSON cannot represent (was a call forgotten?)");
        }
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            new JsonOutput(limits.MaxStringLength).Write(writer, value, depth: 0);
        return JsonNode.Parse(buffer.WrittenSpan, documentOptions: ReaderOptions);
    }

    internal static string Describe(JsValue value) => value.Type switch
    {
        Types.Undefined => "undefined",
        Types.Null => "null",
        Types.Boolean => $"boolean ({value})",
        Types.Number => $"number ({value})",
        Types.String => $"string (\"{Shorten(value.AsString())}\")",
        Types.Symbol => "symbol",
        Types.BigInt => "BigInt",
        _ when value.IsCallable() => "function",
        _ when value.IsArray() => "array",
        _ => "object",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <summary>Writes a value that JSON can hold in this position; <c>undefined</c>-like values give <c>null</c>.</summary>
    private void Write(Utf8JsonWriter writer, JsValue value, int depth)
    {
        Charge(1);
        switch (value.Type)
        {
            case Types.String:
                var text = value.AsString();
                Charge(text.Length);
                writer.WriteStringValue(text);
                return;
            case Types.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                return;
            case Types.Number:
                WriteNumber(writer, value.AsNumber());
                return;
            case Types.Object when !value.IsCallable():
                break;
            case Types.BigInt:
                throw new ResultException(ExpressionErrorKind.Runtime, "its result holds a BigInt, which JSON cannot represent");
            default:
                writer.WriteNullValue();
                return;
        }

        if (depth >= MaxDepth)
            throw new ResultException(ExpressionErrorKind.Runtime, $"its result is nested deeper than {MaxDepth} levels");
        var obj = value.AsObject();
        if (!_ancestors.Add(obj))
            throw new ResultException(ExpressionErrorKind.Runtime, "its result contains a cycle, which JSON cannot represent");

        if (obj.IsArray())
        {
            writer.WriteStartArray();
            var length = TypeConverter.ToNumber(obj.GetOwnProperty("length").Value);
            if (length > _maxUnits) TooLarge();
            for (uint i = 0; i < length; i++)
                Write(writer, Read(obj, i), depth + 1);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteStartObject();
            foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            {
                var property = obj.GetOwnProperty(key);
                if (!property.Enumerable) continue;
                var item = Read(obj, key);
                if (item.IsUndefined() || item.IsSymbol() || item.IsCallable()) continue;
                var name = key.AsString();
                Charge(name.Length);
                writer.WritePropertyName(name);
                Write(writer, item, depth + 1);
            }
            writer.WriteEndObject();
        }
        _ancestors.Remove(obj);
    }

    private static JsValue Read(ObjectInstance obj, JsValue key)
    {
        var property = obj.GetOwnProperty(key);
        if (property.IsAccessorDescriptor())
            throw new ResultException(ExpressionErrorKind.Runtime, $"its result has a getter (`{key}`); expressions must produce plain data");
        return property.Value ?? JsValue.Undefined;
    }

    private static void WriteNumber(Utf8JsonWriter writer, double number)
    {
        if (!double.IsFinite(number))
            writer.WriteNullValue();
        else if (Math.Abs(number) <= MaxSafeInteger && Math.Floor(number) == number)
            writer.WriteNumberValue((long)number); // -0 too: JSON has no negative zero
        else
            writer.WriteNumberValue(number);
    }

    private void Charge(long units)
    {
        _units += units;
        if (_units > _maxUnits) TooLarge();
    }

    private static void TooLarge()
        => throw new ResultException(ExpressionErrorKind.MemoryLimit, "its result is larger than the memory limit allows");

    /// <summary>The result of an expression cannot be handed back as JSON.</summary>
    internal sealed class ResultException(ExpressionErrorKind kind, string cause) : Exception(cause)
    {
        public ExpressionErrorKind Kind { get; } = kind;
    }
}
