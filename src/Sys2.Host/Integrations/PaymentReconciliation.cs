using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Options;
using Sys2.Host.Cases;
using Sys2.Host.Engine;
using Sys2.Host.Views;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Formats.PagoPa;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Integrations;

/// <summary>
/// Reconciliation: a payment reaches its case even when MPay's receipt callback never does (the host was down, the
/// intermediary gave up). For every case waiting for <c>payment-received</c>, the host asks MPay for the debt
/// position the case created (<see cref="IMPayPort.GetDebtPositionAsync"/>): once a day while it waits
/// (<see cref="MPayCallbackOptions.ReconcileEvery"/>), and once more when the wait comes within
/// <see cref="MPayCallbackOptions.ReconcileBeforeTimeout"/> of its timeout, so a payment made is recorded before the
/// payer is reminded to make it. A PAID position becomes the very trigger the callback would have sent: the same
/// <c>payment-received</c> payload (<see cref="PaymentReceipt.ToEventPayload"/>) under the same command id
/// (<c>receipt:{tenant}:{receiptId}</c>), so a callback arriving later is a duplicate, not a second payment, and the
/// wait's own <c>match</c> and <c>check</c> decide it like any receipt (a wrong amount raises the case's incident).
/// <para>
/// The same job closes the debt position (<see cref="IMPayPort.CloseDebtPositionAsync"/>) of a case that closed without
/// taking its payment, so an avviso of a case that is over cannot be paid.
/// </para>
/// <para>
/// Why a host job and not a step of the definitions: the check is the same for every definition that waits for a
/// payment, it reads a regional system on a schedule that has nothing to do with the procedure, and it changes
/// nothing when nothing was paid; written into each definition it would be a loop of calls and timers in every
/// case's history. It runs on the engine's clock (<see cref="TimeProvider"/>), like the timers, so tests and replays
/// move it; it keeps when it last checked each wait in memory only: after a restart a wait is checked again, which
/// costs one GET. Several hosts may run it: the command id makes the second recording a duplicate.
/// </para>
/// </summary>
public sealed class PaymentReconciliation(
    IDocumentStore store, CaseService cases, IServiceProvider services, TimeProvider clock,
    IOptions<MPayCallbackOptions> options, ILogger<PaymentReconciliation> log) : BackgroundService
{
    /// <summary>The activity whose result names the debt position (<c>iupd</c>).</summary>
    private const string RequestActivity = MPayRequestPaymentHandler.Activity;

    private readonly ConcurrentDictionary<(string CaseId, string Token), DateTimeOffset> _checked = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _closedPositions = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Absent when the host talks to no regional system (Sys2:Integrations:Mode none): nothing to ask.
        if (services.GetService<IMPayPort>() is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.ReconcilePolling, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested) return;
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or MPay is away: the next round asks again.
                log.LogWarning(e, "Payment reconciliation interrupted; trying again in {Polling}", options.Value.ReconcilePolling);
            }
        }
    }

    /// <summary>One pass over the waits due for a check; answers how many payments it recorded.</summary>
    public async Task<int> RoundAsync(CancellationToken ct)
    {
        var mpay = services.GetRequiredService<IMPayPort>();
        var now = clock.GetUtcNow();
        List<CaseSummary> waiting;
        await using (var session = store.QuerySession())
            waiting = [.. await session.Query<CaseSummary>().Where(c => c.AnyTenant() && c.Status == "open" && c.Waits.Any()).ToListAsync(ct)];

        var recorded = 0;
        foreach (var summary in waiting)
        foreach (var wait in summary.Waits.Where(w => w.Event == PaymentReceipt.EventName))
        {
            var key = (summary.Id, wait.Token);
            var since = _checked.TryGetValue(key, out var last) ? last : summary.WaitingSince.GetValueOrDefault(wait.Token, summary.UpdatedAt);
            if (!Due(wait, since, now)) continue;
            try
            {
                if (await ReconcileAsync(mpay, summary, ct)) recorded++;
                _checked[key] = now;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Payment of {Case} not checked with MPay; asking again next round", summary.Id);
            }
        }
        await CloseUnpaidAsync(mpay, now, ct);
        foreach (var gone in _checked.Keys.Where(k => !waiting.Any(c => c.Id == k.CaseId && c.Waits.Any(w => w.Token == k.Token))).ToList())
            _checked.TryRemove(gone, out _);
        return recorded;
    }

    /// <summary>A day since the last check (or since the wait began), or just inside the window before its timeout.</summary>
    private bool Due(OpenWait wait, DateTimeOffset since, DateTimeOffset now)
    {
        var settings = options.Value;
        if (now - since >= settings.ReconcileEvery) return true;
        return wait.TimeoutAt is { } timeout && timeout - settings.ReconcileBeforeTimeout is var window && now >= window && since < window;
    }

    private async Task<bool> ReconcileAsync(IMPayPort mpay, CaseSummary summary, CancellationToken ct)
    {
        var events = await EventsAsync(summary, ct);
        var requested = events.OfType<IntegrationSucceeded>().LastOrDefault(e => e.Activity == RequestActivity);
        if (requested?.Output["iupd"]?.GetValue<string>() is not { } iupd) return false;

        var position = await mpay.GetDebtPositionAsync(summary.Tenant, iupd, ct);
        if (!position.IsPaid || position.ReceiptId is not { } receiptId || position.PaidAt is not { } paidAt) return false;

        var receipt = new PaymentReceipt(summary.Tenant, position.Iupd, Iuv.Parse(position.Iuv), NumeroAvviso.Parse(position.NoticeNumber),
            position.Amount, paidAt, receiptId,
            new Dictionary<string, string> { [PaymentReceipt.CaseIdKey] = summary.Id, [PaymentReceipt.StepKey] = requested.Step });
        var outcome = await cases.HandleSystemAsync(summary.Tenant, summary.Id, PaymentReceiptEndpoint.CommandIdOf(receipt),
            new ReceiveEvent(PaymentReceipt.EventName, receipt.ToEventPayload()) { FromSystem = true }, receiptId, ct);
        switch (outcome)
        {
            case { Status: CommandStatus.Accepted, Events: [nameof(IncidentRaised)] }:
                log.LogError("Avviso {Notice} of {Case} is PAID in MPay but the receipt fails the case's check: incident raised", position.NoticeNumber, summary.Id);
                return false;
            case { Status: CommandStatus.Accepted }:
                log.LogWarning("Avviso {Notice} of {Case} is PAID in MPay and its receipt never arrived: payment recorded by reconciliation", position.NoticeNumber, summary.Id);
                return true;
            case { Status: CommandStatus.Duplicate }:
                return false;
            case { Status: CommandStatus.Conflict }:
                throw new InvalidOperationException($"{summary.Id} moved on while its payment was recorded");
            default:
                // Paid, but not for what the case waits for (another avviso): kept for an operator, never dropped.
                await UnmatchedPayments.RecordAsync(store, receipt, $"{outcome.Status} {outcome.Code}: {outcome.Error}", "reconciliation", clock.GetUtcNow(), ct);
                log.LogError("Avviso {Notice} is PAID in MPay but {Case} did not take it: {Error}", position.NoticeNumber, summary.Id, outcome.Error);
                return false;
        }
    }

    /// <summary>
    /// Cases closed lately (within two <see cref="MPayCallbackOptions.ReconcileEvery"/>) that issued an avviso and took no
    /// payment for it: the position is closed in MPay, so the payer can no longer pay for a case that is over. A position
    /// found PAID instead (paid as the case closed) is a payment no case takes: kept as an <see cref="UnmatchedPayment"/>.
    /// </summary>
    private async Task CloseUnpaidAsync(IMPayPort mpay, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - 2 * options.Value.ReconcileEvery;
        List<CaseSummary> closed;
        await using (var session = store.QuerySession())
            closed = [.. await session.Query<CaseSummary>().Where(c => c.AnyTenant() && c.Status == "closed" && c.UpdatedAt >= since).ToListAsync(ct)];
        foreach (var summary in closed.Where(c => !_closedPositions.ContainsKey(c.Id)))
        {
            try
            {
                var events = await EventsAsync(summary, ct);
                var requested = events.OfType<IntegrationSucceeded>().LastOrDefault(e => e.Activity == RequestActivity);
                if (requested?.Output["iupd"]?.GetValue<string>() is { } iupd
                    && !events.OfType<ExternalEventReceived>().Any(e => e.Event == PaymentReceipt.EventName))
                {
                    var position = await mpay.CloseDebtPositionAsync(summary.Tenant, iupd, ct);
                    if (position is { IsPaid: true, ReceiptId: { } receiptId, PaidAt: { } paidAt })
                    {
                        var receipt = new PaymentReceipt(summary.Tenant, iupd, Iuv.Parse(position.Iuv), NumeroAvviso.Parse(position.NoticeNumber),
                            position.Amount, paidAt, receiptId, new Dictionary<string, string> { [PaymentReceipt.CaseIdKey] = summary.Id });
                        await UnmatchedPayments.RecordAsync(store, receipt, $"paid, but {summary.Id} closed ({summary.Outcome}) without taking the payment",
                            "reconciliation", now, ct);
                        log.LogError("Avviso {Notice} of closed case {Case} is PAID: kept for an operator", position.NoticeNumber, summary.Id);
                    }
                    else
                        log.LogInformation("Avviso {Notice} of {Case} closed in MPay ({Status}): the case closed without payment",
                            position.NoticeNumber, summary.Id, position.Status.WireName());
                }
                _closedPositions[summary.Id] = now;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Avviso of closed case {Case} not closed in MPay; trying again next round", summary.Id);
            }
        }
        foreach (var old in _closedPositions.Where(p => p.Value < since).Select(p => p.Key).ToList())
            _closedPositions.TryRemove(old, out _);
    }

    private async Task<IReadOnlyList<object>> EventsAsync(CaseSummary summary, CancellationToken ct)
    {
        await using var session = store.QuerySession(summary.Tenant);
        return [.. (await session.Events.FetchStreamAsync(summary.Id, token: ct)).Select(e => e.Data)];
    }
}
