using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// Measures, before a native built-in runs, how much that built-in would build. Jint checks its memory, time and
/// statement limits between statements, so one native call (<c>join</c>, <c>flat</c>, <c>JSON.stringify</c>) over
/// an array that holds the same large value many times could allocate gigabytes before any check. The sandbox's
/// guards call these meters first and throw a <c>RangeError</c> when the result would break the budget.
/// </summary>
/// <remarks>
/// Every visited element costs at least one unit, so a measurement itself stops after <c>limit</c> steps
/// however the value is shaped (shared or cyclic structures included).
/// </remarks>
internal sealed class SizeMeter
{
    public const string LimitMessage = "would exceed the expression memory limit";

    private readonly Engine _engine;
    private readonly string _what;
    private readonly long _limit;
    private readonly HashSet<ObjectInstance> _ancestors = new(ReferenceEqualityComparer.Instance);
    private long _units;

    private SizeMeter(Engine engine, string what, long limit)
    {
        _engine = engine;
        _what = what;
        _limit = limit;
    }

    /// <summary>Characters <c>Array.prototype.join</c> (and <c>toString</c>, which calls it) would produce.</summary>
    public static void Join(Engine engine, JsValue list, JsValue separator, long maxChars)
    {
        var meter = new SizeMeter(engine, "Array.prototype.join", maxChars);
        var separatorLength = separator.IsUndefined() ? 1 : separator.IsString() ? separator.AsString().Length : 0;
        meter.MeasureJoin(list, separatorLength);
    }

    /// <summary>Elements <c>Array.prototype.flat</c> would copy.</summary>
    public static void Flat(Engine engine, JsValue list, JsValue depth, long maxElements)
    {
        var meter = new SizeMeter(engine, "Array.prototype.flat", maxElements);
        var levels = depth.IsUndefined() ? 1 : TypeConverter.ToNumber(depth);
        meter.MeasureFlat(list, double.IsNaN(levels) ? 0 : levels);
    }

    /// <summary>
    /// Characters <c>JSON.stringify</c> would produce. Only plain data is accepted: a replacer function, a
    /// <c>toJSON</c> method or a getter would hand the native serializer values nobody measured.
    /// </summary>
    public static void Json(Engine engine, JsValue value, JsValue replacer, JsValue space, long maxChars)
    {
        if (replacer.IsCallable())
            throw RangeError(engine, "JSON.stringify with a replacer function is not available in expressions");
        var meter = new SizeMeter(engine, "JSON.stringify", maxChars);
        var indent = space.IsNumber() ? (int)Math.Clamp(space.AsNumber(), 0, 10)
            : space.IsString() ? Math.Min(space.AsString().Length, 10) : 0;
        meter.MeasureJson(value, indent, depth: 0);
    }

    private void MeasureJoin(JsValue value, int separatorLength)
    {
        if (value is not ObjectInstance list || !_ancestors.Add(list)) return;
        var length = LengthOf(list);
        Add(Math.Max(0, length - 1) * (double)separatorLength);
        for (uint i = 0; i < length; i++)
        {
            Add(1);
            var item = list.Get(i);
            switch (item.Type)
            {
                case Types.String:
                    Add(item.AsString().Length);
                    break;
                case Types.Number or Types.BigInt or Types.Boolean:
                    Add(PrimitiveLength(item));
                    break;
                case Types.Object when item.IsArray():
                    MeasureJoin(item, separatorLength: 1);
                    break;
                case Types.Object:
                    Add("[object Object]".Length); // a custom toString is script: its statements are checked
                    break;
            }
        }
        _ancestors.Remove(list);
    }

    private void MeasureFlat(JsValue value, double levels)
    {
        if (value is not ObjectInstance list || !_ancestors.Add(list)) return;
        var length = LengthOf(list);
        for (uint i = 0; i < length; i++)
        {
            Add(1);
            var item = list.Get(i);
            if (levels >= 1 && item.IsArray()) MeasureFlat(item, levels - 1);
        }
        _ancestors.Remove(list);
    }

    private void MeasureJson(JsValue value, int indent, int depth)
    {
        var lineCost = indent == 0 ? 0 : 1 + (double)indent * (depth + 1);
        switch (value.Type)
        {
            case Types.String:
                Add(QuotedLength(value.AsString()));
                return;
            case Types.Number or Types.Boolean or Types.Null or Types.Undefined:
                Add(value.IsUndefined() ? 4 : PrimitiveLength(value));
                return;
            case Types.Object:
                break;
            default:
                return;
        }

        var obj = value.AsObject();
        if (obj.IsCallable()) return;
        if (obj.Get("toJSON").IsCallable())
            throw RangeError(_engine, "JSON.stringify of a value with a toJSON method is not available in expressions");
        if (!_ancestors.Add(obj)) return; // a cycle: the native call reports it
        Add(2);
        if (obj.IsArray())
        {
            var length = LengthOf(obj);
            for (uint i = 0; i < length; i++)
            {
                Add(1 + lineCost);
                MeasureJson(obj.Get(i), indent, depth + 1);
            }
        }
        else
        {
            foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            {
                var property = obj.GetOwnProperty(key);
                if (!property.Enumerable) continue;
                if (property.IsAccessorDescriptor())
                    throw RangeError(_engine, $"JSON.stringify of a getter (`{key}`) is not available in expressions");
                Add(QuotedLength(key.AsString()) + 2 + lineCost);
                MeasureJson(property.Value, indent, depth + 1);
            }
        }
        _ancestors.Remove(obj);
    }

    private uint LengthOf(ObjectInstance list)
    {
        var length = TypeConverter.ToNumber(list.Get("length"));
        if (!(length > 0)) return 0;
        if (length > _limit) Throw();
        return (uint)length;
    }

    private static double PrimitiveLength(JsValue value) => value.Type switch
    {
        Types.Number => value.AsNumber().ToString("R", CultureInfo.InvariantCulture).Length,
        Types.Boolean => value.AsBoolean() ? 4 : 5,
        Types.Null => 4,
        _ => value.ToString().Length,
    };

    private static double QuotedLength(string text)
    {
        double length = text.Length + 2;
        foreach (var c in text)
        {
            if (c < 0x20) length += 5;
            else if (c is '"' or '\\') length += 1;
            else if (char.IsSurrogate(c)) length += 5; // a lone surrogate is escaped; a pair is at most this
        }
        return length;
    }

    private void Add(double units)
    {
        _units += (long)Math.Min(units, long.MaxValue / 2);
        if (_units > _limit) Throw();
    }

    private void Throw() => throw RangeError(_engine, $"{_what} {LimitMessage}");

    private static JavaScriptException RangeError(Engine engine, string message)
        => new(engine.Construct("RangeError", message));
}
