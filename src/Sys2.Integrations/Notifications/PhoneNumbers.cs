namespace Sys2.Integrations.Notifications;

/// <summary>Phone numbers as people write them ("+39 0735 581234", "333-1234567") to E.164 ("+390735581234").</summary>
public static class PhoneNumbers
{
    public const string ItalianPrefix = "+39";

    public static bool TryNormalize(string? written, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(written)) return false;
        var compact = new string(written.Where(c => !(char.IsWhiteSpace(c) || c is '-' or '.' or '/' or '(' or ')')).ToArray());
        if (compact.StartsWith("00", StringComparison.Ordinal)) compact = "+" + compact[2..];
        // Without an international prefix, a number of a Marche entity's applicant is Italian.
        else if (!compact.StartsWith('+')) compact = ItalianPrefix + compact;
        if (compact.Length is < 9 or > 16 || !compact[1..].All(char.IsAsciiDigit)) return false;
        e164 = compact;
        return true;
    }
}
