using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.SigmaTer;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Formats.FiscalCodes;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.Tests.SigmaTer;

public sealed class when_a_clerk_asks_for_a_visura : IAsyncLifetime
{
    private readonly SandboxTap _tap = new();
    private SandboxServer _sandbox = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(configure: _tap.Attach);
        _services = Adapters.Provider(s => s.AddSigmaTerAdapter(_sandbox.For("sigmater"), Adapters.Fast));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private ISigmaTerPort SigmaTer => _services.GetRequiredService<ISigmaTerPort>();

    private Task<JsonObject> Visura(JsonObject parcel, string? catasto = "fabbricati") =>
        _services.GetRequiredService<IActivityPort>().InvokeAsync(
            Adapters.Call("sigmater.visura", "H769", new JsonObject { ["parcel"] = parcel, ["catasto"] = catasto }), CancellationToken.None);

    private static JsonObject Parcel(string particella, string? subalterno = "3", string belfiore = "H769", string foglio = "12") =>
        new() { ["belfiore"] = belfiore, ["sezione"] = "", ["foglio"] = foglio, ["particella"] = particella, ["subalterno"] = subalterno };

    private async Task<List<Visura>> Sweep(string belfiore, int parcels, string? subalterno, string catasto = "fabbricati")
    {
        var visure = new List<Visura>();
        for (var p = 1; p <= parcels; p++)
            visure.Add(await SigmaTer.VisuraAsync(new ParcelKey(belfiore, null, "7", p.ToString(), subalterno, catasto), Guid.NewGuid().ToString(), CancellationToken.None));
        return visure;
    }

