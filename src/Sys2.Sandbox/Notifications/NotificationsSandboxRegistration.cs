using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sys2.Sandbox.Notifications;

public static class NotificationsSandboxRegistration
{
    /// <summary>The SMS gateway's outbox, the mail inbox and the SMTP sink (a hosted service); options from <c>Sandbox:Mail</c>.</summary>
    public static IServiceCollection AddNotificationsSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailSandboxOptions>(configuration.GetSection(MailSandboxOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SmsInbox>();
        services.AddSingleton<MailInbox>();
        services.AddSingleton<SmtpSinkStore>();
        services.AddSingleton<SmtpSink>();
        services.AddHostedService(sp => sp.GetRequiredService<SmtpSink>());
        return services;
    }
}
