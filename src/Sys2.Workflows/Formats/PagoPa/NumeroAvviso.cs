namespace Sys2.Workflows.Formats.PagoPa;

/// <summary>
/// A pagoPA numero avviso (notice number), 18 digits (DOMAIN.md §4).
/// Only the aux digit 3 scheme is supported: "3" + segregation code (2) + IUV base (13) + check digits (2),
/// the IUV being the last 17 digits.
/// </summary>
/// <remarks>
/// Aux digits 0, 1 and 2 belonged to earlier pagoPA schemes (application code, or IUVs without a
/// segregation code) that the current SACI specification no longer lists; aux digits 4-9 were never
/// defined. Both are rejected with a message saying so, rather than accepted unchecked.
/// <c>default(NumeroAvviso)</c> is not a valid value.
/// </remarks>
public readonly record struct NumeroAvviso
{
    public const int Length = 1 + Iuv.Length;

    /// <summary>The only aux digit this type accepts.</summary>
    public const char Aux3 = '3';

    private const string Label = "Numero avviso";
    private const int Modulus = 93;

    private NumeroAvviso(string value, Iuv iuv)
    {
        Value = value;
        Iuv = iuv;
    }

    /// <summary>The 18 digits.</summary>
    public string Value { get; }

    /// <summary>The IUV: the last 17 digits.</summary>
    public Iuv Iuv { get; }

    /// <summary>The first digit (always 3 for a parsed value).</summary>
    public int AuxDigit => Value[0] - '0';

    /// <summary>Digits 2-3: the segregation code.</summary>
    public string SegregationCode => Iuv.SegregationCode;

    /// <summary>Digits 4-16: the IUV base.</summary>
    public string IuvBase => Iuv.Base;

    /// <summary>Digits 17-18: the check digits.</summary>
    public string CheckDigits => Iuv.CheckDigits;

    /// <summary>Builds an aux-3 notice number from its parts, computing the check digits.</summary>
    /// <param name="segregationCode">Two digits.</param>
    /// <param name="iuvBase">Thirteen digits.</param>
    /// <exception cref="ArgumentException">A part is not made of the expected number of ASCII digits.</exception>
    public static NumeroAvviso ForAux3(string segregationCode, string iuvBase) => FromIuv(Iuv.ForAux3(segregationCode, iuvBase));

    /// <summary>The notice number of an aux-3 IUV: "3" followed by the IUV.</summary>
    public static NumeroAvviso FromIuv(Iuv iuv)
    {
        if (iuv.Value is null)
        {
            throw new ArgumentException("The IUV is the default value, not a parsed one.", nameof(iuv));
        }

        return new NumeroAvviso(Aux3 + iuv.Value, iuv);
    }

    /// <summary>Parses after trimming; on failure <paramref name="error"/> names the value and the problem.</summary>
    public static bool TryParse(string? s, out NumeroAvviso value, out string error)
    {
        var normalized = s?.Trim() ?? string.Empty;
        var problem = Validate(normalized);
        if (problem is not null)
        {
            value = default;
            error = problem;
            return false;
        }

        value = new NumeroAvviso(normalized, Iuv.FromValidated(normalized[1..]));
        error = string.Empty;
        return true;
    }

    /// <exception cref="FormatException">
    /// The value is missing, not 18 digits, has an unsupported aux digit, or wrong check digits.
    /// </exception>
    public static NumeroAvviso Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>
    /// The two check digits: the number made of <paramref name="precedingDigits"/> mod 93, zero-padded.
    /// For aux 3 pass the 16 digits "3" + segregation code + IUV base.
    /// Computed digit by digit, so any length is exact.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="precedingDigits"/> is empty or not all ASCII digits.</exception>
    public static string ComputeCheckDigits(string precedingDigits)
    {
        ArgumentNullException.ThrowIfNull(precedingDigits);
        if (precedingDigits.Length == 0 || !precedingDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException(
                $"Expected one or more ASCII digits to compute the check digits, got '{precedingDigits}'.",
                nameof(precedingDigits));
        }

        var remainder = 0;
        foreach (var c in precedingDigits)
        {
            remainder = ((remainder * 10) + (c - '0')) % Modulus;
        }

        return remainder.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => Value ?? string.Empty;

    private static string? Validate(string avviso)
    {
        if (avviso.Length == 0)
        {
            return $"{Label} is missing (null or blank)";
        }

        if (avviso.Length != Length)
        {
            return $"{Label} '{avviso}': wrong length: expected {Length} digits, got {avviso.Length}";
        }

        for (var i = 0; i < avviso.Length; i++)
        {
            if (!char.IsAsciiDigit(avviso[i]))
            {
                return $"{Label} '{avviso}': invalid character '{avviso[i]}' at position {i + 1}: expected a digit";
            }
        }

        var aux = avviso[0];
        if (aux != Aux3)
        {
            return aux is '0' or '1' or '2'
                ? $"{Label} '{avviso}': aux digit {aux} is not supported: only aux digit 3 " +
                  "(segregation code + IUV base + check digits) is; aux digits 0, 1 and 2 belong to earlier pagoPA schemes"
                : $"{Label} '{avviso}': aux digit {aux} is not defined by pagoPA: expected 3";
        }

        var iuvProblem = Iuv.Validate(avviso[1..], "IUV", firstPosition: 2);
        return iuvProblem is null ? null : $"{Label} '{avviso}': {iuvProblem}";
    }
}
