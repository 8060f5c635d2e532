using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sys2.Host.Cases;
using Sys2.Host.Cases.Dossiers;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Cases;

/// <summary>
/// A dossier made from a real database and anchor folder: the rows as PostgreSQL returns them recompute to the
/// same chain offline, the anchor of the day vouches for them, the documents' bytes are there, and the origin is
/// proved with the key the installation publishes. A row altered in the database is exported as it is, and the
/// offline check names it. Through the API, another entity's case is a 404.
/// </summary>
public sealed class when_an_auditor_exports_a_dossier : IAsyncLifetime
{
    private CaseHost _host = null!;
    private string _caseId = "";
    private int _events;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_an_auditor_exports_a_dossier));
        _caseId = await _host.FileAsync();
        var events = await _host.WhenAsync(_caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        (await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", _caseId, events.Count,
            new WithdrawCase("rinuncia del richiedente", Scia.Sportello), Scia.Sportello))).Status.ShouldBe(CommandStatus.Accepted);
        _events = (await _host.WhenAsync(_caseId, e => e.OfType<CaseClosed>().Any(), "the case closed")).Count;
        // The day is over in Italy: its anchor is made, outside the database.
        _host.Clock.Advance(TimeSpan.FromDays(1));
        // (The host's own job may have made it first.)
        (await _host.Anchors.MakeAsync(LegalCalendar.LocalDate(CaseHost.Start), digip: null)).Status.ShouldBeOneOf(AnchorStatus.Made, AnchorStatus.Unchanged);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private CaseAudit Audit => _host.Services.GetRequiredService<CaseAudit>();

    [Fact]
    public async Task the_dossier_verifies_offline_anchored_with_its_documents_and_its_origin_proved()
    {
        var dossier = (await Audit.DossierAsync("H769", _caseId, "anna.bianchi", CancellationToken.None))!;

        var report = DossierVerifier.Verify(dossier, Audit.PublicKeyPem());

        report.Outcome.ShouldBe(DossierOutcome.Verified, string.Join("\n", report.Problems));
        (report.AnchoredVersion, report.AnchoredDay, report.OriginProved).ShouldBe((_events, "2026-03-02", true));
        report.Manifest!.Events.ShouldBe(_events);
        report.Manifest.Files.ShouldContain(f => f.Path.StartsWith(DossierFormat.DocumentsFolder) && f.NamedByVersion == 1);
        File.Exists(Audit.DossierKeyFile).ShouldBeTrue();
    }

    [Fact]
    public async Task a_row_altered_in_the_database_is_exported_as_it_is_and_named_offline()
    {
        await using (var connection = new NpgsqlConnection(_host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""update sys2.mt_events set data = data || '{"tampered": true}' where stream_id = @s and version = 2""", connection);
            command.Parameters.AddWithValue("s", _caseId);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var dossier = (await Audit.DossierAsync("H769", _caseId, "anna.bianchi", CancellationToken.None))!;
        var report = DossierVerifier.Verify(dossier, Audit.PublicKeyPem());

        report.Outcome.ShouldBe(DossierOutcome.Altered);
        report.Problems[0].ShouldStartWith("event 2 (StepEntered) does not match its hash");
        report.Manifest!.AtExport.Intact.ShouldBeFalse();
    }

    [Fact]
    public async Task the_api_gives_the_dossier_and_the_csv_to_the_auditor_and_nothing_of_another_entity()
    {
        using var auditor = new ClerkClient(_host.Address, TestAccounts.AnnaBianchi);

        var dossier = await auditor.GetAsync($"/api/cases/{_caseId}/dossier");
        dossier.StatusCode.ShouldBe(HttpStatusCode.OK);
        dossier.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe(DossierFormat.FileName(_caseId));
        DossierVerifier.Verify(await dossier.Content.ReadAsByteArrayAsync()).Outcome.ShouldBe(DossierOutcome.Verified);

        var csv = await auditor.GetAsync($"/api/cases/{_caseId}/history.csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(_events + 1);

        (await auditor.GetAsync("/api/cases/SUAP-D542-2026-0000001/dossier")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        (await clerk.GetAsync($"/api/cases/{_caseId}/dossier")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
