namespace Sys2.Integrations.MPay;

/// <summary>IBAN check (ISO 13616): country, two check digits, BBAN; the rearranged number mod 97 is 1.</summary>
public static class Iban
{
    /// <summary>Length of an Italian IBAN: IT + 2 check digits + CIN + ABI (5) + CAB (5) + account (12).</summary>
    public const int ItalianLength = 27;

    public static bool IsValid(string? iban)
    {
        if (string.IsNullOrWhiteSpace(iban)) return false;
        var compact = iban.Replace(" ", string.Empty).ToUpperInvariant();
        if (compact.Length is < 15 or > 34 || !compact.All(char.IsAsciiLetterOrDigit)) return false;
        if (compact.StartsWith("IT", StringComparison.Ordinal) && compact.Length != ItalianLength) return false;
        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
