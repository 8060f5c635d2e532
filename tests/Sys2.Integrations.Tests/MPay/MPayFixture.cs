using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Tests.Harness;

namespace Sys2.Integrations.Tests.MPay;

/// <summary>The MPay simulator with a callback receiver, and the adapter pointed at it.</summary>
public sealed class MPayFixture : IAsyncDisposable
{
    private readonly ServiceProvider _adapter;

    private MPayFixture(SandboxServer sandbox, CallbackReceiver receiver, ServiceProvider adapter, AttemptCounter counter)
    {
        Sandbox = sandbox;
        Receiver = receiver;
        _adapter = adapter;
        Counter = counter;
    }

    public SandboxServer Sandbox { get; }
    public CallbackReceiver Receiver { get; }
    public AttemptCounter Counter { get; }
    public IActivityPort Activities => _adapter.Activities();
    public IMPayPort Port => _adapter.GetRequiredService<IMPayPort>();
    public HttpClient Http { get; } = new();

    public static async Task<MPayFixture> StartAsync(AttemptCounter? counter = null, Action<MPayAdapterOptions>? tune = null, TimeProvider? clock = null)
    {
        var receiver = await CallbackReceiver.StartAsync();
        var sandbox = await SandboxServer.StartAsync(configure: builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sandbox:MPay:CallbackUrl"] = receiver.Url.ToString(),
                ["Sandbox:MPay:RetryPolling"] = "00:00:00.050",
            });
            if (clock is not null) builder.Services.AddSingleton(clock);
        });
        counter ??= new AttemptCounter();
        var adapter = Adapters.Build(services =>
        {
            services.AddMPayAdapter(sandbox.For("mpay"), o => { Adapters.Fast(o); tune?.Invoke(o); });
            services.AddHttpClient(MPayHttpAdapter.System).AddHttpMessageHandler(() => counter);
        });
        return new MPayFixture(sandbox, receiver, adapter, counter);
    }

    public static JsonObject Fee(long amount = 5000, string fiscalCode = "RSSMRA45D25F205N", string description = "Diritti SUAP – SCIA prot. 0000123") => new()
    {
        ["payer"] = new JsonObject { ["fiscalCode"] = fiscalCode, ["name"] = "Mario Rossi", ["email"] = "mario.rossi@pec.it" },
        ["amount"] = amount,
        ["description"] = description,
    };

    /// <summary>A GPD creation body as the adapter sends it, for driving the ledger directly.</summary>
    public static JsonObject CreationBody() => JsonNode.Parse("""
        {"iupd":"SYS2-c-1-request-payment","type":"F","fiscalCode":"RSSMRA45D25F205N","fullName":"Mario Rossi",
         "paymentOption":[{"amount":5000,"description":"Diritti SUAP","dueDate":"2099-12-31",
           "transfer":[{"amount":5000,"remittanceInformation":"Diritti SUAP","category":"9/0201133IM/","iban":"IT60X0542811101000000123456"}]}],
         "metadata":{"caseId":"c-1"}}
        """)!.AsObject();

    public Task<JsonObject> RequestAsync(JsonObject? input = null, string caseId = "c-2026-0001", int attempt = 1, string tenant = "H769") =>
        Activities.InvokeAsync(Adapters.Call(MPayRequestPaymentHandler.Activity, input ?? Fee(), tenant, caseId, attempt: attempt), CancellationToken.None);

    public Task<HttpResponseMessage> PayAsync(string noticeNumber) =>
        Http.PostAsync(new Uri(Sandbox.For("mpay"), $"avvisi/{noticeNumber}/pay"), null);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _adapter.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
