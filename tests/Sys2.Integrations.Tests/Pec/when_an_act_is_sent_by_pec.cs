using System.Text;
using System.Text.Json.Nodes;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Pec;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Formats;

namespace Sys2.Integrations.Tests.Pec;

public sealed class when_an_act_is_sent_by_pec
{
    [Fact]
    public async Task the_provider_accepts_it_with_the_act_attached_and_certifies_the_consegna()
    {
        await using var pec = await PecFixture.StartAsync();

        var result = await pec.SendAsync(PecFixture.Preavviso(PecFixture.Applicant()));

        result["channel"]!.GetValue<string>().ShouldBe("pec");
        result["to"]!.GetValue<string>().ShouldBe("mario.rossi@pec.it");
        var messageId = result["messageId"]!.GetValue<string>();
        messageId.ShouldStartWith("opec");
        DateTimeOffset.Parse(result["acceptedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        var document = result["document"]!.AsObject();
        document["name"]!.GetValue<string>().ShouldBe("atto-prot-0000060.txt");
        var act = (await pec.Documents.FindAsync("H769", document["sha256"]!.GetValue<string>(), CancellationToken.None)).ShouldNotBeNull();
        Encoding.UTF8.GetString(act).ShouldContain("Destinazione d'uso non compatibile con il PRG");
        var accepted = pec.Provider.To("mario.rossi@pec.it").ShouldHaveSingleItem();
        accepted.ProviderMessageId.ShouldBe(messageId);
        accepted.Attachments.ShouldHaveSingleItem().ShouldBe($"atto-prot-0000060.txt sha256:{document["sha256"]!.GetValue<string>()}");

        var callback = (await pec.Receiver.NextAsync(1)).Single();
        var body = Encoding.UTF8.GetBytes(callback.Body);
        CallbackSignature.Matches(PecFixture.Secret, body, callback.Signature).ShouldBeTrue();
        PecReceipt.TryParse(body, out var receipt, out var problems).ShouldBeTrue(string.Join("; ", problems));
        receipt.Type.ShouldBe(PecReceipt.Delivered);
        receipt.MessageId.ShouldBe(messageId);
        receipt.Tenant.ShouldBe("H769");
        receipt.CaseId.ShouldBe("SUAP-H769-2026-0000042");
        var daticert = PecReceipt.DaticertBytes(receipt).ShouldNotBeNull();
        var xml = Encoding.UTF8.GetString(daticert);
        xml.ShouldContain("tipo=\"avvenuta-consegna\"");
        xml.ShouldContain("<consegna>mario.rossi@pec.it</consegna>");
        var payload = receipt.ToEventPayload(daticert);
        payload["delivered"]!.GetValue<bool>().ShouldBeTrue();
        // What a wait's match compares with the message id pec.send answered: a receipt names the message it certifies.
        payload["messageId"]!.GetValue<string>().ShouldBe(messageId);
        payload["channel"]!.GetValue<string>().ShouldBe("pec");
        payload["receivedAt"].ShouldNotBeNull();
        payload["document"]!["sha256"]!.GetValue<string>().ShouldBe(Sha256Hex.Of(daticert));
    }

    [Fact]
    public async Task a_redelivered_call_is_accepted_once_with_the_same_accettazione()
    {
        await using var pec = await PecFixture.StartAsync();
        var input = PecFixture.Preavviso(PecFixture.Applicant());

        var first = await pec.SendAsync(input);
        var again = await pec.SendAsync(input, attempt: 2);

        again["messageId"]!.GetValue<string>().ShouldBe(first["messageId"]!.GetValue<string>());
        again["acceptedAt"]!.GetValue<string>().ShouldBe(first["acceptedAt"]!.GetValue<string>());
        pec.Provider.To("mario.rossi@pec.it").Count.ShouldBe(1);
        await pec.Receiver.NextAsync(1);
        (await pec.Receiver.ExtraWithinAsync(TimeSpan.FromMilliseconds(500))).ShouldBe(0);
    }

    [Fact]
    public async Task an_undeliverable_mailbox_gets_a_ricevuta_di_mancata_consegna()
    {
        await using var pec = await PecFixture.StartAsync();

        var result = await pec.SendAsync(PecFixture.Preavviso(PecFixture.Applicant("casella.piena@pec.sandbox.invalid")));

        var callback = (await pec.Receiver.NextAsync(1)).Single();
        PecReceipt.TryParse(Encoding.UTF8.GetBytes(callback.Body), out var receipt, out _).ShouldBeTrue();
        receipt.Type.ShouldBe(PecReceipt.NotDelivered);
        receipt.MessageId.ShouldBe(result["messageId"]!.GetValue<string>());
        Encoding.UTF8.GetString(PecReceipt.DaticertBytes(receipt)!).ShouldContain("errore=\"no-dest\"");
        var payload = receipt.ToEventPayload(PecReceipt.DaticertBytes(receipt)!);
        payload["delivered"]!.GetValue<bool>().ShouldBeFalse();
        payload["messageId"]!.GetValue<string>().ShouldBe(result["messageId"]!.GetValue<string>());
        payload["receivedAt"].ShouldBeNull();
        payload["error"]!.GetValue<string>().ShouldContain("non consegnato");
    }

    [Fact]
    public async Task injected_delivery_failures_are_ricevute_di_mancata_consegna()
    {
        await using var pec = await PecFixture.StartAsync(undeliveredShare: 1);

        await pec.SendAsync(PecFixture.Preavviso(PecFixture.Applicant()));

        var callback = (await pec.Receiver.NextAsync(1)).Single();
        PecReceipt.TryParse(Encoding.UTF8.GetBytes(callback.Body), out var receipt, out _).ShouldBeTrue();
        receipt.IsDelivered.ShouldBeFalse();
    }

    [Fact]
    public async Task a_party_without_a_domicilio_digitale_is_a_permanent_failure()
    {
        await using var pec = await PecFixture.StartAsync();

        var failure = await Should.ThrowAsync<IntegrationException>(() => pec.SendAsync(PecFixture.Preavviso(PecFixture.Applicant(pec: null))));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("to.pec");
        failure.Message.ShouldContain("domicilio digitale");
        pec.Provider.To(null).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_provider_that_is_down_is_a_transient_failure()
    {
        await using var pec = await PecFixture.StartAsync();
        pec.Sandbox.Faults.Set("pec", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() => pec.SendAsync(PecFixture.Preavviso(PecFixture.Applicant())));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("451");
        pec.Provider.To(null).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_act_the_case_holds_is_attached_when_it_hashes_to_its_digest()
    {
        await using var pec = await PecFixture.StartAsync();
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.7 preavviso firmato");
        var sha = pec.Documents.Add("H769", bytes);
        var input = PecFixture.Preavviso(PecFixture.Applicant());
        input["document"] = new JsonObject { ["name"] = "preavviso.pdf", ["sha256"] = sha, ["mediaType"] = "application/pdf" };

        var result = await pec.SendAsync(input);

        result["document"]!["name"]!.GetValue<string>().ShouldBe("preavviso.pdf");
        result["document"]!["sha256"]!.GetValue<string>().ShouldBe(sha);
        pec.Provider.To("mario.rossi@pec.it").Single().Attachments.Single().ShouldBe($"preavviso.pdf sha256:{sha}");
    }
}
