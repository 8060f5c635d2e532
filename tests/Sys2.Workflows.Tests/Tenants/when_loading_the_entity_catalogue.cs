using Sys2.Workflows.Tenants;

namespace Sys2.Workflows.Tests.Tenants;

public class when_loading_the_entity_catalogue
{
    private readonly EntityCatalogue catalogue = EntityCatalogue.Load();

    [Fact]
    public void every_entity_in_enti_csv_loads_60_comuni_and_4_unions()
    {
        catalogue.All.Count.ShouldBe(64);
        catalogue.All.Count(e => e.Kind == EntityKind.Comune).ShouldBe(60);
        catalogue.All.Count(e => e.Kind == EntityKind.Unione).ShouldBe(4);
    }

    [Fact]
    public void the_one_lead_is_san_benedetto_del_tronto_H769()
    {
        catalogue.All.Count(e => e.IsLead).ShouldBe(1);

        var lead = catalogue.Lead;
        lead.Name.ShouldBe("San Benedetto del Tronto");
        lead.Belfiore.ShouldBe("H769");
        lead.Istat.ShouldBe("044066");
        lead.Province.ShouldBe("AP");
        lead.CodiceFiscale?.Value.ShouldBe("00360140446");
        lead.TenantId.ShouldBe("H769");
    }

    [Fact]
    public void every_comune_has_a_valid_numeric_codice_fiscale_and_its_belfiore_code_as_tenant_id()
    {
        foreach (var comune in catalogue.All.Where(e => e.Kind == EntityKind.Comune))
        {
            comune.CodiceFiscale.ShouldNotBeNull(comune.Name);
            comune.CodiceFiscale.Value.IsNumeric.ShouldBeTrue(comune.Name);
            comune.TenantId.ShouldBe(comune.Belfiore, comune.Name);
            comune.Province.ShouldBeOneOf("AP", "FM");
        }
    }

    [Fact]
    public void the_unions_have_the_slug_of_their_name_as_tenant_id()
    {
        catalogue.All.Where(e => e.Kind == EntityKind.Unione)
            .Select(e => e.TenantId)
            .ShouldBe(
            [
                "unione-comuni-valdaso",
                "unione-comuni-vallata-del-tronto",
                "unione-dei-comuni-piceni",
                "unione-montana-del-tronto-e-valfluvione",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void tenant_ids_are_unique_ignoring_case()
    {
        catalogue.All.Select(e => e.TenantId.ToUpperInvariant()).Distinct().Count().ShouldBe(64);
    }

    [Fact]
    public void a_comune_is_found_by_its_belfiore_code_ignoring_case()
    {
        catalogue.ByBelfiore("d542")?.Name.ShouldBe("Fermo");
        catalogue.ByBelfiore(" A462 ")?.Name.ShouldBe("Ascoli Piceno");
        catalogue.ByBelfiore("Z999").ShouldBeNull();
    }

    [Fact]
    public void an_entity_is_found_by_its_tenant_id()
    {
        catalogue.ByTenantId("unione-dei-comuni-piceni")?.Kind.ShouldBe(EntityKind.Unione);
        catalogue.ByTenantId("H769").ShouldBeSameAs(catalogue.Lead);
        catalogue.ByTenantId("nowhere").ShouldBeNull();
    }

    [Fact]
    public void the_catalogue_is_loaded_once()
    {
        EntityCatalogue.Load().ShouldBeSameAs(catalogue);
    }
}
