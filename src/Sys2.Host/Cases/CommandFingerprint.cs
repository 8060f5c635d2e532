using System.Text.Json;
using System.Text.Json.Nodes;
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
        var body = JsonSerializer.SerializeToNode(trigger, trigger.GetType(), Json)!.AsObject();
        // Who sent it is not what it asks: the same click by the same clerk, seen twice, is one command.
        body.Remove("by");
        var canonical = new JsonObject
        {
            ["target"] = target,
            ["expectedVersion"] = expectedVersion,
            ["trigger"] = trigger.GetType().Name,
            ["body"] = body,
        };
        return Sha256Hex.Of(CanonicalJson.Write(canonical));
    }

    /// <summary>The fingerprint of a command on a case.</summary>
    public static string Of(CaseCommand command) => Of(command.CaseId, command.ExpectedVersion, command.Trigger);
}
