using System.Text.Json.Nodes;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Pec;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Pec;

namespace Sys2.Integrations.Tests.Pec;

/// <summary>The sandbox's PEC provider, posting its receipts to a <see cref="CallbackReceiver"/>, and the PEC adapter pointed at it.</summary>
public sealed class PecFixture : IAsyncDisposable
{
    public const string Secret = "pec-test-secret";

    private readonly ServiceProvider _adapter;

    private PecFixture(SandboxServer sandbox, CallbackReceiver receiver, ServiceProvider adapter, InMemoryDocumentContent documents)
    {
        Sandbox = sandbox;
        Receiver = receiver;
        _adapter = adapter;
        Documents = documents;
    }

    public SandboxServer Sandbox { get; }
    public CallbackReceiver Receiver { get; }
    public InMemoryDocumentContent Documents { get; }
    public IActivityPort Activities => _adapter.Activities();
    public PecProvider Provider => Sandbox.Services.GetRequiredService<PecProvider>();

    public static async Task<PecFixture> StartAsync(double undeliveredShare = 0)
    {
        var receiver = await CallbackReceiver.StartAsync();
        var sandbox = await SandboxServer.StartAsync(configure: builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Pec:CallbackUrl"] = receiver.Url.ToString(),
            ["Sandbox:Pec:CallbackSecret"] = Secret,
            ["Sandbox:Pec:DeliveryDelay"] = "00:00:00.100",
            ["Sandbox:Pec:UndeliveredShare"] = undeliveredShare.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var server = sandbox.Services.GetRequiredService<PecProviderServer>();
        var documents = new InMemoryDocumentContent();
        var adapter = Adapters.Build(services =>
        {
            services.AddSingleton<Sys2.Integrations.DigiP.IDocumentContent>(documents);
            services.AddPecAdapter(pec =>
            {
                pec.Host = server.Host;
                pec.Port = server.Port;
                pec.Security = SecureSocketOptions.None;
                pec.FromAddress = "protocollo@pec.comune.sanbenedettodeltronto.ap.it";
                pec.MessageIdDomain = "sys2.test";
                pec.AttemptTimeout = TimeSpan.FromSeconds(3);
                pec.MaxRetries = 2;
                pec.RetryDelay = TimeSpan.FromMilliseconds(20);
            });
        });
        return new PecFixture(sandbox, receiver, adapter, documents);
    }

    public static JsonObject Applicant(string? pec = "mario.rossi@pec.it") => new()
    {
        ["fiscalCode"] = "RSSMRA45D25F205N",
        ["name"] = "Mario Rossi",
        ["email"] = "mario.rossi@example.it",
        ["pec"] = pec,
    };

    public static JsonObject Preavviso(JsonObject to) => new()
    {
        ["to"] = to,
        ["template"] = "suap-preavviso",
        ["subject"] = "Istanza prot. 0000042: motivi ostativi (prot. 0000060), osservazioni entro 10 giorni",
        ["reasons"] = "Destinazione d'uso non compatibile con il PRG",
        ["protocolNumber"] = "0000060",
        ["protocolDate"] = "2026-03-10",
        ["documentType"] = "Comunicazione dei motivi ostativi (L. 241/1990 art. 10-bis)",
    };

    public Task<JsonObject> SendAsync(JsonObject input, int attempt = 1) =>
        Activities.InvokeAsync(Adapters.Call(PecSendHandler.Send, input, caseId: "SUAP-H769-2026-0000042", step: "preavviso", attempt: attempt), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
