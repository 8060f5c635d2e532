using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sys2.Host.Files;
using Sys2.Host.Integrations;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Pec;
using Sys2.Integrations.Wire;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// A SUAP ordinario rejected against the sandbox: the preavviso di rigetto (art. 10-bis L. 241/1990)
/// goes by PEC to the applicant's domicilio digitale, the provider accepts it, and its ricevuta di
/// avvenuta consegna, posted signed to the host, becomes the case's <c>delivery-receipt</c>: the ten
/// days for the observations, and the suspension of the term, run from the consegna, not the sending.
/// </summary>
public sealed class when_a_preavviso_goes_by_pec : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CaseHost.StartAsync(nameof(when_a_preavviso_goes_by_pec), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Pec:DeliveryDelay"] = "00:00:08" }), scripted: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_consegna_receipt_is_the_cases_event_and_the_ten_days_run_from_it()
    {
        var inputs = new JsonObject
        {
            ["applicant"] = new JsonObject { ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi", ["email"] = "mario.rossi@example.it", ["pec"] = "mario.rossi@pec.it" },
            ["activity"] = "Apertura bar",
            ["application"] = FixtureDocuments.Istanza(),
        };
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.ordinario", inputs, OrdinarioCase.Clerk);
        opened.Status.ShouldBe(CommandStatus.Accepted, opened.Error);
        var caseId = opened.CaseId;

        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "review") || e.OfType<WaitStarted>().Any(w => w.Step == "await-payment"),
            "the review or the avviso");
        if (events.OfType<WaitStarted>().Any(w => w.Step == "await-payment"))
        {
            await _host.PayAsync(Variables(events)["noticeNumber"]!.GetValue<string>());
            await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "review"), "the review");
        }

        (await _host.CompleteAsync(caseId, "review", "reject",
                new JsonObject { ["notes"] = "locali non idonei", ["reasons"] = "altezza interna di 2,40 m, inferiore a 2,70 m" }, by: OrdinarioCase.Clerk))
            .Status.ShouldBe(CommandStatus.Accepted);

        // The provider's ricevuta di accettazione: its message id, the act attached.
        events = await _host.WhenAsync(caseId, e => e.OfType<IntegrationSucceeded>().Any(s => s.Step == "preavviso"), "the PEC accepted");
        var sent = events.OfType<IntegrationSucceeded>().Single(s => s.Step == "preavviso");
        sent.Activity.ShouldBe("pec.send");
        var messageId = sent.Output["messageId"]!.GetValue<string>();
        sent.Output["document"]!["sha256"]!.GetValue<string>().Length.ShouldBe(64);
        // Until the receipt is known the suspension ends ten days after the sending: 2 March + 10.
        events.OfType<DeadlineSuspended>().Last().ResumeBy.ShouldBe(EndOfItalianDay(2026, 3, 12));

        // The consegna is certified two days later, on 4 March: the ten days end on Saturday 14 March.
        _host.Clock.Advance(TimeSpan.FromDays(2));
        events = await _host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-observations"), "the consegna received");
        var receipt = events.OfType<ExternalEventReceived>().Single(e => e.Event == "delivery-receipt");
        receipt.Payload["delivered"]!.GetValue<bool>().ShouldBeTrue();
        receipt.Payload["messageId"]!.GetValue<string>().ShouldBe(messageId);
        receipt.Payload["type"]!.GetValue<string>().ShouldBe("avvenuta-consegna");
        var receivedAt = DateTimeOffset.Parse(receipt.Payload["receivedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        receivedAt.UtcDateTime.Date.ShouldBe(new DateTime(2026, 3, 4));
        var daticert = receipt.Payload["document"]!.AsObject();
        daticert["name"]!.GetValue<string>().ShouldBe("daticert.xml");
        Variables(events)["noticeReceivedAt"]!.GetValue<string>().ShouldBe(receipt.Payload["receivedAt"]!.GetValue<string>());
        events.OfType<DeadlineSuspended>().Last().ResumeBy.ShouldBe(EndOfItalianDay(2026, 3, 14));
        events.OfType<WaitStarted>().Last(w => w.Step == "await-observations").TimeoutAt.ShouldBe(EndOfItalianDay(2026, 3, 14));
        events.OfType<IncidentRaised>().ShouldBeEmpty();

        // The receipt's certified data is in the entity's store, for the fascicolo's SIP.
        var stored = await _host.Services.GetRequiredService<FileContents>().FindAsync("H769", daticert["sha256"]!.GetValue<string>(), CancellationToken.None);
        System.Text.Encoding.UTF8.GetString(stored.ShouldNotBeNull()).ShouldContain("tipo=\"avvenuta-consegna\"");
        (await _host.Verifier.VerifyAsync("H769", caseId)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task an_unsigned_or_badly_signed_pec_receipt_is_refused()
    {
        var daticert = System.Text.Encoding.UTF8.GetBytes("<postacert tipo=\"avvenuta-consegna\" errore=\"nessuno\"/>");
        var body = JsonSerializer.SerializeToUtf8Bytes(new PecReceipt("avvenuta-consegna-1@pec.sandbox.invalid", PecReceipt.Delivered, "H769",
            "SUAP-H769-2026-0000001", "opec1@pec.sandbox.invalid", "1@sys2.invalid", "mario.rossi@pec.it", CaseHost.Start, Convert.ToBase64String(daticert)),
            WireJson.Options);

        (await PostAsync(body, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(body, CallbackSignature.Of("not-the-secret", body))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var secret = _host.Services.GetRequiredService<IOptions<PecCallbackOptions>>().Value.CallbackSecret!;
        (await PostAsync(body, CallbackSignature.Of(secret, body))).StatusCode.ShouldBe(HttpStatusCode.NotFound); // signed, but no such case
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature)
    {
        using var http = new HttpClient { BaseAddress = _host.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, PecReceiptEndpoint.Path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") } },
        };
        if (signature is not null) request.Headers.Add(CallbackSignature.Header, signature);
        return await http.SendAsync(request);
    }

    // A term in days ends at 23:59:59 of its last day, Italian time (CET in March).
    private static DateTimeOffset EndOfItalianDay(int year, int month, int day) => new(year, month, day, 23, 59, 59, TimeSpan.FromHours(1));

    private static JsonObject Variables(IEnumerable<object> events)
    {
        var all = new JsonObject();
        foreach (var set in events.OfType<VariablesSet>())
            foreach (var (name, value) in set.Values) all[name] = value?.DeepClone();
        return all;
    }
}
