using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Workflows.Integrations.Http.Adapters;

namespace Sys2.Workflows.Integrations.Notifications;

public static class NotificationsAdapterRegistration
{
    /// <summary>
    /// Email through SMTP (MailKit, <see cref="IEmailPort"/>), SMS through the HTTP gateway
    /// (<see cref="ISmsPort"/>, retry, timeouts, circuit breaker), and the handler of
    /// <c>notify.applicant</c> and <c>notify.supplier</c>.
    /// </summary>
    public static IServiceCollection AddNotificationsAdapter(
        this IServiceCollection services, Action<SmtpOptions> smtp, Action<SmsAdapterOptions> sms)
    {
        services.AddOptions<SmtpOptions>().Configure(smtp);
        services.AddOptions<SmsAdapterOptions>().Configure(sms);
        services.AddSingleton<IEmailPort, SmtpEmailPort>();
        services.AddAdapterHttpClient<ISmsPort, HttpSmsPort, SmsAdapterOptions>(HttpSmsPort.System);
        services.AddTransient<IActivityHandler, NotifyHandler>();
        return services;
    }

    /// <summary>As above, bound from two configuration sections (e.g. <c>Integrations:Smtp</c> and <c>Integrations:Sms</c>).</summary>
    public static IServiceCollection AddNotificationsAdapter(this IServiceCollection services, IConfiguration smtp, IConfiguration sms) =>
        services.AddNotificationsAdapter(options => smtp.Bind(options), options => sms.Bind(options));
}
