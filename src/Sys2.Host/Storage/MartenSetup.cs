using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Sys2.Host.Cases;
using Sys2.Host.Definitions;
using Sys2.Host.Engine;
using Sys2.Host.SignIn.Embedded;
using Sys2.Host.Views;
using JasperFx.Events.Projections;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Storage;

/// <summary>
/// The one Marten configuration of Sys2, used by the host, the tests and the benchmark:
/// string stream keys a person can quote, conjoined tenancy (one tenant per entity),
/// full event metadata, System.Text.Json.
/// </summary>
public static class MartenSetup
{
    public const string Schema = "sys2";

    public static void Configure(StoreOptions opts, string connectionString, string schema = Schema)
    {
        opts.Connection(WithPreparedStatements(connectionString));
        opts.DatabaseSchemaName = schema;
        // jsonb stores an object's keys in its own order, so a bookmark's "$kind" is rarely first.
        opts.UseSystemTextJsonForSerialization(configure: json => json.AllowOutOfOrderMetadataProperties = true);

        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.AddEventTypes(CaseEventTypes.All);

        // Definitions are shared by all 64 entities: one catalogue, not one per tenant.
        opts.Schema.For<StoredDefinition>().Identity(d => d.Id).SingleTenanted();
        opts.Schema.For<StoredScenarios>().Identity(d => d.Id).SingleTenanted();
        opts.Schema.For<ShippedDefinitions>().Identity(d => d.Id).SingleTenanted();
        // A person of an Unione has one account for all its comuni.
        opts.Schema.For<LocalAccount>().Identity(a => a.Id).SingleTenanted();
        opts.Schema.For<ProcessedCommand>().Identity(c => c.Id);
        // Invoice files and their routes belong to the aggregation: a file may reach no entity at all.
        opts.Schema.For<Sys2.Host.Invoices.ReceivedInvoiceFile>().Identity(f => f.Id).SingleTenanted().Index(f => f.Tenant).Index(f => f.ReceivedAt);
        opts.Schema.For<Sys2.Host.Invoices.InvoiceRoute>().Identity(r => r.Id).SingleTenanted().Index(r => r.Tenant);
        opts.Schema.For<Sys2.Host.Invoices.InvoiceKey>().Identity(k => k.Id);
        // The sweep asks "what is due now?" of every tenant every few seconds.
        opts.Schema.For<DueMessage>().Identity(m => m.Id).Index(m => m.DueAt);
        // An operator's page lists several entities' payments at once: each says whose it is (the tenant column, also for
        // documents stored before the field existed). Two operators marking the same payment handled: the second is refused.
        opts.Schema.For<Sys2.Host.Integrations.UnmatchedPayment>().Identity(p => p.Id)
            .Metadata(m => m.TenantId.MapTo(p => p.Tenant)).UseOptimisticConcurrency(true);

        // The case summaries move in the same transaction as the events (inline), so an inbox
        // never shows a task that was just completed, and a command decides on the summary's
        // folded state instead of reading the stream again. With the identity map for aggregates,
        // the summary a command fetched is the one the projection moves on: one read per command.
        // The GIN index serves the inbox queries.
        opts.Projections.Add<CaseSummaryProjection>(ProjectionLifecycle.Inline);
        opts.Events.UseIdentityMapForAggregates = true;
        opts.Schema.For<CaseSummary>().Index(c => c.Status).GinIndexJsonData();
        // A case's attached documents, one row each, out of the summary a command loads.
        opts.Projections.Add<CaseAttachmentProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CaseAttachment>().Identity(a => a.Id).Index(a => a.CaseId);
        opts.Schema.For<Sys2.Host.Views.SavedFilters>();
    }

    /// <summary>
    /// Npgsql prepares a statement on a pooled connection once it has run there twice (at most 64 per
    /// connection). A step sends the same dozen statements every time, and parsing and planning them was
    /// about a third of PostgreSQL's CPU per step (issue 8's profile); prepared, they are planned once per
    /// connection. With statements prepared, Npgsql also resets a returned connection without the
    /// <c>DISCARD ALL</c> it sent 2.6 times per step. A connection string that says its own
    /// <c>Max Auto Prepare</c> (0 switches it off) wins.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (connectionString.Contains("auto prepare", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("autoprepare", StringComparison.OrdinalIgnoreCase))
            return connectionString;
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>Every tenant id Sys2 serves: one per entity of the SYS² aggregation.</summary>
    public static IReadOnlyList<string> Tenants => EntityCatalogue.Load().All.Select(e => e.TenantId).ToList();
}