    [Fact]
    public async Task a_unit_asked_of_the_catasto_fabbricati_comes_from_it()
    {
        var visura = (await Sweep("H769", 20, "3")).First(v => v.Found);

        visura.Catasto.ShouldBe("fabbricati");
        visura.Comune.ShouldBe("San Benedetto del Tronto");
        visura.Terreno.ShouldBeNull();
        var unit = visura.Fabbricato.ShouldNotBeNull();
        unit.Categoria.ShouldMatch(@"^[A-F]/\d{1,2}$");
        unit.Rendita.ShouldBeGreaterThan(0);
        unit.Address.ShouldNotBeNullOrWhiteSpace();
        unit.Floor.ShouldNotBeNullOrWhiteSpace();
        if (unit.Categoria[0] != 'D') unit.Consistenza.ShouldNotBeNull().Value.ShouldBeGreaterThan(0);
        visura.Holders.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task a_parcel_asked_of_the_catasto_terreni_comes_from_it()
    {
        var visura = (await Sweep("D542", 20, null, "terreni")).First(v => v.Found);

        visura.Catasto.ShouldBe("terreni");
        visura.Fabbricato.ShouldBeNull();
        var land = visura.Terreno.ShouldNotBeNull();
        land.Qualita.ShouldNotBeNullOrWhiteSpace();
        land.Surface.SquareMetres.ShouldBeGreaterThan(0);
        land.Surface.Are.ShouldBeInRange(0, 99);
        land.Surface.Ca.ShouldBeInRange(0, 99);
        land.RedditoDominicale.ShouldBeGreaterThanOrEqualTo(land.RedditoAgrario);
    }

    [Fact]
    public async Task the_catasto_is_the_one_asked_for_not_guessed_from_the_subalterno()
    {
        // A building of one unit has no subalterno: it is still in the catasto fabbricati.
        var building = (await Sweep("H769", 20, null, "fabbricati")).First(v => v.Found);

        building.Catasto.ShouldBe("fabbricati");
        building.Fabbricato.ShouldNotBeNull();
        building.Parcel.Subalterno.ShouldBeNull();
    }

    [Fact]
    public async Task a_visura_without_the_catasto_or_of_land_with_a_subalterno_is_refused_before_asking()
    {
        var missing = await Should.ThrowAsync<IntegrationException>(() => Visura(Parcel("15"), catasto: null));
        var land = await Should.ThrowAsync<IntegrationException>(() => Visura(Parcel("15", subalterno: "3"), catasto: "terreni"));
        var unknown = await Should.ThrowAsync<IntegrationException>(() => Visura(Parcel("15"), catasto: "urbano"));

        missing.Message.ShouldContain("'catasto'");
        land.Message.ShouldContain("'parcel.subalterno'");
        unknown.Message.ShouldContain("urbano");
        new[] { missing, land, unknown }.ShouldAllBe(f => !f.Transient);
        _tap.Hits("sigmater").ShouldBe(0);
    }

    [Fact]
    public async Task holders_have_valid_fiscal_codes_and_the_shares_of_each_right_add_up_to_one()
    {
        var visure = (await Sweep("A044", 60, "1")).Concat(await Sweep("A252", 60, null)).Where(v => v.Found).ToList();

        foreach (var visura in visure)
        {
            foreach (var holder in visura.Holders)
                CodiceFiscale.TryParse(holder.FiscalCode, out _, out var error).ShouldBeTrue(error);
            foreach (var right in visura.Holders.GroupBy(h => h.Right))
                SumIsOne(right.Select(h => h.Share)).ShouldBeTrue($"{visura.Parcel}: shares of {right.Key}: {string.Join(" + ", right.Select(h => h.Share))}");
        }

        var rights = visure.SelectMany(v => v.Holders).Select(h => h.Right).Distinct().ToList();
        rights.ShouldContain("proprietà");
        rights.ShouldContain("usufrutto");
        rights.ShouldContain("nuda proprietà");
        visure.SelectMany(v => v.Holders).ShouldContain(h => h.FiscalCode.Length == 16);
        visure.SelectMany(v => v.Holders).ShouldContain(h => h.FiscalCode.Length == 11);
    }

    [Fact]
    public async Task some_parcels_do_not_exist_and_the_visura_says_so_without_failing()
    {
        var visure = await Sweep("H769", 40, "2");
        visure.Count(v => !v.Found).ShouldBeInRange(1, 20);
        var missing = visure.First(v => !v.Found);

        var result = await Visura(Parcel(missing.Parcel.Particella, "2", foglio: "7"));

        result["found"]!.GetValue<bool>().ShouldBeFalse();
        result["parcel"]!["particella"]!.GetValue<string>().ShouldBe(missing.Parcel.Particella);
        result["holders"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task the_same_parcel_gives_the_same_visura_every_time_and_on_every_sandbox_with_the_seed()
    {
        var found = (await Sweep("H769", 20, "3")).First(v => v.Found);
        var parcel = Parcel(found.Parcel.Particella, foglio: "7");
        await using var twin = await SandboxServer.StartAsync();
        await using var twinServices = Adapters.Provider(s => s.AddSigmaTerAdapter(twin.For("sigmater"), Adapters.Fast));

        var first = await Visura(parcel);
        var second = await Visura(parcel.DeepClone().AsObject());
        var elsewhere = await twinServices.GetRequiredService<IActivityPort>().InvokeAsync(
            Adapters.Call("sigmater.visura", "H769", new JsonObject { ["parcel"] = parcel.DeepClone(), ["catasto"] = "fabbricati" }), CancellationToken.None);

        first["found"]!.GetValue<bool>().ShouldBeTrue();
        second.ToJsonString().ShouldBe(first.ToJsonString());
        elsewhere.ToJsonString().ShouldBe(first.ToJsonString());
    }

    [Fact]
    public async Task foglio_and_particella_may_be_given_as_numbers()
    {
        var asText = await Visura(Parcel("15", foglio: "4"));
        var asNumbers = await Visura(new JsonObject { ["belfiore"] = "h769", ["foglio"] = 4, ["particella"] = 15, ["subalterno"] = 3 });

        asNumbers.ToJsonString().ShouldBe(asText.ToJsonString());
    }

    [Fact]
    public async Task a_malformed_belfiore_is_refused_naming_the_field_before_reaching_the_system()
    {
        var failure = await Should.ThrowAsync<IntegrationException>(() => Visura(Parcel("15", belfiore: "H76")));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'parcel.belfiore'");
        _tap.Hits("sigmater").ShouldBe(0);
    }

    [Fact]
    public async Task a_missing_particella_is_refused_naming_the_field()
    {
        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            Visura(new JsonObject { ["belfiore"] = "H769", ["foglio"] = "12" }));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'parcel.particella'");
    }

    [Fact]
    public async Task a_comune_outside_the_aggregation_is_a_permanent_failure()
    {
        EntityCatalogue.Load().ByBelfiore("F205").ShouldBeNull(); // Milano

        var failure = await Should.ThrowAsync<IntegrationException>(() => Visura(Parcel("15", belfiore: "F205")));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("F205");
    }

    [Fact]
    public async Task a_server_error_is_retried_and_then_reported_as_transient()
    {
        _sandbox.Faults.Set("sigmater", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() => Visura(Parcel("15")));

        failure.Transient.ShouldBeTrue();
        _tap.Hits("sigmater").ShouldBe(3);
    }

    [Fact]
    public async Task a_system_that_hangs_is_reported_as_a_transient_timeout()
    {
        await using var impatient = Adapters.Provider(s => s.AddSigmaTerAdapter(_sandbox.For("sigmater"), o =>
        {
            Adapters.Fast(o);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.TotalTimeout = TimeSpan.FromMilliseconds(600);
            o.MaxRetries = 5;
        }));
        _sandbox.Faults.Set("sigmater", new FaultSettings { Timeouts = 1, TimeoutDelay = TimeSpan.FromSeconds(20) });

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            impatient.GetRequiredService<ISigmaTerPort>().VisuraAsync(new ParcelKey("H769", null, "1", "1", null, "terreni"), "k", CancellationToken.None));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("timed out");
    }

    [Fact]
    public async Task a_holder_with_a_wrong_check_character_makes_the_answer_malformed()
    {
        var found = (await Sweep("H769", 20, "3")).First(v => v.Found && v.Holders[0].FiscalCode.Length == 16);
        var path = $"sigmater/comuni/H769/parcels/7/{found.Parcel.Particella}?catasto=fabbricati&subalterno=3";
        using var raw = new HttpClient { BaseAddress = _sandbox.Address };
        var body = JsonNode.Parse(await raw.GetStringAsync(path))!.AsObject();
        var code = body["holders"]![0]!["fiscalCode"]!.GetValue<string>();
        var wrong = code[..15] + (code[15] == 'A' ? 'B' : 'A');
        body["holders"]![0]!["fiscalCode"] = wrong;
        _tap.Doctor($"sigmater/comuni/H769/parcels/7/{found.Parcel.Particella}", body.ToJsonString());

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            SigmaTer.VisuraAsync(found.Parcel, "k", CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'holders[0].fiscalCode'");
        failure.Message.ShouldContain(wrong);
    }

    [Fact]
    public async Task a_404_that_does_not_say_the_parcel_is_missing_is_a_failure_not_an_empty_visura()
    {
        _tap.Doctor("sigmater/comuni/H769/parcels/1/1", """{"title":"Not Found"}""", status: 404);

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            SigmaTer.VisuraAsync(new ParcelKey("H769", null, "1", "1", null, "terreni"), "k", CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("base address");
    }

    private static bool SumIsOne(IEnumerable<Quota> shares)
    {
        long numerator = 0, denominator = 1;
        foreach (var share in shares)
        {
            numerator = numerator * share.Denominator + share.Numerator * denominator;
            denominator *= share.Denominator;
        }

        return numerator == denominator;
    }
}
