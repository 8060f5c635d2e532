using System.Globalization;
using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Sandbox.SigmaTer;

/// <summary>
/// A made-up person with the codice fiscale the Agenzia delle Entrate would compute for them
/// (DM 23/12/1976): surname and name letters, birth year, month letter, day (+40 for women),
/// Belfiore code of the birthplace, check letter.
/// </summary>
public sealed record SyntheticPerson(string Surname, string Name, bool Female, DateOnly Born, string Birthplace)
{
    private const string MonthLetters = "ABCDEHLMPRST";
    private const string Vowels = "AEIOU";

    private static readonly string[] Surnames =
    [
        "Rossi", "Bianchi", "Ricci", "Marinelli", "Capriotti", "Santarelli", "Voltattorni", "Cameli", "Ciabattoni",
        "Pompei", "Fiorani", "Neroni", "Pignotti", "Marcucci", "Rosetti", "Vitali", "Amadio", "Bruni", "Galli", "Ferretti",
    ];

    private static readonly string[] MaleNames = ["Mario", "Giuseppe", "Luigi", "Franco", "Domenico", "Emidio", "Stefano", "Andrea", "Marco", "Pietro"];
    private static readonly string[] FemaleNames = ["Maria", "Anna", "Giulia", "Laura", "Rita", "Elisa", "Francesca", "Paola", "Silvia", "Chiara"];

    public string FullName => $"{Surname.ToUpperInvariant()} {Name.ToUpperInvariant()}";

    public string FiscalCode
    {
        get
        {
            var day = Born.Day + (Female ? 40 : 0);
            var first15 = SurnameCode(Surname) + NameCode(Name)
                + (Born.Year % 100).ToString("00", CultureInfo.InvariantCulture)
                + MonthLetters[Born.Month - 1]
                + day.ToString("00", CultureInfo.InvariantCulture)
                + Birthplace;
            return first15 + CodiceFiscale.ComputeCheckCharacter(first15);
        }
    }

    public static SyntheticPerson Draw(Random random, IReadOnlyList<string> birthplaces, int bornFrom, int bornTo)
    {
        var female = random.Next(2) == 0;
        var born = new DateOnly(random.Next(bornFrom, bornTo + 1), 1, 1).AddDays(random.Next(365));
        return new SyntheticPerson(random.Pick(Surnames), random.Pick(female ? FemaleNames : MaleNames), female, born, random.Pick(birthplaces));
    }

    /// <summary>Consonants, then vowels, then X, first three.</summary>
    public static string SurnameCode(string surname)
    {
        var letters = Letters(surname);
        return (Consonants(letters) + VowelsOf(letters) + "XXX")[..3];
    }

    /// <summary>As the surname, except that with four or more consonants the 1st, 3rd and 4th are taken.</summary>
    public static string NameCode(string name)
    {
        var letters = Letters(name);
        var consonants = Consonants(letters);
        return consonants.Length >= 4
            ? $"{consonants[0]}{consonants[2]}{consonants[3]}"
            : (consonants + VowelsOf(letters) + "XXX")[..3];
    }

    private static string Letters(string text) => string.Concat(text.ToUpperInvariant().Where(char.IsAsciiLetterUpper));

    private static string Consonants(string letters) => string.Concat(letters.Where(c => !Vowels.Contains(c)));

    private static string VowelsOf(string letters) => string.Concat(letters.Where(c => Vowels.Contains(c)));
}
