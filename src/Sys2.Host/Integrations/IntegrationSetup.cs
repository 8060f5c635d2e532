using System.Security.Cryptography;
using MailKit.Security;
using Sys2.Host.Files;
using Sys2.Integrations.DigiP;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Notifications;
using Sys2.Integrations.Pec;
using Sys2.Integrations.ProcediMarche;
using Sys2.Integrations.Protocol;
using Sys2.Integrations.SdI;
using Sys2.Integrations.SigmaTer;
using Sys2.Sandbox.IntermediaMarche;
using Sys2.Sandbox;
using Sys2.Sandbox.MPay;
using Sys2.Sandbox.Notifications;
using Sys2.Sandbox.Pec;

namespace Sys2.Host.Integrations;

/// <summary>
/// Which regional systems the engine talks to. <c>Sys2:Integrations:Mode</c>:
/// <list type="bullet">
/// <item><c>sandbox</c> (the default in Development only): the simulators mounted under <c>/sandbox</c> in this host;</item>
/// <item><c>external</c> (the default elsewhere): each system at <c>Sys2:Integrations:{system}:BaseUrl</c>;</item>
/// <item><c>none</c>: no adapters (tests that script the systems themselves).</item>
/// </list>
/// </summary>
public static class IntegrationSetup
{
    public const string ModeKey = "Sys2:Integrations:Mode";

    public static bool SandboxMounted(IConfiguration configuration, IHostEnvironment environment) => Mode(configuration, environment) == "sandbox";

    public static void AddRegionalSystems(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var mode = Mode(configuration, environment);
        services.AddHealthChecks().AddCheck("integrations", new IntegrationsModeCheck(mode, environment.EnvironmentName), tags: ["ready"]);
        if (mode == "none") return;
        if (mode == "sandbox")
        {
            services.AddSandbox(configuration);
            services.AddTransient<SandboxLoopback>();
            services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler<SandboxLoopback>());
        }

        Uri At(string system) => mode == "sandbox"
            ? new Uri($"http://{SandboxLoopback.Host}{SandboxSetup.Prefix}/{system}/")
            : configuration[$"Sys2:Integrations:{system}:BaseUrl"] is { } url
                ? new Uri(url.EndsWith('/') ? url : url + "/")
                : throw new InvalidOperationException($"{ModeKey} is 'external' but Sys2:Integrations:{system}:BaseUrl is not set");

