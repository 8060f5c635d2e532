using Sys2.Host.Invoices;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Sys2.Host.Features;
using Sys2.Host.Cases;
using Sys2.PrivatePostgres;
using Sys2.Host.Definitions;
using Sys2.Host.Demo;
using Sys2.Host.Engine;
using Sys2.Host.Files;
using Sys2.Host.Integrations;
using Sys2.Host.Migrations;
using Sys2.Host.Operations;
using Sys2.Host.Requests;
using Sys2.Sandbox;
using Sys2.Host.Storage;
using Sys2.Host.SignIn;
using Sys2.Host.ApiDocs;
using Sys2.Host.Web;
using Sys2.Integrations;
using Wolverine;
using Wolverine.Marten;

namespace Sys2.Host;

/// <summary>
/// The product: Marten on the configured PostgreSQL (or the private cluster), Wolverine
/// carrying integration calls and timers, the definitions of <c>workflows/</c> published at
/// start-up, and the HTTP API by audience.
/// </summary>
public static class Sys2Application
{
    /// <summary>
    /// The product, ready to run. Its start comes in two halves (<see cref="StartupGate"/>): the server listens first;
    /// then, in this order, its own tables are made, the definitions of <c>workflows/</c> published when they changed,
    /// and the hosted services that need the database started (Marten's schema, Wolverine, the seeders). Await
    /// <see cref="StartAndWaitReadyAsync"/> (or <c>/health/ready</c>) before using it.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var (app, connection) = await ConfigureAsync(args, configure, product: true);
        var workflows = WorkflowsFolder(app.Configuration);
        var sequence = app.Services.GetRequiredService<StartupSequence>();
        sequence.Add("the database's own tables", ct => PrepareDatabaseAsync(connection, ct));
        sequence.Add("the shipped definitions", async ct =>
        {
            var (published, changed) = await app.Services.GetRequiredService<DefinitionCatalog>().PublishFolderIfChangedAsync(workflows, ct);
            if (changed)
                app.Logger.LogInformation("Published {Count} definitions from {Folder}: {Keys}", published.Count, workflows, string.Join(", ", published.Select(p => p.Key)));
            else
                app.Logger.LogInformation("The {Count} definitions of {Folder} are published already: {Keys}", published.Count, workflows, string.Join(", ", published.Select(p => p.Key)));
        });
        app.Lifetime.ApplicationStarted.Register(sequence.Begin);
        return app;
    }

    /// <summary>Starts the host and waits until it is ready (what an in-process test or the benchmark needs); throws what stopped its start.</summary>
    public static async Task StartAndWaitReadyAsync(this WebApplication app, CancellationToken ct = default)
    {
        await app.StartAsync(ct);
        await app.Services.GetRequiredService<StartupGate>().Ready.WaitAsync(ct);
    }

    /// <summary>
    /// The product configured but not touched: nothing written to the database, nothing published. What
    /// Wolverine's and Marten's own commands (<c>codegen</c>, <c>describe</c>, <c>db-apply</c>, …) work on.
    /// </summary>
    public static async Task<WebApplication> ConfigureAsync(string[] args) => (await ConfigureAsync(args, configure: null, product: false)).App;

    private static async Task<(WebApplication App, string Connection)> ConfigureAsync(string[] args, Action<WebApplicationBuilder>? configure, bool product)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var connection = await DatabaseConnection.ResolveAsync(builder.Configuration, RepositoryRoot.TryFind());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddMarten(opts => MartenSetup.Configure(opts, connection))
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        builder.Host.UseWolverine(opts => WolverineSetup.Configure(opts, builder.Configuration));
        builder.Services.AddSingleton<FileContents>();
        builder.Services.AddSingleton<IActivityPort, ActivityDispatcher>();
        builder.Services.AddRegionalSystems(builder.Configuration, builder.Environment);
        if (builder.Configuration.GetValue(DemoSeeder.SeedKey, true) && IntegrationSetup.SandboxMounted(builder.Configuration, builder.Environment))
            builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddSingleton<DefinitionCatalog>();
        builder.Services.AddSingleton<CaseNumbers>();
        builder.Services.AddSingleton<CaseService>();
        builder.Services.AddSingleton<MigrationPlanner>();
        builder.Services.AddSingleton<MigrationBatch>();
        builder.Services.AddHostedService<DueMessageSweep>();
        builder.Services.AddSingleton(sp => new DailyAnchor(connection, AnchorSettings.From(builder.Configuration), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<DailyAnchorJob>();
        builder.Services.AddSingleton<PaymentReconciliation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PaymentReconciliation>());
        builder.Services.AddSingleton(sp => new CaseAudit(connection, AnchorSettings.From(builder.Configuration), sp.GetRequiredService<FileContents>(), sp.GetRequiredService<TimeProvider>()));
        builder.AddRequestLimits();
        builder.AddOperations(connection);
        builder.AddSignIn();
        builder.Services.AddSandboxControls();
        builder.AddInvoices();
        builder.Services.AddApiDocument();
        builder.Services.AddWebPages();
        // Last, so that every hosted service registered above (and by the caller's configure) is seen.
        if (product) DeferredStart.Apply(builder.Services);

        var app = builder.Build();
        app.MapOperations();
        app.UseSignIn();
        // After sign-in: a caller without a token is told so (401) before anything about her body.
        app.UseRequestLimits();
        app.MapSignIn();
        app.MapApiDocument();
        // The people's workspace: the scrivania at "/" (the API stays under /api).
        app.MapWebPages();
        if (IntegrationSetup.SandboxMounted(builder.Configuration, builder.Environment))
        {
            if (!builder.Environment.IsDevelopment())
                app.Logger.LogWarning("SANDBOX MODE in {Environment}: the regional systems are simulated in this host; no payment, PEC, protocol or preservation " +
                    "reaches the real systems. Set {Key}=external for production.", builder.Environment.EnvironmentName, IntegrationSetup.ModeKey);
            app.MapSandbox().RequireSandboxControls().WithBodyLimit(RequestLimits.SandboxBody);
        }
        app.MapFeatures();
        return (app, connection);
    }

    public static async Task PrepareDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(CaseNumbers.CreateTableSql + FileContents.CreateTableSql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Configuration <c>Sys2:Workflows</c>, else <c>workflows/</c> of the repository.</summary>
    public static string WorkflowsFolder(IConfiguration configuration) =>
        configuration["Sys2:Workflows"]
        ?? Path.Combine(RepositoryRoot.TryFind() ?? AppContext.BaseDirectory, "workflows");
}
