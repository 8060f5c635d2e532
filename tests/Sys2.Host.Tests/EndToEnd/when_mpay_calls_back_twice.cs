using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>MPay delivers every receipt twice (an injected fault): the case records the payment once.</summary>
public sealed class when_mpay_calls_back_twice : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CaseHost.StartAsync(nameof(when_mpay_calls_back_twice), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Faults:mpay:DuplicateCallbacks"] = "1" }),
            scripted: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_payment_is_recorded_once()
    {
        using var frontOffice = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        var inputs = Scia.Inputs();
        inputs["segnalazione"] = await frontOffice.UploadAsync("scia.pdf.p7m", "SCIA – esercizio di vicinato");
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.scia", inputs, Scia.Sportello);

        var events = await new CaseDriver(_host).RunToEndAsync(opened.CaseId);

        var deliveries = await Eventually.HoldsAsync(() => _host.Operator.GetJsonAsync<JsonArray>("/sandbox/mpay/callbacks"),
            d => d!.Count >= 2, "both deliveries of the receipt");
        deliveries!.Count.ShouldBe(2);
        events = await _host.EventsOf(opened.CaseId); // after the second delivery was answered
        events.OfType<ExternalEventReceived>().Count(r => r.Event == "payment-received").ShouldBe(1);
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("archived");
    }
}
