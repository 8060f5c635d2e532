using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.ProcediMarche;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.Tests.ProcediMarche;

public sealed class when_a_clerk_looks_up_a_procedure : IAsyncLifetime
{
    private readonly SandboxTap _tap = new();
    private SandboxServer _sandbox = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(configure: _tap.Attach);
        _services = Adapters.Provider(s => s.AddProcediMarcheAdapter(_sandbox.For("procedimarche"), Adapters.Fast));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private IActivityPort Port => _services.GetRequiredService<IActivityPort>();

    private IProcediMarchePort Catalogue => _services.GetRequiredService<IProcediMarchePort>();

    private Task<JsonObject> Lookup(string tenant, string code) =>
        Port.InvokeAsync(Adapters.Call("procedimarche.lookup", tenant, new JsonObject { ["code"] = code }), CancellationToken.None);

    [Fact]
    public async Task the_scia_entry_gives_the_entity_fees_in_euro_cents_where_the_definition_reads_them()
    {
        var result = await Lookup("H769", "SUAP-SCIA");

        var istruttoria = result["fees"]!["istruttoria"]!.GetValue<long>();
        istruttoria.ShouldBeInRange(3_000, 8_000);
        (istruttoria % 500).ShouldBe(0);
        result["fees"]!["segreteria"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(0);
        result["code"]!.GetValue<string>().ShouldBe("SUAP-SCIA");
        result["tenant"]!.GetValue<string>().ShouldBe("H769");
        result["legalBasis"]!.GetValue<string>().ShouldContain("DPR 160/2010 art. 5");
        result["scia"]!.GetValue<bool>().ShouldBeTrue();
        result["silenzioAssenso"]!.GetValue<bool>().ShouldBeFalse();
        result["terms"]!["decisionDays"]!.GetValue<int>().ShouldBe(60);
        result["offices"]!["istruttoria"]!.GetValue<string>().ShouldContain("San Benedetto del Tronto");
        result["requiredDocuments"]!.AsArray().Count.ShouldBeGreaterThan(0);
        result["payment"]!["method"]!.GetValue<string>().ShouldBe("pagoPA");
    }

    [Fact]
    public async Task every_procedure_of_the_shipped_definitions_is_published_by_all_64_entities()
    {
        var codes = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "workflows"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => Regex.Match(line, @"^procedure:\s*(\S+)"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
        codes.ShouldContain("SUAP-SCIA");
        codes.ShouldContain("SUE-PDC");

        var entities = EntityCatalogue.Load().All;
        entities.Count.ShouldBe(64);
        foreach (var entity in entities)
            foreach (var code in codes)
            {
                var entry = await Catalogue.LookupAsync(entity.TenantId, code, Guid.NewGuid().ToString(), CancellationToken.None);
                entry.Code.ShouldBe(code);
                entry.Terms.DecisionDays.ShouldBeGreaterThan(0);
            }
    }

    [Fact]
    public async Task fees_are_set_per_entity_and_the_same_on_every_lookup()
    {
        var fees = new List<long>();
        foreach (var entity in EntityCatalogue.Load().All)
            fees.Add((await Catalogue.LookupAsync(entity.TenantId, "SUE-PDC", Guid.NewGuid().ToString(), CancellationToken.None)).Fees.Segreteria);

        fees.Distinct().Count().ShouldBeGreaterThan(10);
        var again = await Catalogue.LookupAsync("unione-dei-comuni-piceni", "SUE-PDC", Guid.NewGuid().ToString(), CancellationToken.None);
        again.Fees.Segreteria.ShouldBe(fees[EntityCatalogue.Load().All.ToList().FindIndex(e => e.TenantId == "unione-dei-comuni-piceni")]);
    }

    [Fact]
    public async Task a_sandbox_started_with_the_same_seed_publishes_the_same_fees()
    {
        await using var twin = await SandboxServer.StartAsync();
        await using var twinServices = Adapters.Provider(s => s.AddProcediMarcheAdapter(twin.For("procedimarche"), Adapters.Fast));
        await using var other = await SandboxServer.StartAsync(seed: 7);
        await using var otherServices = Adapters.Provider(s => s.AddProcediMarcheAdapter(other.For("procedimarche"), Adapters.Fast));

        async Task<List<long>> Fees(IServiceProvider sp)
        {
            var list = new List<long>();
            foreach (var entity in EntityCatalogue.Load().All.Take(20))
                list.Add((await sp.GetRequiredService<IProcediMarchePort>().LookupAsync(entity.TenantId, "SUAP-ORD", Guid.NewGuid().ToString(), CancellationToken.None)).Fees.Istruttoria);
            return list;
        }

        (await Fees(twinServices)).ShouldBe(await Fees(_services));
        (await Fees(otherServices)).ShouldNotBe(await Fees(_services));
    }

    [Fact]
    public async Task an_unknown_code_is_a_permanent_failure_naming_the_code()
    {
        var failure = await Should.ThrowAsync<IntegrationException>(() => Lookup("H769", "SUAP-XYZ"));

        failure.Transient.ShouldBeFalse();
        failure.System.ShouldBe("procedimarche");
        failure.Message.ShouldContain("'SUAP-XYZ'");
    }

    [Fact]
    public async Task a_call_without_a_code_is_refused_before_reaching_the_system()
    {
        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            Port.InvokeAsync(Adapters.Call("procedimarche.lookup", "H769", new JsonObject { ["code"] = 42 }), CancellationToken.None));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("'code'");
        _tap.Hits("procedimarche").ShouldBe(0);
    }

    [Fact]
    public async Task a_server_error_is_retried_and_then_reported_as_transient()
    {
        _sandbox.Faults.Set("procedimarche", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() => Lookup("H769", "SUAP-SCIA"));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("503");
        _tap.Hits("procedimarche").ShouldBe(3); // the first attempt and Adapters.Fast's two retries
    }

    [Fact]
    public async Task occasional_server_errors_are_absorbed_by_the_retries()
    {
        // Six retries: a lookup fails only if seven draws in a row fail (0.3^7, about 2 in 10 000).
        await using var patient = Adapters.Provider(s => s.AddProcediMarcheAdapter(_sandbox.For("procedimarche"), o => { Adapters.Fast(o); o.MaxRetries = 6; }));
        _sandbox.Faults.Set("procedimarche", new FaultSettings { ServerErrors = 0.3 });

        for (var i = 0; i < 10; i++)
        {
            var entry = await patient.GetRequiredService<IProcediMarchePort>().LookupAsync("A044", "SUE-CILA", $"key-{i}", CancellationToken.None);
            entry.Fees.Segreteria.ShouldBeGreaterThan(0);
        }

        _tap.Hits("procedimarche").ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task a_system_that_does_not_answer_in_time_is_reported_as_a_transient_timeout()
    {
        await using var impatient = Adapters.Provider(s => s.AddProcediMarcheAdapter(_sandbox.For("procedimarche"), o =>
        {
            Adapters.Fast(o);
            // Long enough for the second attempt to reach the sandbox on a loaded machine: the tap counts what the
            // server receives, and an attempt cancelled before its request arrived would not be counted.
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 1;
        }));
        _sandbox.Faults.Set("procedimarche", new FaultSettings { Timeouts = 1, TimeoutDelay = TimeSpan.FromSeconds(20) });
        var started = DateTime.UtcNow;

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            impatient.GetRequiredService<IProcediMarchePort>().LookupAsync("H769", "SUAP-SCIA", "key-1", CancellationToken.None));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("timed out");
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
        _tap.Hits("procedimarche").ShouldBe(2);
    }

    [Fact]
    public async Task an_answer_with_fees_in_euro_instead_of_cents_is_malformed_and_names_the_field()
    {
        var path = "procedimarche/entities/H769/procedures/SUAP-SCIA";
        var genuine = (await Catalogue.LookupAsync("H769", "SUAP-SCIA", "key-2", CancellationToken.None));
        using var raw = new HttpClient { BaseAddress = _sandbox.Address };
        var body = JsonNode.Parse(await raw.GetStringAsync(path))!.AsObject();
        body["fees"]!["istruttoria"] = genuine.Fees.Istruttoria / 100m + 0.5m;
        _tap.Doctor(path, body.ToJsonString());

        var failure = await Should.ThrowAsync<IntegrationException>(() => Lookup("H769", "SUAP-SCIA"));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("malformed answer");
        failure.Message.ShouldContain("'fees.istruttoria'");
    }

    [Fact]
    public async Task an_answer_that_is_not_json_is_malformed_not_a_crash()
    {
        _tap.Doctor("procedimarche/entities/H769/procedures/SUAP-SCIA", "<html>maintenance</html>");

        var failure = await Should.ThrowAsync<IntegrationException>(() => Lookup("H769", "SUAP-SCIA"));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("not JSON");
    }

    [Fact]
    public async Task every_request_carries_the_idempotency_key_of_the_call()
    {
        var keys = new List<string?>();
        using var raw = new HttpClient(new KeyRecorder(keys)) { BaseAddress = _sandbox.For("procedimarche") };
        var adapter = new ProcediMarcheHttpAdapter(raw);

        await adapter.LookupAsync("H769", "SUE-CILA", "case-9/catalogue/1/1", CancellationToken.None);

        keys.ShouldBe(["case-9/catalogue/1/1"]);
    }

    private sealed class KeyRecorder(List<string?> keys) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            return base.SendAsync(request, ct);
        }
    }
}
