namespace Sys2.Workflows.Formats.FiscalCodes;

/// <summary>
/// The 11-digit numeric code shared by the partita IVA and by the numeric codice fiscale
/// of companies and public entities (DOMAIN.md §8): ten digits and a Luhn-like check digit.
/// </summary>
internal static class NumericFiscalCode
{
    public const int Length = 11;

    /// <summary>Trims and upper-cases; null becomes the empty string.</summary>
    public static string Normalize(string? s) => s is null ? string.Empty : s.Trim().ToUpperInvariant();

    /// <summary>Returns null when <paramref name="normalized"/> is a valid 11-digit code, else the problem.</summary>
    public static string? Validate(string normalized, string label)
    {
        if (normalized.Length == 0)
        {
            return $"{label} is missing (null or blank)";
        }

        if (normalized.Length != Length)
        {
            return $"{label} '{normalized}': wrong length: expected {Length} digits, got {normalized.Length}";
        }

        for (var i = 0; i < normalized.Length; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                return $"{label} '{normalized}': invalid character '{normalized[i]}' at position {i + 1}: expected a digit";
            }
        }

        var expected = ComputeCheckDigit(normalized.AsSpan(0, Length - 1));
        var actual = normalized[Length - 1];
        return expected == actual
            ? null
            : $"{label} '{normalized}': wrong check digit: expected {expected} got {actual}";
    }

    /// <summary>
    /// Digits in odd positions (1, 3, 5, 7, 9) are added as they are; digits in even positions
    /// (2 .. 10) are doubled, less 9 when the double exceeds 9, and added;
    /// the check digit is (10 - sum mod 10) mod 10.
    /// </summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> first10)
    {
        var sum = 0;
        for (var i = 0; i < first10.Length; i++)
        {
            var digit = first10[i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>Guards the public ComputeCheckDigit entry points: exactly ten ASCII digits.</summary>
    public static void RequireTenDigits(string first10, string paramName)
    {
        ArgumentNullException.ThrowIfNull(first10, paramName);
        if (first10.Length != Length - 1 || !first10.All(char.IsAsciiDigit))
        {
            throw new ArgumentException(
                $"Expected exactly {Length - 1} ASCII digits to compute the check digit, got '{first10}'.", paramName);
        }
    }
}
