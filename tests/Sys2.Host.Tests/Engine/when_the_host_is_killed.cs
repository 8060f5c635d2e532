using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Engine;

/// <summary>
/// A host in its own process takes SCIA filings over HTTP and is killed with SIGKILL mid-load.
/// After a restart on the same database nothing acknowledged is lost, every call in the outbox
/// is made, and a client that retries its unanswered commands gets each case exactly once.
/// </summary>
public sealed class when_the_host_is_killed
{
    private const int Filings = 120;

    [Fact]
    public async Task acknowledged_work_survives_and_every_call_is_made_after_the_restart()
    {
        var database = await TestDatabases.CreateAsync(nameof(when_the_host_is_killed));
        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var unanswered = new ConcurrentBag<Guid>();

        await using (var host = await HostProcess.StartAsync(database))
        {
            using var http = Sportello(host.Address);
            var killed = false;
            await Parallel.ForEachAsync(Enumerable.Range(0, Filings), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            {
                var command = Guid.NewGuid();
                try
                {
                    var outcome = await File(http, command);
                    if (outcome is not null) acknowledged[command] = outcome.CaseId;
                    else unanswered.Add(command);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    unanswered.Add(command);
                }
                if (!killed && acknowledged.Count >= Filings / 3)
                {
                    killed = true;
                    await host.KillAsync();
                }
            });
        }
        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(Filings / 3);
        unanswered.ShouldNotBeEmpty(); // the kill really cut requests off

        await using var restarted = await HostProcess.StartAsync(database);
        using (var http = Sportello(restarted.Address))
            foreach (var command in unanswered) // the client tries again with the same command ids
                acknowledged[command] = (await File(http, command))!.CaseId;

        await using var ledger = new CaseLedger(database);
        var cases = await Eventually.HoldsAsync(ledger.AllAsync, all => all.Values.All(e => CaseLedger.Unanswered(e).Count == 0),
            "every requested call answered", TimeSpan.FromSeconds(90));
        cases.Keys.Order().ShouldBe(acknowledged.Values.Order()); // one case per command, none lost, none extra
        cases.Values.ShouldAllBe(e => e.OfType<CaseOpened>().Count() == 1);
        cases.SelectMany(c => CaseLedger.AppliedTwice(c.Value).Select(twice => $"{c.Key}: {twice}")).ShouldBeEmpty();
        cases.Values.ShouldAllBe(e => e.OfType<IntegrationRequested>().Any());
    }

    internal static ClerkClient Sportello(Uri address) => new(address, TestAccounts.ChiaraNeri);

    internal static async Task<CommandOutcome?> File(ClerkClient clerk, Guid command)
    {
        var response = await clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId = command, inputs = Scia.Inputs() });
        if (response.StatusCode != HttpStatusCode.OK) return null;
        return await response.Content.ReadFromJsonAsync<CommandOutcome>(ClerkClient.Json);
    }
}
