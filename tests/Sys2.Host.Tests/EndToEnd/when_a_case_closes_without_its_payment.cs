using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Cases;
using Sys2.Host.Integrations;
using Sys2.Host.Operations;
using Sys2.Host.Tests.Harness;
using Sys2.PrivatePostgres;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// A SCIA issues its avviso pagoPA, then the applicant withdraws it (the shortest way for a case to close without its
/// payment). Reconciliation closes the debt position in the sandbox's MPay, so the avviso of a case that is over cannot be
/// paid. When the payer paid just as the case closed (MPay's callback lost), the position is found PAID instead: the
/// payment is kept as an <see cref="UnmatchedPayment"/>, which the entity's operator finds in the API and on her page and
/// marks handled with a note.
/// </summary>
/// <remarks>
/// One host for the class against the simulators; each test files its own case. Reconciliation is driven by calling its
/// round (<see cref="PaymentReconciliation.RoundAsync"/>): its own loop waits ten minutes of real time before the first.
/// </remarks>
public sealed class when_a_case_closes_without_its_payment(when_a_case_closes_without_its_payment.Sandbox shared)
    : IClassFixture<when_a_case_closes_without_its_payment.Sandbox>, IDisposable
{
    /// <summary>
    /// The simulators, MPay's callback pointed where nothing listens (a payment reaches the host only by reconciliation),
    /// and a fixed address the embedded provider is the issuer at, so a browser session signs in to the operator's pages.
    /// </summary>
    public sealed class Sandbox : SandboxHost<when_a_case_closes_without_its_payment>
    {
        public Uri Address { get; } = new($"http://127.0.0.1:{FreeTcpPort.Pick()}/");

        protected override void Configure(WebApplicationBuilder builder)
        {
            builder.WebHost.UseUrls(Address.ToString().TrimEnd('/'));
            builder.Configuration["Sys2:SignIn:Issuer"] = Address.ToString();
            builder.Configuration["Sandbox:MPay:CallbackUrl"] = "http://127.0.0.1:9/api/integrations/mpay/receipts";
        }
    }

    private readonly CaseHost _host = shared.ForNextTest();
    private readonly HttpClient _browser = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task the_debt_position_is_closed_and_the_avviso_can_no_longer_be_paid()
    {
        var avviso = await _host.SciaAwaitingPaymentAsync();
        await WithdrawAsync(avviso.CaseId);

        await Reconciliation.RoundAsync(CancellationToken.None);

        var position = await _host.Operator.GetJsonAsync<JsonObject>($"/sandbox/mpay/avvisi/{avviso.NoticeNumber}");
        position["status"]!.GetValue<string>().ShouldBe("INVALID");
        var paid = await _host.Operator.PostAsync($"/sandbox/mpay/avvisi/{avviso.NoticeNumber}/pay", null);
        paid.StatusCode.ShouldBe(HttpStatusCode.Conflict, await paid.Content.ReadAsStringAsync());
        (await UnmatchedPayments.OfAsync(_host.Store, "H769")).ShouldNotContain(p => p.CaseId == avviso.CaseId);
    }

    [Fact]
    public async Task a_payment_made_as_the_case_closed_is_kept_and_an_operator_handles_it_over_the_api()
    {
        var (avviso, receiptId) = await PaidAsTheCaseClosedAsync();

        var kept = (await UnmatchedPayments.OfAsync(_host.Store, "H769")).Single(p => p.CaseId == avviso.CaseId);
        kept.Id.ShouldBe(receiptId);
        kept.NoticeNumber.ShouldBe(avviso.NoticeNumber);
        kept.Iuv.ShouldBe(avviso.NoticeNumber[1..]);
        kept.Amount.ShouldBe(avviso.Amount);
        kept.Source.ShouldBe("reconciliation");
        kept.Reason.ShouldContain("closed (withdrawn)");
        kept.Handled.ShouldBeNull();
        (await _host.Services.GetRequiredService<CaseWorkload>().RefreshAsync()).UnmatchedPaymentsOpen.ShouldBeGreaterThanOrEqualTo(1);

        // The entity's operator sees it; a clerk of the entity may not, a person of another entity learns nothing.
        var open = await _host.Operator.GetJsonAsync<JsonArray>("/api/payments/unmatched");
        var listed = open.Single(p => p!["id"]!.GetValue<string>() == receiptId)!;
        listed["caseId"]!.GetValue<string>().ShouldBe(avviso.CaseId);
        listed["tenant"]!.GetValue<string>().ShouldBe("H769");
        using (var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri))
            (await clerk.GetAsync("/api/payments/unmatched")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var other = new ClerkClient(_host.Address, TestAccounts.AnnaConti))
            (await other.GetAsync("/api/payments/unmatched?entity=H769")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Handled: a note is required; then who and when are recorded, and a second handling does not rewrite the first.
        var handle = $"/api/payments/unmatched/{receiptId}/handle";
        (await _host.Operator.PostAsync(handle, new { note = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var handled = await _host.Operator.PostAsync(handle, new { note = "rimborso chiesto al tesoriere" });
        handled.StatusCode.ShouldBe(HttpStatusCode.OK, await handled.Content.ReadAsStringAsync());
        var record = (await handled.Content.ReadFromJsonAsync<JsonObject>())!["handled"]!;
        record["by"]!.GetValue<string>().ShouldBe("luca.moretti");
        record["note"]!.GetValue<string>().ShouldBe("rimborso chiesto al tesoriere");
        (await _host.Operator.PostAsync(handle, new { note = "altro" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _host.Operator.PostAsync("/api/payments/unmatched/no-such-receipt/handle", new { note = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await _host.Operator.GetJsonAsync<JsonArray>("/api/payments/unmatched")).ShouldNotContain(p => p!["id"]!.GetValue<string>() == receiptId);
        (await _host.Operator.GetJsonAsync<JsonArray>("/api/payments/unmatched?open=false")).ShouldContain(p => p!["id"]!.GetValue<string>() == receiptId);

        // The same payment reported again (another host's reconciliation, a restart) does not reopen it.
        await UnmatchedPayments.RecordAsync(_host.Store, new Sys2.Integrations.MPay.PaymentReceipt("H769", kept.Iupd,
                Sys2.Workflows.Formats.PagoPa.Iuv.Parse(kept.Iuv), Sys2.Workflows.Formats.PagoPa.NumeroAvviso.Parse(kept.NoticeNumber), kept.Amount,
                kept.PaidAt, receiptId, new Dictionary<string, string> { ["caseId"] = avviso.CaseId }),
            "reported again", "reconciliation", _host.Clock.GetUtcNow(), CancellationToken.None);
        var again = (await UnmatchedPayments.OfAsync(_host.Store, "H769")).Single(p => p.Id == receiptId);
        again.Handled.ShouldNotBeNull().Note.ShouldBe("rimborso chiesto al tesoriere");
        again.RecordedAt.ShouldBe(kept.RecordedAt);
    }

    [Fact]
    public async Task the_operator_finds_it_on_her_page_and_marks_it_handled_with_a_note()
    {
        var (avviso, receiptId) = await PaidAsTheCaseClosedAsync();
        var session = new BrowserSession(_browser, shared.Address);
        await SignInAsync(session, TestAccounts.LucaMoretti.UserName);

        var incidents = await (await session.SendAsync(HttpMethod.Get, "/operatore")).Content.ReadAsStringAsync();
        incidents.ShouldContain("id=\"pagamenti-non-abbinati\"");

        var page = await session.SendAsync(HttpMethod.Get, "/operatore/pagamenti");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain(avviso.NoticeNumber);
        html.ShouldContain(receiptId);
        html.ShouldContain($"href=\"/pratiche/{avviso.CaseId}\"");
        html.ShouldContain("closed (withdrawn)");

        var form = new Dictionary<string, string> { ["pagamento"] = receiptId, ["entePagamento"] = "H769", ["nota"] = "versamento riattribuito alla pratica nuova" };
        // A post without the page's antiforgery token is refused and changes nothing.
        (await session.SendAsync(HttpMethod.Post, "/operatore/pagamenti?handler=gestito", new FormUrlEncodedContent(form))).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
        (await UnmatchedPayments.OfAsync(_host.Store, "H769")).Single(p => p.Id == receiptId).Handled.ShouldBeNull();

        form["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken");
        var posted = await session.SendAsync(HttpMethod.Post, "/operatore/pagamenti?handler=gestito", new FormUrlEncodedContent(form));
        var answer = await posted.Content.ReadAsStringAsync();
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, answer);
        answer.ShouldContain("segnato come gestito");
        answer.ShouldNotContain(receiptId); // no longer among the open ones

        var all = await (await session.SendAsync(HttpMethod.Get, "/operatore/pagamenti?stato=tutti")).Content.ReadAsStringAsync();
        all.ShouldContain("Gestito da Luca Moretti");
        all.ShouldContain("versamento riattribuito alla pratica nuova");
        var handled = (await UnmatchedPayments.OfAsync(_host.Store, "H769")).Single(p => p.Id == receiptId).Handled.ShouldNotBeNull();
        handled.By.ShouldBe("luca.moretti");
        handled.At.ShouldBe(_host.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
    }

    private PaymentReconciliation Reconciliation => _host.Services.GetRequiredService<PaymentReconciliation>();

    /// <summary>The payer pays the avviso (MPay's callback goes nowhere), the applicant withdraws the case, reconciliation runs.</summary>
    private async Task<(AwaitedAvviso Avviso, string ReceiptId)> PaidAsTheCaseClosedAsync()
    {
        var avviso = await _host.SciaAwaitingPaymentAsync();
        await _host.PayAsync(avviso.NoticeNumber);
        await WithdrawAsync(avviso.CaseId);
        (await _host.EventsOf(avviso.CaseId)).OfType<ExternalEventReceived>().ShouldBeEmpty(); // the case never saw the payment

        await Reconciliation.RoundAsync(CancellationToken.None);

        var position = await _host.Operator.GetJsonAsync<JsonObject>($"/sandbox/mpay/avvisi/{avviso.NoticeNumber}");
        position["status"]!.GetValue<string>().ShouldBe("PAID");
        return (avviso, position["paymentOption"]![0]!["idReceipt"]!.GetValue<string>());
    }

    private async Task WithdrawAsync(string caseId)
    {
        var version = (await _host.EventsOf(caseId)).Count;
        var withdrawn = await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, version,
            new WithdrawCase("rinuncia del segnalante", Scia.Sportello), Scia.Sportello));
        withdrawn.Status.ShouldBe(CommandStatus.Accepted, withdrawn.Error);
        (await _host.EventsOf(caseId)).OfType<CaseClosed>().ShouldHaveSingleItem().Outcome.ShouldBe("withdrawn");
    }

    /// <summary>Signs in through the embedded provider's login page, as <c>when_a_browser_signs_in</c> does.</summary>
    private static async Task SignInAsync(BrowserSession session, string userName)
    {
        var loginPage = await FollowAsync(session, await session.SendAsync(HttpMethod.Get, "/account/signin?returnUrl=/account/me"));
        var html = await loginPage.Content.ReadAsStringAsync();
        var signedIn = await session.SendAsync(HttpMethod.Post, "/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(Field(html, "returnUrl")),
            ["userName"] = userName,
            ["password"] = TestAccount.Password,
        }));
        (await FollowAsync(session, signedIn)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> FollowAsync(BrowserSession session, HttpResponseMessage response)
    {
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops < 10; hops++)
            response = await session.SendAsync(HttpMethod.Get, response.Headers.Location!.ToString());
        return response;
    }

    // The login page writes its fields by hand; a form tag helper puts type="hidden" between name and value.
    private static string Field(string html, string name)
    {
        var value = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"(?: type=\"hidden\")? value=\"([^\"]*)\"").Groups[1].Value;
        value.ShouldNotBeEmpty($"the page's {name}");
        return value;
    }
}
