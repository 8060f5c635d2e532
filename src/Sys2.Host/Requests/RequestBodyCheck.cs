using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Sys2.Workflows.Definitions.Inputs;

namespace Sys2.Host.Requests;

/// <summary>
/// Every JSON body sent to the API is read once, before it is bound, and refused with a problem
/// naming the field when it is not JSON, or when one of its strings holds a NUL (<c>\u0000</c>),
/// a lone surrogate, or more characters than <see cref="TextLimits"/> allows for that field.
/// </summary>
/// <remarks>
/// Why a scan of the raw body and not a <c>JsonConverter&lt;string&gt;</c>: the inputs, forms and
/// payloads are <c>JsonObject</c>s, whose strings no custom string converter sees; System.Text.Json
/// accepts <c>\u0000</c> and reports a lone surrogate as an exception without the field; and a
/// converter does not know the path to name. One pass of <see cref="Utf8JsonReader"/> sees every
/// string of every endpoint with its path, and costs one read of a body already bounded by
/// <see cref="RequestLimits"/>. PostgreSQL cannot store NUL in <c>jsonb</c> text and a lone
/// surrogate is not Unicode: both would fail at the append, far from the field that caused them.
/// </remarks>
public sealed class RequestBodyCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is not null && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        var max = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength > max)
        {
            await Results.Problem($"the request body is {context.Request.ContentLength} bytes: this endpoint accepts {max} bytes at most",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large").ExecuteAsync(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api") && context.Request.HasJsonContentType())
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            if (buffer.Length > 0 && Problem(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } problem)
            {
                await problem.ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }

    /// <summary>The first thing wrong with a JSON body, as the answer to give, or null.</summary>
    public static IResult? Problem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.ValueIsEscaped || !IsPlain(reader.ValueSpan) ? Read(ref reader) : Encoding.UTF8.GetString(reader.ValueSpan);
                        if ((name is null ? Unreadable : Wrong(name, null)) is { } badName)
                            return Field(Path(frames, Shown(name)), badName);
                        frames[^1].Property = name;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }
                if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.String:
                        var text = Read(ref reader);
                        var field = frames.Count > 0 && !frames[^1].IsArray ? frames[^1].Property : null;
                        if ((text is null ? Unreadable : Wrong(text, TextLimits.For(field))) is { } badText)
                            return Field(Path(frames, null), badText);
                        break;
                }
            }
            return null;
        }
        catch (JsonException e)
        {
            return Results.Problem($"the request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})",
                statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }
    }

    private const string Unreadable = "is not valid text: it holds a lone surrogate (\\ud800-\\udfff without its pair) or bytes that are not UTF-8";

    private static string? Read(ref Utf8JsonReader reader)
    {
        try { return reader.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    private static bool IsPlain(ReadOnlySpan<byte> utf8) => !utf8.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    private static string? Wrong(string text, int? max)
    {
        if (text.Contains('\0')) return "holds a NUL character (\\u0000): text may not contain it";
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return Unreadable;
        }
        return text.Length > max ? $"text of {text.Length} characters is too long: expected at most {max}" : null;
    }

    /// <summary>A bad property name as it can be shown: NULs and surrogates replaced.</summary>
    private static string Shown(string? name) =>
        name is null ? "?" : new string(name.Select(c => c == '\0' || char.IsSurrogate(c) ? '?' : c).ToArray());

    private static IResult Field(string path, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [path] = [message] },
            detail: $"{path}: {message}", title: "Invalid text in the request body");

    private static string Path(List<Frame> frames, string? property)
    {
        var path = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var segment = frame.IsArray ? $"[{frame.Index}]" : i == frames.Count - 1 && property is not null ? property : frame.Property;
            if (segment is null) continue;
            if (!frame.IsArray && path.Length > 0) path.Append('.');
            path.Append(segment);
        }
        return path.Length == 0 ? "body" : path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string? Property { get; set; }
    }
}
