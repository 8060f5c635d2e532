using Marten;
using Sys2.Host.Access;
using Sys2.Host.Files;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Invoices;

/// <summary>
/// What operators do with the received invoice files and the routing table, in one place for the API
/// (<c>Features/Operators</c>) and the pages: list, find one the caller may see, receive again, save a route.
/// A routed file belongs to its entity's operators; one that reached no entity, to the aggregation's (<c>*/operator</c>).
/// </summary>
public sealed class ReceivedFiles(IDocumentStore store, FileContents contents, InvoiceIngest ingest, TimeProvider clock)
{
    /// <summary>The answer to an action: the file or route as it is now, or why not (with the HTTP status the API sends).</summary>
    public sealed record Answer<T>(T? Value, string? Refusal, int Status) where T : class;

    /// <param name="tenant">The entity, or <see cref="Membership.AnyEntity"/> for the files that belong to no entity.</param>
    public Task<IReadOnlyList<ReceivedInvoiceFile>> ListAsync(string tenant, ReceivedFileStatus? status, int take, CancellationToken ct) =>
        ListAsync(tenant, status is { } one ? [one] : null, take, ct);

    /// <param name="statuses">null: every status.</param>
    public async Task<IReadOnlyList<ReceivedInvoiceFile>> ListAsync(string tenant, IReadOnlyCollection<ReceivedFileStatus>? statuses, int take, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        IQueryable<ReceivedInvoiceFile> files = session.Query<ReceivedInvoiceFile>();
        files = tenant == Membership.AnyEntity ? files.Where(f => f.Tenant == null) : files.Where(f => f.Tenant == tenant);
        if (statuses is not null)
        {
            var wanted = statuses.ToArray();
            files = files.Where(f => f.Status.IsOneOf(wanted));
        }
        return await files.OrderByDescending(f => f.ReceivedAt).Take(take).ToListAsync(ct);
    }

    /// <summary>The file and as whom the caller acts on it; null when there is none or it is not hers to see (the same 404 either way).</summary>
    public async Task<(ReceivedInvoiceFile File, Access.Access Access)?> FindAsync(string id, Caller caller, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<ReceivedInvoiceFile>(id, ct) is not { } file) return null;
        var access = caller.ActingIn(file.Tenant ?? Membership.AnyEntity, Permission.HandleIncidents);
        return access.Allowed ? (file, access) : null;
    }

    /// <summary>After an operator added the route an unrouted file lacked: receive it again from the kept bytes.</summary>
    public async Task<Answer<ReceivedInvoiceFile>> ReceiveAgainAsync(ReceivedInvoiceFile file, string by, CancellationToken ct)
    {
        if (file.Status != ReceivedFileStatus.Unrouted)
            return new(null, $"{file.Id} is {file.Status}: only an unrouted file is received again", StatusCodes.Status409Conflict);
        var bytes = await contents.FindAsync(file.StoredIn, file.Sha256, ct);
        if (bytes is null) return new(null, $"the bytes of {file.Id} are not in the file store", StatusCodes.Status409Conflict);
        var outcome = await ingest.ReceiveAsync(new InvoiceDelivery(file.Channel, file.FileName, bytes, file.ReceivedAt, file.IdentificativoSdI, By: by), ct);
        return new(outcome.File, null, StatusCodes.Status200OK);
    }

    /// <summary>The routes to one entity's offices, by code.</summary>
    public async Task<IReadOnlyList<InvoiceRoute>> RoutesAsync(string tenant, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<InvoiceRoute>().Where(r => r.Tenant == tenant).OrderBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Routes an office code to an entity's office, for a caller who may act for that entity and, when the code
    /// routed to another one, for that one too.
    /// </summary>
    public async Task<Answer<InvoiceRoute>> SaveRouteAsync(string code, string? entityId, string? office, string? description, Caller caller, CancellationToken ct)
    {
        code = code.Trim().ToUpperInvariant();
        if (!Sys2.Invoices.OfficeCode.IsValid(code))
            return new(null, $"code: '{code}' is not an IPA office code: expected 6 letters or digits", StatusCodes.Status400BadRequest);
        var entity = EntityCatalogue.Load().ByTenantId(entityId?.Trim().ToUpperInvariant() ?? "") ?? EntityCatalogue.Load().ByTenantId(entityId?.Trim() ?? "");
        if (entity is null) return new(null, $"entity: '{entityId}' is not an entity of the aggregation", StatusCodes.Status400BadRequest);
        var access = caller.ActingIn(entity.TenantId, Permission.HandleIncidents);
        if (!access.Allowed) return new(null, $"you may not route invoices to {entity.TenantId}", StatusOf(access));
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<InvoiceRoute>(code, ct) is { } existing && existing.Tenant != entity.TenantId
            && caller.ActingIn(existing.Tenant, Permission.HandleIncidents) is { Allowed: false } other)
            return new(null, $"{code} routes to {existing.Tenant}, which you may not change", StatusOf(other));
        var to = string.IsNullOrWhiteSpace(office) ? InvoiceRoute.DefaultOffice : office.Trim();
        var route = new InvoiceRoute(code, entity.TenantId, to, string.IsNullOrWhiteSpace(description) ? $"{entity.Name} – {to}" : description.Trim(),
            Seeded: false, clock.GetUtcNow(), access.Actor!.User);
        session.Store(route);
        await session.SaveChangesAsync(ct);
        return new(route, null, StatusCodes.Status200OK);
    }

    private static int StatusOf(Access.Access refused) =>
        refused.Refusal is IStatusCodeHttpResult { StatusCode: { } status } ? status : StatusCodes.Status403Forbidden;
}
