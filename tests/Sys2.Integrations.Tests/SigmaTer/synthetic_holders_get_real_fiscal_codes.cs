using Sys2.Sandbox.SigmaTer;

namespace Sys2.Integrations.Tests.SigmaTer;

public sealed class synthetic_holders_get_real_fiscal_codes
{
    [Fact]
    public void the_domain_example_is_reproduced_letter_for_letter() =>
        new SyntheticPerson("Rossi", "Mario", Female: false, new DateOnly(1945, 4, 25), "F205").FiscalCode.ShouldBe("RSSMRA45D25F205N");

    [Theory]
    [InlineData("Bianchi", "BNC")]
    [InlineData("Fo", "FOX")]
    [InlineData("Amadio", "MDA")]
    public void the_surname_gives_consonants_then_vowels_then_x(string surname, string code) =>
        SyntheticPerson.SurnameCode(surname).ShouldBe(code);

    [Theory]
    [InlineData("Francesca", "FNC")] // four or more consonants: 1st, 3rd and 4th
    [InlineData("Maria", "MRA")]
    [InlineData("Elisa", "LSE")]
    public void the_name_skips_its_second_consonant_when_it_has_four(string name, string code) =>
        SyntheticPerson.NameCode(name).ShouldBe(code);

    [Fact]
    public void a_woman_is_born_forty_days_later_in_her_code()
    {
        var laura = new SyntheticPerson("Bianchi", "Laura", Female: true, new DateOnly(1980, 1, 1), "H769");

        laura.FiscalCode[..15].ShouldBe("BNCLRA80A41H769");
        laura.FiscalCode.ShouldBe("BNCLRA80A41H769I"); // the fixture the workflow tests use
    }
}
