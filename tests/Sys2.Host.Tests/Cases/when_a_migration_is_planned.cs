using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Migrations;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Cases;

/// <summary>
/// The what-if migration on a real stream: a SUAP ordinario taken to its review through the regional systems (protocol,
/// visura, fees), every decision read back from PostgreSQL with its headers and decided again on the new version.
/// </summary>
/// <remarks>
/// One host for the class (starting one is most of a test's time); each test files its own case on the shipped
/// version 1, published again first, since another test may have published a version of its own.
/// </remarks>
public class when_a_migration_is_planned(when_a_migration_is_planned.SharedHost shared) : IClassFixture<when_a_migration_is_planned.SharedHost>, IAsyncLifetime
{
    public sealed class SharedHost : IAsyncLifetime
    {
        public CaseHost Host { get; private set; } = null!;
        public Task InitializeAsync() => Task.Run(async () => Host = await CaseHost.StartAsync(nameof(when_a_migration_is_planned)));
        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private const string Tenant = "H769";
    private static readonly Actor Designer = new("elena.sarti", "designer", "");
    private readonly CaseHost _host = shared.Host;
    private string _caseId = "";
    private long _version;
    private string _yaml = "";

    public async Task InitializeAsync()
    {
        _yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "workflows", "suap", "ordinario.yaml"));
        (await PublishAsync(_yaml)).ShouldBe(1);
        (_caseId, _version) = await OrdinarioCase.AtReviewAsync(_host);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> PublishAsync(string yaml)
    {
        var load = DefinitionLoader.LoadText("suap/ordinario.yaml", yaml);
        load.Problems.ShouldBeEmpty();
        return (await _host.Definitions.SaveAndPublishAsync(load.Definition!, yaml)).Version;
    }

    private MigrationPlanner Planner => _host.Services.GetRequiredService<MigrationPlanner>();
    private MigrationBatch Batch => _host.Services.GetRequiredService<MigrationBatch>();

    private async Task<PlannedCase> PlanAsync(int version, Dictionary<string, string>? mapping = null)
    {
        var plan = (await Planner.PlanAsync("suap.ordinario", version, [Tenant],
            mapping is null ? null : new Dictionary<string, IReadOnlyDictionary<string, string>> { [_caseId] = mapping }, default)).ShouldNotBeNull();
        return plan.Cases.Single(c => c.CaseId == _caseId);
    }

    [Fact]
    public async Task a_new_wording_replays_the_whole_recorded_history_and_is_safe()
    {
        var v2 = await PublishAsync(_yaml.Replace("title: ", "title: (rev.) "));

        var planned = await PlanAsync(v2);

        planned.Report.Verdict.ShouldBe(WhatIfVerdict.Safe, $"{planned.Report.Summary} {planned.Report.Divergence}");
        planned.Report.CaseVersion.ShouldBe(_version);
        planned.Steps.ShouldContain("review");
    }

    [Fact]
    public async Task a_renamed_step_needs_a_mapping_and_with_it_the_history_is_the_same()
    {
        var v2 = await PublishAsync(Regex.Replace(_yaml, @"(?<![\w-])review(?![\w-])", "istruttoria"));

        (await PlanAsync(v2)).Report.ShouldSatisfyAllConditions(
            r => r.Verdict.ShouldBe(WhatIfVerdict.NeedsMapping),
            r => r.FlowsToMap.ShouldBe(["review"]));
        var mapped = (await PlanAsync(v2, new() { ["review"] = "istruttoria" })).Report;
        mapped.Verdict.ShouldBe(WhatIfVerdict.Safe, $"{mapped.Summary} {mapped.Divergence}");
        mapped.TasksAdded.ShouldHaveSingleItem().Step.ShouldBe("istruttoria");
        mapped.TasksCancelled.ShouldHaveSingleItem().Step.ShouldBe("review");

        // Moved without the mapping: refused, nothing appended; with it: moved, and only once.
        var unmapped = await Batch.MigrateAsync("suap.ordinario", v2, "fase rinominata",
            [new MigrationChoice(Tenant, _caseId, _version, new Dictionary<string, string>(), false)], _ => Designer, default);
        unmapped.Single().ShouldSatisfyAllConditions(r => r.Migrated.ShouldBeFalse(), r => r.Why!.ShouldStartWith("needs a mapping"));
        var choice = new MigrationChoice(Tenant, _caseId, _version, new Dictionary<string, string> { ["review"] = "istruttoria" }, false);
        (await Batch.MigrateAsync("suap.ordinario", v2, "fase rinominata", [choice], _ => Designer, default)).Single().Migrated.ShouldBeTrue();
        (await Batch.MigrateAsync("suap.ordinario", v2, "fase rinominata", [choice], _ => Designer, default)).Single().Migrated.ShouldBeFalse();
        (await _host.EventsOf(_caseId)).OfType<CaseMigrated>().ShouldHaveSingleItem().MigratedBy.ShouldBe("elena.sarti");
    }

