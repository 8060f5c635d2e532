using Marten;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Invoices;

/// <summary>
/// At start-up, gives every entity of the catalogue a route if it has none yet, so an invoice for
/// any of the 64 can be routed from the first day. Routes operators changed are never overwritten.
/// </summary>
public sealed class InvoiceRouteSeeder(IDocumentStore store, TimeProvider clock, ILogger<InvoiceRouteSeeder> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var routed = (await session.Query<InvoiceRoute>().Select(r => r.Tenant).ToListAsync(ct)).ToHashSet();
        var missing = InvoiceRoute.Placeholders(EntityCatalogue.Load(), clock.GetUtcNow()).Where(r => !routed.Contains(r.Tenant)).ToList();
        if (missing.Count == 0) return;
        // Insert, not store: a code an operator already gave to another entity is not taken over.
        foreach (var route in missing)
            if (await session.LoadAsync<InvoiceRoute>(route.Id, ct) is null) session.Insert(route);
        await session.SaveChangesAsync(ct);
        log.LogInformation("Seeded {Count} invoice routes (placeholder IPA office codes)", missing.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
