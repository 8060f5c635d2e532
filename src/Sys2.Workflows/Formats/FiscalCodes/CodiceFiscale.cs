namespace Sys2.Workflows.Formats.FiscalCodes;

/// <summary>
/// An Italian codice fiscale: either the 16-character code of a person
/// (surname, name, birth year, month letter, day, Belfiore code of the birthplace, check letter),
/// or the 11-digit numeric code of a company or public entity, checked like a <see cref="PartitaIva"/>
/// (DOMAIN.md §8).
/// </summary>
/// <remarks>
/// For the personal form the character class of every position is checked, omocodia letters
/// (L M N P Q R S T U V standing for 0-9) are accepted in the digit positions 7, 8, 10, 11, 13, 14, 15,
/// the month letter must be one of A B C D E H L M P R S T, and the 16th character must be the check
/// letter. The day value and the order in which omocodia substitutions are made are not checked.
/// <c>default(CodiceFiscale)</c> is not a valid value; obtain instances through <see cref="Parse"/> or <see cref="TryParse"/>.
/// </remarks>
public readonly record struct CodiceFiscale
{
    public const int PersonalLength = 16;
    public const int NumericLength = NumericFiscalCode.Length;

    private const string Label = "Codice fiscale";
    private const string OmocodiaLetters = "LMNPQRSTUV";
    private const string MonthLetters = "ABCDEHLMPRST";

    /// <summary>Values of characters in odd positions (1st, 3rd, ...): index = letter - 'A', or digit value.</summary>
    private static readonly int[] OddValues =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    private CodiceFiscale(string value) => Value = value;

    /// <summary>The code, trimmed and upper-case.</summary>
    public string Value { get; }

    /// <summary>True for the 16-character code of a person.</summary>
    public bool IsPersonal => Value is { Length: PersonalLength };

    /// <summary>True for the 11-digit code of a company or entity (same rules as a partita IVA).</summary>
    public bool IsNumeric => Value is { Length: NumericLength };

    /// <summary>Parses after trimming and upper-casing; on failure <paramref name="error"/> names the value and the problem.</summary>
    public static bool TryParse(string? s, out CodiceFiscale value, out string error)
    {
        var normalized = NumericFiscalCode.Normalize(s);
        var problem = normalized.Length switch
        {
            0 => $"{Label} is missing (null or blank)",
            NumericLength => NumericFiscalCode.Validate(normalized, Label),
            PersonalLength => ValidatePersonal(normalized),
            _ => $"{Label} '{normalized}': wrong length: expected {PersonalLength} characters (person) " +
                 $"or {NumericLength} digits (company or entity), got {normalized.Length}",
        };

        if (problem is not null)
        {
            value = default;
            error = problem;
            return false;
        }

        value = new CodiceFiscale(normalized);
        error = string.Empty;
        return true;
    }

    /// <exception cref="FormatException">The value is missing, has the wrong length, an invalid character or a wrong check character.</exception>
    public static CodiceFiscale Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>
    /// The check letter (16th character) of a personal code: 'A' + (sum mod 26), where characters in
    /// odd positions are valued by the odd table and those in even positions by their digit value or
    /// their alphabet index (A = 0).
    /// </summary>
    /// <param name="first15">Exactly 15 upper-case ASCII letters or digits.</param>
    /// <exception cref="ArgumentException"><paramref name="first15"/> is not 15 upper-case letters or digits.</exception>
    public static char ComputeCheckCharacter(string first15)
    {
        ArgumentNullException.ThrowIfNull(first15);
        if (first15.Length != PersonalLength - 1 || !first15.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            throw new ArgumentException(
                $"Expected exactly {PersonalLength - 1} upper-case ASCII letters or digits to compute the check character, got '{first15}'.",
                nameof(first15));
        }

        return ComputeCheck(first15);
    }

    /// <summary>The check digit of the numeric (11-digit) form; same rule as <see cref="PartitaIva.ComputeCheckDigit"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="first10"/> is not exactly ten ASCII digits.</exception>
    public static char ComputeCheckDigit(string first10)
    {
        NumericFiscalCode.RequireTenDigits(first10, nameof(first10));
        return NumericFiscalCode.ComputeCheckDigit(first10);
    }

    public override string ToString() => Value ?? string.Empty;

    private static string? ValidatePersonal(string code)
    {
        for (var i = 0; i < PersonalLength - 1; i++)
        {
            var position = i + 1;
            var c = code[i];
            var (ok, expected) = position switch
            {
                7 or 8 or 10 or 11 or 13 or 14 or 15 =>
                    (char.IsAsciiDigit(c) || OmocodiaLetters.Contains(c), "a digit or an omocodia letter (L M N P Q R S T U V)"),
                9 => (MonthLetters.Contains(c), "a month letter (A B C D E H L M P R S T)"),
                _ => (char.IsAsciiLetterUpper(c), "a letter"),
            };

            if (!ok)
            {
                return $"{Label} '{code}': invalid character '{c}' at position {position}: expected {expected}";
            }
        }

        var actual = code[PersonalLength - 1];
        if (!char.IsAsciiLetterUpper(actual))
        {
            return $"{Label} '{code}': invalid character '{actual}' at position {PersonalLength}: expected the check letter";
        }

        var expectedCheck = ComputeCheck(code.AsSpan(0, PersonalLength - 1));
        return expectedCheck == actual
            ? null
            : $"{Label} '{code}': wrong check character: expected {expectedCheck} got {actual}";
    }

    private static char ComputeCheck(ReadOnlySpan<char> first15)
    {
        var sum = 0;
        for (var i = 0; i < first15.Length; i++)
        {
            var c = first15[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            // i is 0-based: i = 0 is the 1st (odd) position.
            sum += i % 2 == 0 ? OddValues[index] : index;
        }

        return (char)('A' + (sum % 26));
    }
}
