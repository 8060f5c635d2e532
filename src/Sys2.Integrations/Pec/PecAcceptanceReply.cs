using System.Globalization;
using System.Text.RegularExpressions;

namespace Sys2.Integrations.Pec;

/// <summary>
/// The provider's final reply to DATA, which carries the accettazione: <c>2.0.0 accettazione
/// id=&lt;provider message id&gt; data=&lt;ISO 8601 time&gt;</c>. The sandbox provider answers this way;
/// a provider that sends the ricevuta di accettazione only as a message to the sender's mailbox needs
/// a reader of that mailbox instead (not built).
/// </summary>
public static partial class PecAcceptanceReply
{
    public static string Format(string providerMessageId, DateTimeOffset acceptedAt) =>
        $"2.0.0 accettazione id={providerMessageId} data={acceptedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? reply, out PecAcceptance acceptance)
    {
        acceptance = null!;
        if (reply is null || Shape().Match(reply) is not { Success: true } match) return false;
        if (!DateTimeOffset.TryParse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return false;
        acceptance = new PecAcceptance(match.Groups["id"].Value, at);
        return true;
    }

    [GeneratedRegex(@"accettazione id=(?<id>\S+) data=(?<at>\S+)")]
    private static partial Regex Shape();
}
