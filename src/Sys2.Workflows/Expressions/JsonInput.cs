using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// Copies a <see cref="JsonNode"/> into the engine as frozen JavaScript values: the expression reads the copy,
/// can change neither it nor the caller's node.
/// </summary>
internal static class JsonInput
{
    private const int MaxDepth = 256;

    public static JsValue ToJs(Engine engine, JsonNode? node) => Convert(engine, node, depth: 0);

    private static JsValue Convert(Engine engine, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
            throw new InvalidOperationException($"An expression root is nested deeper than {MaxDepth} levels.");
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                var target = new JsObject(engine);
                foreach (var (name, value) in obj)
                    target.FastSetProperty(name, new PropertyDescriptor(Convert(engine, value, depth + 1), PropertyFlag.Enumerable));
                target.PreventExtensions();
                return target;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++) items[i] = Convert(engine, array[i], depth + 1);
                var list = new JsArray(engine, items);
                for (var i = 0; i < items.Length; i++)
                    list.DefineOwnProperty(i, new PropertyDescriptor(items[i], writable: false, enumerable: true, configurable: false));
                list.DefineOwnProperty("length", new PropertyDescriptor(items.Length, writable: false, enumerable: false, configurable: false));
                list.PreventExtensions();
                return list;
            case JsonValue value:
                return Primitive(engine, value, depth);
            default:
                throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}.");
        }
    }

    private static JsValue Primitive(Engine engine, JsonValue value, int depth)
    {
        if (value.TryGetValue<JsonElement>(out var element)) return Element(engine, element, depth);
        if (value.TryGetValue<string>(out var text)) return JsString.Create(text);
        if (value.TryGetValue<bool>(out var flag)) return flag ? JsBoolean.True : JsBoolean.False;
        if (value.TryGetValue<double>(out var number)) return JsNumber.Create(number);
        if (value.TryGetValue<int>(out var int32)) return JsNumber.Create(int32);
        if (value.TryGetValue<long>(out var int64)) return JsNumber.Create(int64);
        if (value.TryGetValue<decimal>(out var money)) return JsNumber.Create((double)money);
        // Any other CLR value (float, Guid, DateTime, ...): through its JSON text.
        using var document = JsonDocument.Parse(value.ToJsonString());
        return Element(engine, document.RootElement, depth);
    }

    private static JsValue Element(Engine engine, JsonElement element, int depth) => element.ValueKind switch
    {
        JsonValueKind.String => JsString.Create(element.GetString()!),
        JsonValueKind.Number => JsNumber.Create(element.GetDouble()),
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        JsonValueKind.Null or JsonValueKind.Undefined => JsValue.Null,
        _ => Convert(engine, JsonNode.Parse(element.GetRawText()), depth),
    };
}
