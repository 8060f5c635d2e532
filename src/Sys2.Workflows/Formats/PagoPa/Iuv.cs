namespace Sys2.Workflows.Formats.PagoPa;

/// <summary>
/// An IUV (identificativo univoco di versamento) of the aux-digit-3 scheme (DOMAIN.md §4):
/// 17 digits = segregation code (2) + IUV base (13) + check digits (2), where the check digits are
/// ("3" + segregation code + IUV base) mod 93, written as two digits.
/// </summary>
/// <remarks>
/// IUVs of the withdrawn aux 0, 1 and 2 schemes (15 digits, or 17 digits with a different check)
/// are not supported: see <see cref="NumeroAvviso"/>. <c>default(Iuv)</c> is not a valid value.
/// </remarks>
public readonly record struct Iuv
{
    public const int Length = SegregationCodeLength + BaseLength + CheckDigitsLength;
    public const int SegregationCodeLength = 2;
    public const int BaseLength = 13;
    public const int CheckDigitsLength = 2;

    private const string Label = "IUV";

    private Iuv(string value) => Value = value;

    /// <summary>The 17 digits.</summary>
    public string Value { get; }

    /// <summary>The 2-digit segregation code pagoPA assigned to the generation point.</summary>
    public string SegregationCode => Value[..SegregationCodeLength];

    /// <summary>The 13-digit IUV base chosen by the creditor entity.</summary>
    public string Base => Value.Substring(SegregationCodeLength, BaseLength);

    /// <summary>The last two digits.</summary>
    public string CheckDigits => Value[(Length - CheckDigitsLength)..];

    /// <summary>Builds the IUV from its parts, computing the check digits.</summary>
    /// <exception cref="ArgumentException">A part is not made of the expected number of ASCII digits.</exception>
    public static Iuv ForAux3(string segregationCode, string iuvBase)
    {
        RequireDigits(segregationCode, SegregationCodeLength, nameof(segregationCode));
        RequireDigits(iuvBase, BaseLength, nameof(iuvBase));
        var head = segregationCode + iuvBase;
        return new Iuv(head + NumeroAvviso.ComputeCheckDigits(NumeroAvviso.Aux3 + head));
    }

    /// <summary>Parses a 17-digit aux-3 IUV after trimming; on failure <paramref name="error"/> names the value and the problem.</summary>
    public static bool TryParse(string? s, out Iuv value, out string error)
    {
        var normalized = s?.Trim() ?? string.Empty;
        var problem = Validate(normalized, Label, firstPosition: 1);
        if (problem is not null)
        {
            value = default;
            error = problem;
            return false;
        }

        value = new Iuv(normalized);
        error = string.Empty;
        return true;
    }

    /// <exception cref="FormatException">The value is missing, not 17 digits, or has wrong check digits.</exception>
    public static Iuv Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new FormatException(error);

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Wraps 17 digits already validated by <see cref="NumeroAvviso"/>.</summary>
    internal static Iuv FromValidated(string value) => new(value);

    /// <summary>
    /// Checks a 17-character IUV; positions in messages start at <paramref name="firstPosition"/>
    /// so that a numero avviso can report positions within itself.
    /// </summary>
    internal static string? Validate(string iuv, string label, int firstPosition)
    {
        if (iuv.Length == 0)
        {
            return $"{label} is missing (null or blank)";
        }

        if (iuv.Length != Length)
        {
            return $"{label} '{iuv}': wrong length: expected {Length} digits, got {iuv.Length}";
        }

        for (var i = 0; i < iuv.Length; i++)
        {
            if (!char.IsAsciiDigit(iuv[i]))
            {
                return $"{label} '{iuv}': invalid character '{iuv[i]}' at position {i + firstPosition}: expected a digit";
            }
        }

        var expected = NumeroAvviso.ComputeCheckDigits(NumeroAvviso.Aux3 + iuv[..(Length - CheckDigitsLength)]);
        var actual = iuv[(Length - CheckDigitsLength)..];
        return expected == actual
            ? null
            : $"{label} '{iuv}': wrong check digits: expected {expected} got {actual} " +
              "(aux digit 3: '3' + segregation code + IUV base, mod 93)";
    }

    private static void RequireDigits(string value, int length, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length != length || !value.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Expected exactly {length} ASCII digits, got '{value}'.", paramName);
        }
    }
}
