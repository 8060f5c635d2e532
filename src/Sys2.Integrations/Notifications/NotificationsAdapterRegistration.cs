using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.Notifications;

public static class NotificationsAdapterRegistration
{
    /// <summary>
    /// SMS through the HTTP gateway at <paramref name="smsBaseAddress"/> (<see cref="ISmsPort"/>),
    /// email through SMTP (MailKit, <see cref="IEmailPort"/>), and the handler of
    /// <c>notify.applicant</c> and <c>notify.supplier</c>. SMTP stays on the options pattern so the
    /// host can point it at a sink that picks its port only when it starts.
    /// </summary>
    public static IServiceCollection AddNotificationsAdapter(
        this IServiceCollection services, Uri smsBaseAddress, Action<SmtpOptions> smtp, Action<SmsAdapterOptions>? sms = null)
    {
        services.AddHttpAdapter<ISmsPort, SmsHttpAdapter, NotificationsNotifyHandler, SmsAdapterOptions>(SmsHttpAdapter.System, smsBaseAddress, sms);
        services.AddOptions<SmtpOptions>().Configure(smtp);
        services.AddSingleton<IEmailPort, EmailSmtpAdapter>();
        return services;
    }
}
