using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// The sandbox's controls (pay an avviso as a PSP, inject faults, read the mailbox) are an
/// operator's, signed in like anyone; an entity's mail and SMS only its own operators'. The
/// simulated systems' APIs the adapters call are not controls.
/// </summary>
/// <remarks>One host for the class: nothing a test does changes what another checks (each reads its own entity's mailbox, never its size).</remarks>
public sealed class when_the_sandbox_is_driven_without_a_role(SandboxHost<when_the_sandbox_is_driven_without_a_role> shared)
    : IClassFixture<SandboxHost<when_the_sandbox_is_driven_without_a_role>>, IDisposable
{
    private readonly CaseHost _host = shared.ForNextTest();
    private readonly HttpClient _anonymous = new();

    public void Dispose() => _anonymous.Dispose();

    [Fact]
    public async Task an_anonymous_caller_can_neither_pay_nor_inject_faults_nor_read_mail()
    {
        _anonymous.BaseAddress = _host.Address;

        (await _anonymous.PostAsync("/sandbox/mpay/avvisi/301000000000000017/pay", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _anonymous.PutAsJsonAsync("/sandbox/admin/faults/mpay", new { serverErrors = 1.0 })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _anonymous.DeleteAsync("/sandbox/admin/faults")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _anonymous.GetAsync("/sandbox/mail/messages?entity=H769")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _anonymous.GetAsync("/sandbox/sms/messages?entity=H769")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _anonymous.GetAsync("/sandbox/mpay/callbacks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_sandbox_outside_development_says_so_on_the_readiness_probe()
    {
        _anonymous.BaseAddress = _host.Address;

        // Ready once Wolverine's agents run (a few seconds after start); Degraded still answers 200.
        var answer = await Eventually.HoldsAsync(() => _anonymous.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, "the host to be ready");
        var ready = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        ready["status"]!.GetValue<string>().ShouldBe("Degraded");

        var integrations = ready["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "integrations")!;
        integrations["status"]!.GetValue<string>().ShouldBe("Degraded");
        integrations["description"]!.GetValue<string>().ShouldContain("SANDBOX");
    }

    [Fact]
    public async Task a_clerk_is_no_operator()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);

        (await clerk.PostAsync("/sandbox/mpay/avvisi/301000000000000017/pay", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.GetAsync("/sandbox/mail/messages?entity=H769")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_operator_reads_her_entitys_mail_and_not_another_ones()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        var inputs = Scia.Inputs();
        inputs["segnalazione"] = await clerk.UploadAsync("scia.pdf.p7m", "SCIA – esercizio di vicinato");
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.scia", inputs, Scia.Sportello);
        await new CaseDriver(_host).RunToEndAsync(opened.CaseId); // the applicant is mailed on the way

        var own = await _host.Operator.GetJsonAsync<JsonArray>("/sandbox/mail/messages?entity=H769");
        own.ShouldNotBeEmpty();
        own.ShouldAllBe(m => m!["entity"]!.GetValue<string>() == "H769");
        (await _host.Operator.GetAsync("/sandbox/mail/messages?entity=D542")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _host.Operator.GetAsync("/sandbox/mail/messages")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
