using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Engine;

/// <summary>
/// Two host processes on one PostgreSQL take filings side by side. Each case's calls and timers
/// are carried by exactly one of them: no call is answered twice, no step is entered twice.
/// </summary>
public sealed class when_two_hosts_share_the_database
{
    private const int Filings = 80;

    [Fact]
    public async Task every_step_is_applied_once()
    {
        var database = await TestDatabases.CreateAsync(nameof(when_two_hosts_share_the_database));
        await using var first = await HostProcess.StartAsync(database);
        await using var second = await HostProcess.StartAsync(database);
        using var toFirst = when_the_host_is_killed.Sportello(first.Address);
        using var toSecond = when_the_host_is_killed.Sportello(second.Address);

        var filed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Filings), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            filed.Add((await when_the_host_is_killed.File(i % 2 == 0 ? toFirst : toSecond, Guid.NewGuid()))!.CaseId));

        await using var ledger = new CaseLedger(database);
        var cases = await Eventually.HoldsAsync(ledger.AllAsync,
            all => all.Count == Filings && all.Values.All(e => e.OfType<IntegrationRequested>().Any() && CaseLedger.Unanswered(e).Count == 0),
            "every requested call answered", TimeSpan.FromSeconds(90));
        cases.Keys.Order().ShouldBe(filed.Order());
        cases.SelectMany(c => CaseLedger.AppliedTwice(c.Value).Select(twice => $"{c.Key}: {twice}")).ShouldBeEmpty();
        // One annual sequence across both processes: 1..80, no gap, no repeat.
        cases.Keys.Select(k => int.Parse(k[^7..])).Order().ShouldBe(Enumerable.Range(1, Filings));
    }
}
