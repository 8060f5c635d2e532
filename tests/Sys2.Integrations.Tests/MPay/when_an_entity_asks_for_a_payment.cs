using Sys2.Integrations;
using Sys2.Integrations.MPay;
using Sys2.Sandbox.MPay;
using Sys2.Workflows.Formats.PagoPa;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.Tests.MPay;

public sealed class when_an_entity_asks_for_a_payment
{
    [Fact]
    public void the_sandbox_numbers_avvisi_as_pagopa_does_with_aux_3()
    {
        var notice = MPayLedger.NoticeFor("02", 12345);

        notice.Value.ShouldBe("302000000001234559");
        notice.Iuv.Value.ShouldBe("02000000001234559");
    }

    [Fact]
    public void the_segregation_code_is_the_one_given_to_the_intermediary_from_00_to_45_not_one_per_entity()
    {
        var codes = new SegregationCodes(EntityCatalogue.Load());
        var withAnOwnCode = new SegregationCodes(EntityCatalogue.Load(), byEntity: new Dictionary<string, string> { ["D542"] = "07" });

        codes.All.Count.ShouldBe(64);
        codes.All.Values.Distinct().ShouldBe([SegregationCodes.MPay]); // every entity gave MPay the same code
        withAnOwnCode.For("D542").ShouldBe("07");
        withAnOwnCode.For("H769").ShouldBe(SegregationCodes.MPay);
        Should.Throw<ArgumentException>(() => new SegregationCodes(EntityCatalogue.Load(), intermediary: "46"));
        Should.Throw<ArgumentException>(() => new SegregationCodes(EntityCatalogue.Load(), byEntity: new Dictionary<string, string> { ["H769"] = "4" }));
    }

    [Fact]
    public async Task two_entities_with_the_same_code_get_different_avvisi()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var first = NumeroAvviso.Parse((await mpay.RequestAsync())["noticeNumber"]!.GetValue<string>());
        var other = NumeroAvviso.Parse((await mpay.RequestAsync(caseId: "c-2026-0002", tenant: "D542"))["noticeNumber"]!.GetValue<string>());

        first.SegregationCode.ShouldBe(other.SegregationCode);
        first.Value.ShouldNotBe(other.Value);
    }

    [Fact]
    public async Task the_avviso_is_valid_and_carries_the_entitys_segregation_code()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var result = await mpay.RequestAsync();

        var notice = NumeroAvviso.Parse(result["noticeNumber"]!.GetValue<string>());
        notice.SegregationCode.ShouldBe(new SegregationCodes(EntityCatalogue.Load()).For("H769"));
        result["iuv"]!.GetValue<string>().ShouldBe(notice.Iuv.Value);
        result["iupd"]!.GetValue<string>().ShouldBe("SYS2-c-2026-0001-request-payment");
        result["amount"]!.GetValue<long>().ShouldBe(5000);
        result["status"]!.GetValue<string>().ShouldBe("VALID");
        DateOnly.Parse(result["dueDate"]!.GetValue<string>()).ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));
    }

    [Fact]
    public async Task the_answer_names_the_ente_creditore_by_its_codice_fiscale_as_a_payer_needs_it()
    {
        await using var mpay = await MPayFixture.StartAsync();

        // San Benedetto del Tronto (H769): CF 00360140446 in enti.csv; Fermo (D542) its own.
        (await mpay.RequestAsync())["creditorFiscalCode"]!.GetValue<string>().ShouldBe("00360140446");
        (await mpay.RequestAsync(caseId: "c-2026-0002", tenant: "D542"))["creditorFiscalCode"]!.GetValue<string>()
            .ShouldBe(EntityCatalogue.Load().ByTenantId("D542")!.CodiceFiscale!.Value.Value);
    }

    [Fact]
    public async Task the_same_idempotency_key_answers_the_same_position()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var first = await mpay.RequestAsync();
        var again = await mpay.RequestAsync();
        var otherCase = await mpay.RequestAsync(caseId: "c-2026-0002");

        again["noticeNumber"]!.GetValue<string>().ShouldBe(first["noticeNumber"]!.GetValue<string>());
        otherCase["noticeNumber"]!.GetValue<string>().ShouldNotBe(first["noticeNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_later_attempt_of_the_same_step_finds_the_position_the_first_made()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var first = await mpay.RequestAsync(attempt: 1);
        var second = await mpay.RequestAsync(attempt: 2);

        second["noticeNumber"]!.GetValue<string>().ShouldBe(first["noticeNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_payer_whose_fiscal_code_fails_its_check_is_refused_naming_the_field()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync(MPayFixture.Fee(fiscalCode: "RSSMRA45D25F205X")));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("payer.fiscalCode");
        mpay.Counter.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task a_company_pays_as_a_legal_person()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var result = await mpay.RequestAsync(MPayFixture.Fee(fiscalCode: "02123450443"));

        var position = await mpay.Http.GetStringAsync(new Uri(mpay.Sandbox.For("mpay"), $"organizations/H769/debtpositions/{result["iupd"]}"));
        position.ShouldContain("\"type\":\"G\"");
    }

    [Fact]
    public async Task a_description_longer_than_140_characters_is_shortened_not_refused()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var result = await mpay.RequestAsync(MPayFixture.Fee(description: new string('x', 200)));

        var position = await mpay.Port.GetDebtPositionAsync("H769", result["iupd"]!.GetValue<string>(), CancellationToken.None);
        position.Status.ShouldBe(DebtPositionStatus.Valid);
        var json = await mpay.Http.GetStringAsync(new Uri(mpay.Sandbox.For("mpay"), $"avvisi/{position.NoticeNumber}"));
        json.ShouldContain(new string('x', 139) + "…\"");
    }

    [Fact]
    public async Task an_unknown_entity_is_refused_as_not_transient()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync(tenant: "Z999"));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("404");
    }
}
