using System.Buffers;
using System.Text.Json;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Cases;

/// <summary>
/// The SHA-256 of what a command asks, in canonical JSON (sorted keys, no whitespace): what it
/// acts on (a case, or the definition a new case opens on), the version it was decided on and
/// its trigger without the caller. The same id with the same fingerprint is the same command
/// sent again (a retry, a double click); the same id with another fingerprint is an id reused
/// for another command, which is refused rather than answered with the first one's outcome.
/// </summary>
public static class CommandFingerprint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(string target, long? expectedVersion, Trigger trigger)
    {
        // {"body":…,"expectedVersion":…,"target":…,"trigger":…}: the keys in canonical (ordinal) order, the body
        // canonical too, written from the serialized trigger without building a node tree of it.
        var body = new ArrayBufferWriter<byte>(1024);
        // Who sent it is not what it asks: the same click by the same clerk, seen twice, is one command.
        CanonicalJson.WriteTo(body, JsonSerializer.SerializeToUtf8Bytes(trigger, trigger.GetType(), Json), skipRootProperty: "by");
        var canonical = new ArrayBufferWriter<byte>(body.WrittenCount + 256);
        using (var writer = new Utf8JsonWriter(canonical))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("body");
            writer.WriteRawValue(body.WrittenSpan, skipInputValidation: true);
            writer.WritePropertyName("expectedVersion");
            if (expectedVersion is { } version) writer.WriteNumberValue(version);
            else writer.WriteNullValue();
            writer.WriteString("target", target);
            writer.WriteString("trigger", trigger.GetType().Name);
            writer.WriteEndObject();
        }
        return Sha256Hex.Of(canonical.WrittenSpan);
    }

    /// <summary>The fingerprint of a command on a case.</summary>
    public static string Of(CaseCommand command) => Of(command.CaseId, command.ExpectedVersion, command.Trigger);
}
