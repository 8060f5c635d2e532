namespace Sys2.Workflows.Formats.FiscalCodes;

/// <summary>
/// An Italian partita IVA: 11 digits, the last one a check digit (DOMAIN.md §8).
/// The numeric codice fiscale of companies and public entities has the same shape and check;
/// <see cref="CodiceFiscale"/> accepts it too.
/// </summary>
/// <remarks>
/// Only the shape and the check digit are verified: whether the number was ever issued
/// (or the provincial office code in digits 8-10) is not. <c>default(PartitaIva)</c> is not
/// a valid value; obtain instances through <see cref="Parse"/> or <see cref="TryParse"/>.
/// </remarks>
public readonly record struct PartitaIva
{
    public const int Length = NumericFiscalCode.Length;

    private const string Label = "Partita IVA";

    private PartitaIva(string value) => Value = value;

    /// <summary>The 11 digits, trimmed.</summary>
    public string Value { get; }

    /// <summary>Parses after trimming; on failure <paramref name="error"/> names the value and the problem.</summary>
    public static bool TryParse(string? s, out PartitaIva value, out string error)
    {
        var normalized = NumericFiscalCode.Normalize(s);
        var problem = NumericFiscalCode.Validate(normalized, Label);
        if (problem is not null)
        {
            value = default;
            error = problem;
            return false;
        }

        value = new PartitaIva(normalized);
        error = string.Empty;
        return true;
    }

    /// <exception cref="FormatException">The value is missing, has the wrong length, a non-digit or a wrong check digit.</exception>
    public static PartitaIva Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The check digit (11th digit) for the first ten digits.</summary>
    /// <exception cref="ArgumentException"><paramref name="first10"/> is not exactly ten ASCII digits.</exception>
    public static char ComputeCheckDigit(string first10)
    {
        NumericFiscalCode.RequireTenDigits(first10, nameof(first10));
        return NumericFiscalCode.ComputeCheckDigit(first10);
    }

    public override string ToString() => Value ?? string.Empty;
}
