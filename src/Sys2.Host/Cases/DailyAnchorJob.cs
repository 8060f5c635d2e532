using Sys2.Integrations.DigiP;

namespace Sys2.Host.Cases;

/// <summary>
/// Makes each closed day's chain anchor (<see cref="DailyAnchor"/>) on the engine's clock, and sends DigiP what
/// it has not acknowledged yet. Every <c>Sys2:Audit:AnchorPolling</c> (default 10 minutes) it catches up on the
/// days since the last anchor, so a host that was down makes the days it missed. Several hosts may all do it:
/// a day's anchor has the same bytes whoever makes it, and the first file written stays.
/// </summary>
public sealed class DailyAnchorJob(DailyAnchor anchors, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DailyAnchorJob> log)
    : BackgroundService
{
    /// <summary>How many recent days' extracts are sent again when DigiP has not acknowledged them.</summary>
    const int ResendDays = 7;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Made at start, not at the first anchor: a key folder the host cannot write shows up at once.
        AnchorKey.LoadOrCreate(anchors.Settings.KeyFile);
        var polling = configuration.GetValue(AnchorSettings.PollingKey, TimeSpan.FromMinutes(10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the anchor folder is away: the days wait, the next round catches up.
                log.LogWarning(e, "Chain anchors not made; trying again in {Polling}", polling);
            }
            await Task.Delay(polling, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task RoundAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        // Absent when the host talks to no regional system (Sys2:Integrations:Mode none): the files are still made.
        var digip = scope.ServiceProvider.GetService<IDigiPPort>();
        foreach (var day in await anchors.DaysDueAsync(ct))
        {
            var result = await anchors.MakeAsync(day, digip, ct);
            if (result.Status == AnchorStatus.Differs)
                log.LogError("The chain anchor {File} does not match what the database now says of {Day}: run `verify --all`", result.File, day);
            else if (result.Status == AnchorStatus.Made)
                log.LogInformation("Chain anchor of {Day}: {Cases} cases, {File}", day, result.Cases, result.File);
        }
        if (digip is null) return;
        foreach (var problem in await anchors.PreserveRecentAsync(digip, ResendDays, ct))
            log.LogWarning("Chain anchor not preserved yet: {Problem}", problem);
    }
}
