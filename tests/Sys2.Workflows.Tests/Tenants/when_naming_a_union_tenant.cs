using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Workflows.Tenants;

namespace Sys2.Workflows.Tests.Tenants;

public class when_naming_a_union_tenant
{
    [Theory]
    [InlineData("Unione Montana del Tronto e Valfluvione", "unione-montana-del-tronto-e-valfluvione")]
    [InlineData("  Unione  Comuni -- Valdaso ", "unione-comuni-valdaso")]
    [InlineData("Unione Città dell'Aso", "unione-citta-dell-aso")]
    public void the_tenant_id_is_the_lower_case_ascii_slug_of_the_name(string name, string expected)
    {
        Entity.UnionTenantId(name).ShouldBe(expected);
    }

    [Fact]
    public void a_name_without_letters_or_digits_has_no_tenant_id()
    {
        Should.Throw<ArgumentException>(() => Entity.UnionTenantId("--"));
    }

    [Fact]
    public void a_comune_without_belfiore_code_cannot_be_created()
    {
        Should.Throw<ArgumentException>(() => new Entity(
            "Fermo", EntityKind.Comune, "109006", null, "FM", "63900", CodiceFiscale.Parse("00334990447"), isLead: false));
    }

    [Fact]
    public void a_comune_tenant_id_is_its_belfiore_code_upper_case()
    {
        new Entity("Fermo", EntityKind.Comune, "109006", " d542 ", "FM", "63900", null, isLead: false)
            .TenantId.ShouldBe("D542");
    }
}
