namespace Sys2.Host.Invoices;

/// <summary>Receiving e-invoices: the ingest, SdI's messages, the routes seeded for every entity, the PEC inbox folder.</summary>
public static class InvoiceSetup
{
    public static void AddInvoices(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<InvoiceOptions>(builder.Configuration.GetSection(InvoiceOptions.Section));
        builder.Services.Configure<IntermediaMarcheOptions>(builder.Configuration.GetSection(IntermediaMarcheOptions.Section));
        builder.Services.AddSingleton<InvoiceIngest>();
        builder.Services.AddSingleton<SdiMessageIntake>();
        builder.Services.AddSingleton<UnroutedRejection>();
        builder.Services.AddSingleton<ReceivedFiles>();
        builder.Services.AddHostedService<InvoiceRouteSeeder>();
        builder.Services.AddHostedService<InvoiceInboxFolder>();
    }
}