    [Fact]
    public async Task a_longer_term_diverges_and_moves_only_when_accepted()
    {
        var v2 = await PublishAsync(Regex.Replace(_yaml, @"term: 30d", "term: 60d", RegexOptions.None, TimeSpan.FromSeconds(1)));

        var report = (await PlanAsync(v2)).Report;

        report.Verdict.ShouldBe(WhatIfVerdict.Diverges, report.Summary);
        report.DeadlinesMoved.ShouldNotBeEmpty($"{report.Divergence} {report.StoppedAt}");
        report.Divergence.ShouldNotBeNull().Recorded.ShouldStartWith("DeadlineStarted");
        var refused = await Batch.MigrateAsync("suap.ordinario", v2, "termine più lungo",
            [new MigrationChoice(Tenant, _caseId, _version, new Dictionary<string, string>(), false)], _ => Designer, default);
        refused.Single().Why!.ShouldStartWith("diverges");
        (await _host.EventsOf(_caseId)).OfType<CaseMigrated>().ShouldBeEmpty();
    }

    [Fact]
    public async Task over_http_the_designer_plans_and_migrates_and_a_clerk_may_do_neither()
    {
        var v2 = await PublishAsync(_yaml.Replace("title: ", "title: (rev.) "));
        using var designer = new ClerkClient(_host.Address, TestAccounts.ElenaSarti);
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);

        var plan = await designer.PostAsync($"/api/definitions/suap.ordinario/versions/{v2}/what-if", new { });
        plan.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await plan.Content.ReadAsStringAsync());
        var body = System.Text.Json.Nodes.JsonNode.Parse(await plan.Content.ReadAsStringAsync())!;
        var planned = body["cases"]!.AsArray().Single(c => (string?)c!["caseId"] == _caseId)!;
        ((string?)planned["report"]!["verdict"]).ShouldBe("Safe");
        (await clerk.PostAsync($"/api/definitions/suap.ordinario/versions/{v2}/what-if", new { })).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await designer.PostAsync($"/api/definitions/suap.ordinario/versions/99/what-if", new { })).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);

        var chosen = new { reason = "nuova formulazione", cases = new[] { new { caseId = _caseId, expectedVersion = _version, mapping = new Dictionary<string, string>(), acceptDivergence = false } } };
        (await clerk.PostAsync($"/api/definitions/suap.ordinario/versions/{v2}/migrations", chosen)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        var moved = await designer.PostAsync($"/api/definitions/suap.ordinario/versions/{v2}/migrations", chosen);
        moved.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await moved.Content.ReadAsStringAsync()).ShouldContain("\"migrated\":true");
        (await _host.EventsOf(_caseId)).OfType<CaseMigrated>().ShouldHaveSingleItem().ToVersion.ShouldBe(v2);
    }

    [Fact]
    public async Task a_case_that_moved_on_since_the_plan_is_not_touched()
    {
        var v2 = await PublishAsync(_yaml.Replace("title: ", "title: (rev.) "));

        var results = await Batch.MigrateAsync("suap.ordinario", v2, "nuova formulazione",
            [new MigrationChoice(Tenant, _caseId, _version - 1, new Dictionary<string, string>(), false)], _ => Designer, default);

        results.Single().Why!.ShouldContain("plan again");
        (await _host.EventsOf(_caseId)).OfType<CaseMigrated>().ShouldBeEmpty();
    }
}
