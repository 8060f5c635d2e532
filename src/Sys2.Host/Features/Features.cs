using Sys2.Host.Features.Auditors;
using Sys2.Host.Features.Clerks;
using Sys2.Host.Features.Designers;
using Sys2.Host.Features.Managers;
using Sys2.Host.Features.Operators;
using Sys2.Host.Integrations;

namespace Sys2.Host.Features;

/// <summary>Every use case of the HTTP API, one file each, grouped by who uses it.</summary>
public static class Features
{
    public static void MapFeatures(this IEndpointRouteBuilder app)
    {
        // Process designers
        app.MapDefinitions();
        app.MapDiagram();

        // Clerks of one entity and office
        app.MapOpenCase();
        app.MapReadCase();
        app.MapListCases();
        app.MapInbox();
        app.MapDeadlinesDue();
        app.MapCompleteTask();
        app.MapAttachDocument();
        app.MapDownloadDocument();
        app.MapUploadFile();
        app.MapSuspendDeadline();
        app.MapResumeDeadline();
        app.MapInterruptDeadline();
        app.MapWithdrawCase();
        app.MapFileCounterEvent();

        // Managers
        app.MapMigrateCase();

        // Operators
        app.MapIncidents();
        app.MapRetryIncident();

        // Auditors
        app.MapCaseHistory();
        app.MapCaseState();

        // Regional systems calling back
        app.MapPaymentReceipts();
    }
}
