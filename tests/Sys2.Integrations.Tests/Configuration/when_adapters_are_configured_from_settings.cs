using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sys2.Integrations.Tests.Harness;
using Sys2.Workflows.Integrations.DigiP;
using Sys2.Workflows.Integrations.MPay;
using Sys2.Workflows.Integrations.Notifications;

namespace Sys2.Integrations.Tests.Configuration;

public sealed class when_adapters_are_configured_from_settings
{
    [Fact]
    public void the_sections_bind_and_the_dispatcher_routes_all_four_activities()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:MPay:BaseAddress"] = "https://mpay.example/gpd/",
            ["Integrations:MPay:Ibans:H769"] = "IT60X0542811101000000123456",
            ["Integrations:MPay:AttemptTimeout"] = "00:00:05",
            ["Integrations:DigiP:BaseAddress"] = "https://digip.example/",
            ["Integrations:Smtp:Host"] = "smtp.example",
            ["Integrations:Smtp:Security"] = "SslOnConnect",
            ["Integrations:Sms:BaseAddress"] = "https://sms.example/",
            ["Integrations:Sms:Sender"] = "COMUNE",
        }).Build();

        using var services = Adapters.Build(s =>
        {
            s.AddSingleton<IDocumentContent>(new InMemoryDocumentContent());
            s.AddMPayAdapter(settings.GetSection("Integrations:MPay"));
            s.AddDigiPAdapter(settings.GetSection("Integrations:DigiP"));
            s.AddNotificationsAdapter(settings.GetSection("Integrations:Smtp"), settings.GetSection("Integrations:Sms"));
        });

        var mpay = services.GetRequiredService<IOptions<MPayAdapterOptions>>().Value;
        mpay.BaseAddress.ShouldBe(new Uri("https://mpay.example/gpd/"));
        mpay.IbanFor("h769").ShouldBe("IT60X0542811101000000123456");
        mpay.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        services.GetRequiredService<IOptions<SmtpOptions>>().Value.Security.ShouldBe(SecureSocketOptions.SslOnConnect);
        services.GetRequiredService<IOptions<SmsAdapterOptions>>().Value.Sender.ShouldBe("COMUNE");
        services.Activities().ShouldBeOfType<Sys2.Workflows.Integrations.ActivityDispatcher>().Activities
            .ShouldBe(["mpay.request-payment", "digip.archive", "notify.applicant", "notify.supplier"], ignoreOrder: true);
    }
}
