using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Sys2.Host.Files;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// A document's name belongs to the case that names it, not to its bytes: uploading the same bytes
/// under another name renames nothing. Attached bytes are kept, and read back only through a case
/// that refers to them.
/// </summary>
public sealed class when_an_upload_tries_to_rename_a_document : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _clerk = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_an_upload_tries_to_rename_a_document));
        _host.Activities.Pause();
        _clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<string> OpenWith(JsonObject document)
    {
        var inputs = Scia.Inputs();
        inputs["segnalazione"] = document;
        return (await (await _clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId = Guid.NewGuid(), inputs })).JsonAsync())["caseId"]!.GetValue<string>();
    }

    private async Task<long> RowsOf(string sha256)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {FileContents.Table} where sha256 = @sha", connection);
        command.Parameters.AddWithValue("sha", sha256);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task the_same_bytes_under_another_name_rename_nothing()
    {
        var text = $"SCIA firmata {Guid.NewGuid()}";
        var original = await _clerk.UploadAsync("scia-bar-rossi.pdf", text);
        var caseId = await OpenWith(original);
        var events = await _host.EventsOf(caseId);

        var renamed = await _clerk.UploadAsync("dichiarazione-falsa.exe", text);

        renamed["sha256"]!.GetValue<string>().ShouldBe(original["sha256"]!.GetValue<string>());
        var download = await _clerk.GetAsync($"/api/cases/{caseId}/documents/{original["sha256"]}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileName.ShouldBe("scia-bar-rossi.pdf");
        (await download.Content.ReadAsStringAsync()).ShouldBe(text);
        (await _host.EventsOf(caseId)).Count.ShouldBe(events.Count);
        (await RowsOf(original["sha256"]!.GetValue<string>())).ShouldBe(1);
    }

    [Fact]
    public async Task an_attachment_keeps_its_bytes_and_is_read_back_under_its_own_name()
    {
        var caseId = await OpenWith(FixtureDocuments.Segnalazione());
        var version = (await _host.EventsOf(caseId)).Count;
        var bytes = Encoding.UTF8.GetBytes($"Integrazione documentale {Guid.NewGuid()}");

        (await _clerk.PostAsync($"/api/cases/{caseId}/documents", new
        {
            commandId = Guid.NewGuid(), expectedVersion = version, name = "integrazione.pdf", mediaType = "application/pdf",
            contentBase64 = Convert.ToBase64String(bytes),
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var sha256 = Sha256Hex.Of(bytes);
        (await _host.EventsOf(caseId)).OfType<DocumentAttached>().ShouldHaveSingleItem().Sha256.ShouldBe(sha256);
        var download = await _clerk.GetAsync($"/api/cases/{caseId}/documents/{sha256}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.FileName.ShouldBe("integrazione.pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task a_refused_attachment_stores_no_bytes()
    {
        var caseId = await OpenWith(FixtureDocuments.Segnalazione());
        var bytes = Encoding.UTF8.GetBytes($"Allegato su una versione vecchia {Guid.NewGuid()}");
        var before = await DatabaseCounts.OfAsync(_host);

        await (await _clerk.PostAsync($"/api/cases/{caseId}/documents", new
        {
            commandId = Guid.NewGuid(), expectedVersion = 1, name = "tardivo.pdf", mediaType = "application/pdf",
            contentBase64 = Convert.ToBase64String(bytes),
        })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task bytes_a_case_does_not_refer_to_are_not_read_through_it()
    {
        var caseId = await OpenWith(FixtureDocuments.Segnalazione());
        var unrelated = await _clerk.UploadAsync("altro.pdf", $"Documento di un'altra pratica {Guid.NewGuid()}");

        await (await _clerk.GetAsync($"/api/cases/{caseId}/documents/{unrelated["sha256"]}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var elsewhere = new ClerkClient(_host.Address, TestAccounts.LucaVerdi);
        await (await elsewhere.GetAsync($"/api/cases/{caseId}/documents/{FixtureDocuments.Segnalazione()["sha256"]}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_attachment_that_is_not_base64_names_the_field()
    {
        var caseId = await OpenWith(FixtureDocuments.Segnalazione());
        var version = (await _host.EventsOf(caseId)).Count;
        var before = await DatabaseCounts.OfAsync(_host);

        var errors = await (await _clerk.PostAsync($"/api/cases/{caseId}/documents", new
        {
            commandId = Guid.NewGuid(), expectedVersion = version, name = "x.pdf", mediaType = "pdf", contentBase64 = "%%%",
        })).ShouldBeFieldErrorsAsync();

        errors.Keys.Order().ShouldBe(["contentBase64", "mediaType"]);
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }
}
