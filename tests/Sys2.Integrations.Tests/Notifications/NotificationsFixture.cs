using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.Notifications;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Notifications;

namespace Sys2.Integrations.Tests.Notifications;

/// <summary>The SMTP sink and SMS gateway of the sandbox, and the notification adapter pointed at them.</summary>
public sealed class NotificationsFixture : IAsyncDisposable
{
    private readonly ServiceProvider _adapter;

    private NotificationsFixture(SandboxServer sandbox, ServiceProvider adapter, AttemptCounter counter)
    {
        Sandbox = sandbox;
        _adapter = adapter;
        Counter = counter;
    }

    public SandboxServer Sandbox { get; }
    public AttemptCounter Counter { get; }
    public IActivityPort Activities => _adapter.Activities();
    public SmtpSink Sink => Sandbox.Services.GetRequiredService<SmtpSink>();
    public MailInbox Inbox => Sandbox.Services.GetRequiredService<MailInbox>();
    public HttpClient Http { get; } = new();

    public static async Task<NotificationsFixture> StartAsync(AttemptCounter? counter = null, Action<SmtpOptions>? tuneSmtp = null)
    {
        var sandbox = await SandboxServer.StartAsync();
        var sink = sandbox.Services.GetRequiredService<SmtpSink>();
        counter ??= new AttemptCounter();
        var adapter = Adapters.Build(services =>
        {
            services.AddNotificationsAdapter(
                sandbox.For("sms"),
                smtp =>
                {
                    smtp.Host = sink.Host;
                    smtp.Port = sink.Port;
                    smtp.Security = SecureSocketOptions.None;
                    smtp.FromAddress = "suap@comune.sanbenedettodeltronto.ap.it";
                    smtp.MessageIdDomain = "sys2.test";
                    smtp.AttemptTimeout = TimeSpan.FromSeconds(3);
                    smtp.MaxRetries = 2;
                    smtp.RetryDelay = TimeSpan.FromMilliseconds(20);
                    tuneSmtp?.Invoke(smtp);
                },
                Adapters.Fast);
            services.AddHttpClient(SmsHttpAdapter.System).AddHttpMessageHandler(() => counter);
        });
        return new NotificationsFixture(sandbox, adapter, counter);
    }

    public static JsonObject Applicant(string? email = "mario.rossi@pec.it", string? phone = "+39 0735 581234") => new()
    {
        ["fiscalCode"] = "RSSMRA45D25F205N",
        ["name"] = "Mario Rossi",
        ["email"] = email,
        ["phone"] = phone,
    };

    public static JsonObject Notice(JsonObject to, string subject = "Ricevuta SCIA prot. 0000123 del 2026-11-02", string? notes = null)
    {
        var input = new JsonObject { ["to"] = to, ["template"] = "scia-receipt", ["subject"] = subject };
        if (notes is not null) input["notes"] = notes;
        return input;
    }

    public Task<JsonObject> NotifyAsync(JsonObject input, string activity = NotificationsNotifyHandler.Applicant, int attempt = 1) =>
        Activities.InvokeAsync(Adapters.Call(activity, input, step: "receipt", attempt: attempt), CancellationToken.None);

    public async Task<JsonArray> MailTo(string address) =>
        (await Http.GetFromJsonAsync<JsonArray>(new Uri(Sandbox.For("mail"), $"messages?to={Uri.EscapeDataString(address)}")))!;

    public async Task<JsonArray> SmsTo(string number) =>
        (await Http.GetFromJsonAsync<JsonArray>(new Uri(Sandbox.For("sms"), $"messages?to={Uri.EscapeDataString(number)}")))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _adapter.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
