using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sys2.Integrations.DigiP;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Notifications;
using Sys2.Integrations.Tests.Harness;

namespace Sys2.Integrations.Tests.Configuration;

public sealed class when_adapters_are_configured_from_settings
{
    [Fact]
    public void the_sections_bind_and_the_dispatcher_routes_all_four_activities()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:MPay:Ibans:H769"] = "IT60X0542811101000000123456",
            ["Integrations:MPay:AttemptTimeout"] = "00:00:05",
            ["Integrations:Smtp:Host"] = "smtp.example",
            ["Integrations:Smtp:Security"] = "SslOnConnect",
            ["Integrations:Sms:Sender"] = "COMUNE",
        }).Build();

        using var services = Adapters.Build(s =>
        {
            s.AddSingleton<IDocumentContent>(new InMemoryDocumentContent());
            s.AddMPayAdapter(new Uri("https://mpay.example/gpd"), o => settings.GetSection("Integrations:MPay").Bind(o));
            s.AddDigiPAdapter(new Uri("https://digip.example/"), o => settings.GetSection("Integrations:DigiP").Bind(o));
            s.AddNotificationsAdapter(
                new Uri("https://sms.example/"), o => settings.GetSection("Integrations:Smtp").Bind(o), o => settings.GetSection("Integrations:Sms").Bind(o));
        });

        var mpay = services.GetRequiredService<IOptions<MPayAdapterOptions>>().Value;
        mpay.IbanFor("h769").ShouldBe("IT60X0542811101000000123456");
        mpay.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        services.GetRequiredService<IHttpClientFactory>().CreateClient(MPayHttpAdapter.System).BaseAddress.ShouldBe(new Uri("https://mpay.example/gpd/"));
        services.GetRequiredService<IOptions<SmtpOptions>>().Value.Security.ShouldBe(SecureSocketOptions.SslOnConnect);
        services.GetRequiredService<IOptions<SmsAdapterOptions>>().Value.Sender.ShouldBe("COMUNE");
        services.Activities().ShouldBeOfType<Sys2.Integrations.ActivityDispatcher>().Activities
            .ShouldBe(["mpay.request-payment", "digip.archive", "notify.applicant", "notify.supplier"], ignoreOrder: true);
    }
}
