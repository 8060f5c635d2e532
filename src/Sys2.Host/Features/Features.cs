using Sys2.Host.Features.Auditors;
using Sys2.Host.Features.Clerks;
using Sys2.Host.Features.Designers;
using Sys2.Host.Features.Managers;
using Sys2.Host.Features.Operators;
using Sys2.Host.Integrations;
using Sys2.Host.Invoices;
using Sys2.Host.SignIn;

namespace Sys2.Host.Features;

/// <summary>Every use case of the HTTP API, one file each, grouped by who uses it.</summary>
public static class Features
{
    public static void MapFeatures(this IEndpointRouteBuilder root)
    {
        // Every use case needs a verified bearer token; what the caller may do is each use case's
        // question to Caller (Access/), answered from one table of roles (AccessRoles).
        var api = root.MapGroup("").RequireAuthorization(SignInSetup.ApiPolicy);

        // Process designers (any signed-in person reads the shared catalogue)
        var designers = api.MapGroup("").WithTags("Designers");
        designers.MapDefinitions();
        designers.MapDiagram();
        designers.MapWhatIfMigration();
        designers.MapMigrateCases();
        designers.MapValidateDefinition();
        designers.MapSaveDraft();
        designers.MapDuplicateDefinition();
        designers.MapRunScenarios();
        designers.MapPublishVersion();

        // Clerks of one entity and office
        var clerks = api.MapGroup("").WithTags("Clerks");
        clerks.MapOpenCase();
        clerks.MapReadCase();
        clerks.MapListCases();
        clerks.MapInbox();
        clerks.MapDeadlinesDue();
        clerks.MapCompleteTask();
        clerks.MapClaimTask();
        clerks.MapReleaseTask();
        clerks.MapCommentTask();
        clerks.MapAttachDocument();
        clerks.MapDownloadDocument();
        clerks.MapUploadFile();
        clerks.MapSuspendDeadline();
        clerks.MapResumeDeadline();
        clerks.MapInterruptDeadline();
        clerks.MapWithdrawCase();
        clerks.MapFileCounterEvent();
        clerks.MapUploadInvoice();

        // Managers
        var managers = api.MapGroup("").WithTags("Managers");
        managers.MapMigrateCase();
        managers.MapReassignTask();

        // Operators
        var operators = api.MapGroup("").WithTags("Operators");
        operators.MapIncidents();
        operators.MapRetryIncident();
        operators.MapDryRunRetry();
        operators.MapCorrectVariable();
        operators.MapInvoiceFiles();
        operators.MapInvoiceRoutes();
        operators.MapUnmatchedPayments();

        // Auditors
        var auditors = api.MapGroup("").WithTags("Auditors");
        auditors.MapCaseHistory();
        auditors.MapCaseState();
        auditors.MapPaymentTimeliness();
        auditors.MapExportDossier();
        auditors.MapExportHistoryCsv();
        auditors.MapIndicators();

        // Regional systems calling back: authenticated by their own signature, not a person's token.
        var systems = root.MapGroup("").WithTags("Regional systems");
        systems.MapPaymentReceipts();
        systems.MapPecReceipts();
        systems.MapIntermediaMarche();

        // Published for anyone: the key an outside auditor checks a dossier's origin with.
        root.MapGroup("").WithTags("Auditors").MapDossierKey();
    }
}
