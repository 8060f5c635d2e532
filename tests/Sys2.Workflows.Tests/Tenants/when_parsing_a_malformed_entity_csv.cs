using Sys2.Workflows.Tenants;

namespace Sys2.Workflows.Tests.Tenants;

public class when_parsing_a_malformed_entity_csv
{
    private const string Header = "name,kind,istat,belfiore,province,cap,codice_fiscale,lead";
    private const string Lead = "San Benedetto del Tronto,comune,044066,H769,AP,63074,00360140446,yes";
    private const string Fermo = "Fermo,comune,109006,D542,FM,63900,00334990447,";
    private const string Union = "Unione dei Comuni Piceni,unione,,,,,,";

    private static EntityCatalogue Parse(params string[] lines) =>
        EntityCatalogue.Parse(new StringReader(string.Join('\n', lines)), "test.csv");

    private static IReadOnlyList<string> Problems(params string[] lines) =>
        Should.Throw<EntityCatalogueFormatException>(() => Parse(lines)).Problems;

    [Fact]
    public void a_well_formed_file_parses()
    {
        var catalogue = Parse(Header, Lead, Fermo, Union, "");

        catalogue.All.Select(e => e.Name).ShouldBe(["San Benedetto del Tronto", "Fermo", "Unione dei Comuni Piceni"]);
        catalogue.All[2].Istat.ShouldBeNull();
        catalogue.All[2].CodiceFiscale.ShouldBeNull();
    }

    [Fact]
    public void a_wrong_check_digit_is_reported_with_file_line_and_field()
    {
        var problems = Problems(Header, Lead, "Fermo,comune,109006,D542,FM,63900,00334990448,");

        problems.ShouldHaveSingleItem().ShouldBe(
            "test.csv:3: field 'codice_fiscale' value '00334990448': " +
            "Codice fiscale '00334990448': wrong check digit: expected 7 got 8");
    }

    [Fact]
    public void the_message_of_the_exception_lists_the_problems()
    {
        var ex = Should.Throw<EntityCatalogueFormatException>(
            () => Parse(Header, Lead, "Fermo,comune,10900,D542,FM,63900,00334990447,"));

        ex.ShouldBeAssignableTo<FormatException>();
        ex.Message.ShouldContain("test.csv:3: field 'istat' value '10900': expected 6 digits");
    }

    [Fact]
    public void a_comune_without_belfiore_code_is_reported()
    {
        Problems(Header, Lead, "Fermo,comune,109006,,FM,63900,00334990447,")
            .ShouldBe(["test.csv:3: field 'belfiore' value '': required for a comune"]);
    }

    [Fact]
    public void a_malformed_belfiore_code_is_reported()
    {
        Problems(Header, Lead, "Fermo,comune,109006,D54,FM,63900,00334990447,")
            .ShouldBe(["test.csv:3: field 'belfiore' value 'D54': expected a letter and 3 digits"]);
    }

    [Fact]
    public void a_union_with_a_belfiore_code_is_reported()
    {
        Problems(Header, Lead, "Unione dei Comuni Piceni,unione,,X123,,,,")
            .ShouldBe(["test.csv:3: field 'belfiore' value 'X123': a union has no Belfiore code"]);
    }

    [Fact]
    public void a_personal_codice_fiscale_is_not_an_entity_one()
    {
        Problems(Header, Lead, "Fermo,comune,109006,D542,FM,63900,RSSMRA45D25F205N,")
            .ShouldBe(["test.csv:3: field 'codice_fiscale' value 'RSSMRA45D25F205N': an entity's codice fiscale is the 11-digit numeric form"]);
    }

    [Fact]
    public void a_line_with_too_few_fields_is_reported()
    {
        Problems(Header, Lead, "Fermo,comune,109006,D542,FM,63900")
            .ShouldBe(["test.csv:3: expected 8 fields (name,kind,istat,belfiore,province,cap,codice_fiscale,lead), got 6"]);
    }

    [Fact]
    public void an_unknown_kind_is_reported()
    {
        Problems(Header, Lead, "Fermo,provincia,109006,D542,FM,63900,00334990447,")
            .ShouldBe(["test.csv:3: field 'kind' value 'provincia': expected 'comune' or 'unione'"]);
    }

