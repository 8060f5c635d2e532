using Sys2.Integrations;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;

namespace Sys2.Integrations.Tests.DigiP;

public sealed class when_digip_misbehaves
{
    [Fact]
    public async Task server_errors_are_retried_and_then_reported_as_transient()
    {
        await using var digip = await DigiPFixture.StartAsync();
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);
        digip.Sandbox.Faults.Set("digip", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(DigiPFixture.Archive(sha)));

        failure.Transient.ShouldBeTrue();
        digip.Counter.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task a_hub_that_does_not_answer_in_time_is_a_transient_failure()
    {
        await using var digip = await DigiPFixture.StartAsync(tune: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
        });
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);
        digip.Sandbox.Faults.Set("digip", new FaultSettings { Timeouts = 1, TimeoutDelay = TimeSpan.FromSeconds(5) });

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(DigiPFixture.Archive(sha)));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("no answer within");
    }

    [Fact]
    public async Task a_rapporto_about_another_sip_is_malformed_and_names_the_field()
    {
        var counter = new AttemptCounter(tamper: json => json["sipDigest"] = new string('0', 64));
        await using var digip = await DigiPFixture.StartAsync(counter);
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(DigiPFixture.Archive(sha)));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("field 'sipDigest'");
        failure.Message.ShouldContain("not the digest of the SIP sent");
    }

    [Fact]
    public async Task a_rapporto_without_an_id_is_malformed_and_names_the_field()
    {
        var counter = new AttemptCounter(tamper: json => json.Remove("id"));
        await using var digip = await DigiPFixture.StartAsync(counter);
        var sha = digip.Documents.Add("H769", DigiPFixture.Segnalazione);

        var failure = await Should.ThrowAsync<IntegrationException>(() => digip.ArchiveAsync(DigiPFixture.Archive(sha)));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("field 'id' is missing");
    }
}
