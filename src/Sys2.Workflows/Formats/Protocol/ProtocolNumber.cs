using System.Globalization;

namespace Sys2.Workflows.Formats.Protocol;

/// <summary>
/// The number of a protocol registration: progressive within a register of an AOO, restarting
/// at 1 on 1 January, written with at least seven digits (DPR 445/2000 art. 57).
/// </summary>
public static class ProtocolNumber
{
    public const int MinimumDigits = 7;

    public static string Format(int number) =>
        number > 0
            ? number.ToString(new string('0', MinimumDigits), CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(number), number, "protocol numbers start at 1");

    /// <summary>True for at least seven digits denoting a number ≥ 1.</summary>
    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        return text is { Length: >= MinimumDigits } && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