    [Fact]
    public void an_unknown_lead_value_is_reported()
    {
        Problems(Header, Lead, "Fermo,comune,109006,D542,FM,63900,00334990447,no")
            .ShouldBe(["test.csv:3: field 'lead' value 'no': expected 'yes' or empty"]);
    }

    [Fact]
    public void line_numbers_count_blank_lines()
    {
        Problems(Header, Lead, "", "Fermo,comune,109006,D542,FM,6390,00334990447,")
            .ShouldBe(["test.csv:4: field 'cap' value '6390': expected 5 digits"]);
    }

    [Fact]
    public void every_problem_is_reported_at_once()
    {
        Problems(Header, "Fermo,comune,109006,D542,F,63900,00334990447,", Lead, "Ascoli Piceno,comune,044007,A462,AP,63100,00229010443,")
            .ShouldBe(
            [
                "test.csv:2: field 'province' value 'F': expected 2 letters",
                "test.csv:4: field 'codice_fiscale' value '00229010443': Codice fiscale '00229010443': wrong check digit: expected 2 got 3",
            ]);
    }

    [Fact]
    public void a_duplicate_belfiore_code_is_reported_with_both_lines()
    {
        Problems(Header, Lead, Fermo, "Fermo bis,comune,109099,D542,FM,63900,00229010442,")
            .ShouldBe(["test.csv:4: field 'tenant id' value 'D542': already used by line 3"]);
    }

    [Fact]
    public void a_duplicate_codice_fiscale_is_reported()
    {
        Problems(Header, Lead, "Altro,comune,109099,Z999,FM,63900,00360140446,")
            .ShouldBe(["test.csv:3: field 'codice_fiscale' value '00360140446': already used by line 2"]);
    }

    [Fact]
    public void no_lead_is_reported()
    {
        Problems(Header, Fermo)
            .ShouldBe(["test.csv: expected exactly one lead partner (lead=yes), found 0: none"]);
    }

    [Fact]
    public void two_leads_are_reported()
    {
        Problems(Header, Lead, "Fermo,comune,109006,D542,FM,63900,00334990447,yes")
            .ShouldBe(["test.csv: expected exactly one lead partner (lead=yes), found 2: lines 2, 3"]);
    }

    [Fact]
    public void a_wrong_header_is_reported_on_line_1()
    {
        Problems("name,kind,istat", Lead)
            .ShouldBe([$"test.csv:1: expected the header '{Header}', got 'name,kind,istat'"]);
    }

    [Fact]
    public void an_empty_file_is_reported()
    {
        Should.Throw<EntityCatalogueFormatException>(() => EntityCatalogue.Parse(new StringReader(""), "test.csv"))
            .Problems.ShouldHaveSingleItem().ShouldStartWith("test.csv:1: the file is empty");
    }

    [Fact]
    public void a_quoted_name_may_hold_a_comma()
    {
        var catalogue = Parse(Header, Lead, "\"Unione \"\"Valle\"\", Tronto\",unione,,,,,,");

        catalogue.All[1].Name.ShouldBe("Unione \"Valle\", Tronto");
        catalogue.All[1].TenantId.ShouldBe("unione-valle-tronto");
    }

    [Fact]
    public void an_unterminated_quote_is_reported()
    {
        Problems(Header, Lead, "\"Fermo,comune,109006,D542,FM,63900,00334990447,")
            .ShouldBe(["test.csv:3: unterminated quoted field"]);
    }

    [Fact]
    public void a_quoted_field_may_span_lines_and_later_lines_keep_their_numbers()
    {
        Problems(Header, Lead, "\"Unione\nValle del Tronto\",unione,,,,,,", "Fermo,comune,10900,D542,FM,63900,00334990447,")
            .ShouldBe(["test.csv:5: field 'istat' value '10900': expected 6 digits"]);
    }

    [Theory]
    [InlineData("Fer\"mo,comune,109006,D542,FM,63900,00334990447,", "test.csv:3: a quote inside a field that does not start with one (quote the whole field and double the quote)")]
    [InlineData("\"Fermo\"x,comune,109006,D542,FM,63900,00334990447,", "test.csv:3: text after the closing quote of a field")]
    public void a_quote_out_of_place_is_reported(string row, string problem) =>
        Problems(Header, Lead, row).ShouldBe([problem]);
}
