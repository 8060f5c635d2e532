using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Sys2.PrivatePostgres;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// A person's browser: to the sign-in, through the provider's login page, back with a code that the
/// host redeems itself (OpenID Connect, PKCE), and a session cookie from then on. The API does not
/// take that cookie: it takes bearer tokens only. Signing out is a form post with its antiforgery token.
/// </summary>
/// <remarks>One host for the class; each test is a browser of its own, with its own cookies.</remarks>
public sealed partial class when_a_browser_signs_in : IClassFixture<when_a_browser_signs_in.AtAKnownAddress>, IDisposable
{
    /// <summary>
    /// The provider's issuer is the address the browser reaches it at, so the host's own
    /// OpenID Connect client finds its metadata there: a fixed port, known before the start.
    /// </summary>
    public sealed class AtAKnownAddress : ClassHost<when_a_browser_signs_in>
    {
        public Uri Address { get; } = new($"http://127.0.0.1:{FreeTcpPort.Pick()}/");

        protected override void Configure(WebApplicationBuilder builder)
        {
            builder.WebHost.UseUrls(Address.ToString().TrimEnd('/'));
            builder.Configuration["Sys2:SignIn:Issuer"] = Address.ToString();
        }
    }

    private readonly HttpClient _browser = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly BrowserSession _session;

    public when_a_browser_signs_in(AtAKnownAddress shared)
    {
        shared.ForNextTest();
        _session = new BrowserSession(_browser, shared.Address);
    }

    public void Dispose() => _browser.Dispose();

    private Task<HttpResponseMessage> Browse(HttpMethod method, string url, HttpContent? content = null) => _session.SendAsync(method, url, content);

    /// <summary>Follows redirects as a browser does, until a page answers.</summary>
    private async Task<HttpResponseMessage> Follow(HttpResponseMessage response)
    {
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops < 10; hops++)
            response = await Browse(HttpMethod.Get, response.Headers.Location!.ToString());
        return response;
    }

    private async Task<string> SignInAsync(string userName)
    {
        var loginPage = await Follow(await Browse(HttpMethod.Get, "/account/signin?returnUrl=/account/me"));
        var html = await loginPage.Content.ReadAsStringAsync();
        loginPage.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/account/login", html);
        var signedIn = await Browse(HttpMethod.Post, "/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(Field(html, "returnUrl")),
            ["userName"] = userName,
            ["password"] = TestAccount.Password,
        }));
        var me = await Follow(signedIn);
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        me.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/account/me");
        return await me.Content.ReadAsStringAsync();
    }

    private static string Field(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    [Fact]
    public async Task the_session_says_who_she_is_and_what_she_may_do()
    {
        var me = await SignInAsync(TestAccounts.FrancoVitali.UserName);

        me.ShouldContain("<h1>Franco Vitali</h1>");
        me.ShouldContain("H769/clerk/SUAP");
        me.ShouldContain("D542/clerk/SUAP");
        _session.Cookies.ShouldContainKey("sys2.session");
    }

    [Fact]
    public async Task the_api_does_not_take_the_session_cookie()
    {
        await SignInAsync(TestAccounts.ChiaraNeri.UserName);

        (await Browse(HttpMethod.Get, "/api/inbox")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_page_without_a_session_sends_the_browser_to_sign_in()
    {
        var answer = await Browse(HttpMethod.Get, "/account/me");

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldContain("/account/signin");
    }

    [Fact]
    public async Task signing_out_needs_the_pages_antiforgery_token()
    {
        var me = await SignInAsync(TestAccounts.ChiaraNeri.UserName);

        (await Browse(HttpMethod.Post, "/account/signout", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Browse(HttpMethod.Get, "/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK); // still signed in

        var signedOut = await Browse(HttpMethod.Post, "/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(me, "__RequestVerificationToken"),
        }));
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Browse(HttpMethod.Get, "/account/me")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
