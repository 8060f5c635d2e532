using System.Net;
using System.Text.Json.Nodes;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Security;

/// <summary>A careless or hostile client opens a case with inputs the definition does not declare, or of the wrong type.</summary>
public sealed class when_a_new_case_has_invalid_inputs : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _clerk = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_new_case_has_invalid_inputs));
        _clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
    }

    private Task<HttpResponseMessage> Open(JsonObject inputs) =>
        _clerk.PostAsync("/api/definitions/suap.scia/cases", new { commandId = Guid.NewGuid(), inputs });

    [Fact]
    public async Task every_wrong_field_is_named_at_once_and_nothing_is_appended_numbered_or_started()
    {
        var before = await DatabaseCounts.OfAsync(_host);
        var inputs = Scia.Inputs(withParcel: true);
        inputs["applicant"]!["fiscalCode"] = "RSSMRA80A01H501X";
        inputs.Remove("activity");
        inputs["parcel"]!["belfiore"] = "San Benedetto";
        inputs["segnalazione"]!["sha256"] = new string('0', 64); // never uploaded
        inputs["urgency"] = "high";

        var errors = await (await Open(inputs)).ShouldBeFieldErrorsAsync();

        errors.Keys.Order().ShouldBe([
            "inputs.activity", "inputs.applicant.fiscalCode", "inputs.parcel.belfiore", "inputs.segnalazione.sha256", "inputs.urgency",
        ]);
        errors["inputs.applicant.fiscalCode"].ShouldHaveSingleItem().ShouldContain("'RSSMRA80A01H501X': wrong check character: expected U got X");
        errors["inputs.segnalazione.sha256"].ShouldHaveSingleItem().ShouldContain("is not in the file store of H769");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task a_refused_opening_gives_no_number_away()
    {
        var inputs = Scia.Inputs();
        inputs["applicant"]!["fiscalCode"] = "00360140447";
        await (await Open(inputs)).ShouldBeFieldErrorsAsync();

        var opened = await (await Open(Scia.Inputs())).JsonAsync();

        opened["caseId"]!.GetValue<string>().ShouldBe("SUAP-H769-2026-0000001");
    }

    [Fact]
    public async Task a_document_of_another_entity_is_not_in_this_entitys_file_store()
    {
        using var elsewhere = new ClerkClient(_host.Address, TestAccounts.LucaVerdi);
        var theirs = await elsewhere.UploadAsync("scia-acquaviva.pdf", $"SCIA di un'altra entità {Guid.NewGuid()}");
        var before = await DatabaseCounts.OfAsync(_host);
        var inputs = Scia.Inputs();
        inputs["segnalazione"] = theirs;

        var errors = await (await Open(inputs)).ShouldBeFieldErrorsAsync();

        errors.Keys.ShouldBe(["inputs.segnalazione.sha256"]);
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Fact]
    public async Task an_uploaded_document_and_valid_inputs_open_the_case()
    {
        var inputs = Scia.Inputs();
        inputs["segnalazione"] = await _clerk.UploadAsync("scia.pdf.p7m", $"SCIA firmata {Guid.NewGuid()}");
        inputs["applicant"]!["fiscalCode"] = "RSSMRA45D25F20RI"; // omocodia

        (await Open(inputs)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