        services.AddProcediMarcheAdapter(At("procedimarche"), o => configuration.GetSection("Sys2:Integrations:procedimarche").Bind(o));
        services.AddSigmaTerAdapter(At("sigmater"), o => configuration.GetSection("Sys2:Integrations:sigmater").Bind(o));
        services.AddProtocolAdapter(At("protocol"), o => configuration.GetSection("Sys2:Integrations:protocol").Bind(o));
        services.AddMPayAdapter(At("mpay"), o => configuration.GetSection("Sys2:Integrations:mpay").Bind(o));
        services.AddSingleton<IDocumentContent>(sp => sp.GetRequiredService<FileContents>());
        services.AddDigiPAdapter(At("digip"), o => configuration.GetSection("Sys2:Integrations:digip").Bind(o));
        services.AddNotificationsAdapter(At("sms"),
            smtp => configuration.GetSection("Sys2:Integrations:smtp").Bind(smtp),
            sms => configuration.GetSection("Sys2:Integrations:sms").Bind(sms));
        services.AddSdiAdapter(At("intermediamarche"), o => configuration.GetSection("Sys2:Integrations:intermediamarche").Bind(o));
        services.AddPecAdapter(pec => configuration.GetSection("Sys2:Integrations:pec").Bind(pec));
        services.Configure<MPayCallbackOptions>(configuration.GetSection("Sys2:Integrations:mpay"));
        services.Configure<PecCallbackOptions>(configuration.GetSection("Sys2:Integrations:pec"));
        if (mode == "sandbox")
        {
            // Receipts are signed: the simulator and this host share a secret made at start-up.
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            services.PostConfigure<MPayCallbackOptions>(o => o.CallbackSecret ??= secret);
            services.PostConfigure<MPaySandboxOptions>(o => o.CallbackSecret ??= secret);
            // Mail goes to the sandbox's SMTP sink, in clear. Its port is fixed here, before anything
            // starts: the email adapter reads its options once, possibly before the sink listens.
            var mail = configuration.GetSection(MailSandboxOptions.Section).Get<MailSandboxOptions>() ?? new MailSandboxOptions();
            var smtpPort = mail.SmtpPort > 0 ? mail.SmtpPort : FreeLoopbackPort();
            services.PostConfigure<MailSandboxOptions>(o => o.SmtpPort = smtpPort);
            services.AddOptions<SmtpOptions>().Configure(smtp =>
            {
                smtp.Host = mail.ListenAddress;
                smtp.Port = smtpPort;
                smtp.Security = SecureSocketOptions.None;
            });
            // IntermediaMarche delivers invoices and SdI's messages to this host, signed with a secret of its own.
            var sdiSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            services.PostConfigure<Sys2.Host.Invoices.IntermediaMarcheOptions>(o => o.CallbackSecret ??= sdiSecret);
            services.PostConfigure<IntermediaMarcheSandboxOptions>(o =>
            {
                o.CallbackSecret ??= sdiSecret;
                o.DeliveryUrl ??= new Uri($"http://{SandboxLoopback.Host}{Sys2.Host.Invoices.IntermediaMarcheEndpoints.FilesPath}");
                o.NotificationUrl ??= new Uri($"http://{SandboxLoopback.Host}{Sys2.Host.Invoices.IntermediaMarcheEndpoints.NotificationsPath}");
            });
            // The PEC provider: acts are submitted to its SMTP port (in clear, fixed here like the sink's), and its
            // ricevute di consegna come back to this host, signed with a secret of their own.
            var pecSandbox = configuration.GetSection(PecSandboxOptions.Section).Get<PecSandboxOptions>() ?? new PecSandboxOptions();
            var pecPort = pecSandbox.SmtpPort > 0 ? pecSandbox.SmtpPort : FreeLoopbackPort();
            var pecSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            services.PostConfigure<PecSandboxOptions>(o =>
            {
                o.SmtpPort = pecPort;
                o.CallbackSecret ??= pecSecret;
                o.CallbackUrl ??= new Uri($"http://{SandboxLoopback.Host}{PecReceiptEndpoint.Path}");
            });
            services.PostConfigure<PecCallbackOptions>(o => o.CallbackSecret ??= pecSecret);
            services.AddOptions<PecOptions>().Configure(pec =>
            {
                pec.Host = pecSandbox.ListenAddress;
                pec.Port = pecPort;
                pec.Security = SecureSocketOptions.None;
            });
            // MPay's receipts come back to this host, through the same loopback as the adapters.
            services.PostConfigure<MPaySandboxOptions>(o => o.CallbackUrl ??= new Uri($"http://{SandboxLoopback.Host}{PaymentReceiptEndpoint.Path}"));
        }
    }

    /// <summary>
    /// The sandbox is what <c>dotnet run</c> (Development) talks to. Anywhere else it runs only when
    /// asked for by name: a production host that lost its configuration must not start paying
    /// avvisi and sending PEC into a simulator, so it fails for want of the real systems' addresses.
    /// </summary>
    public static string Mode(IConfiguration configuration, IHostEnvironment environment)
    {
        var mode = (configuration[ModeKey] ?? (environment.IsDevelopment() ? "sandbox" : "external")).ToLowerInvariant();
        return mode is "sandbox" or "external" or "none"
            ? mode
            : throw new InvalidOperationException($"{ModeKey} is '{mode}': use sandbox, external or none");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try { return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }
}
