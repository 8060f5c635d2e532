using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// The embedded OpenID Connect provider, used as a client uses it: the authorization code flow with
/// PKCE through the login page for people, client credentials for a machine caller.
/// </summary>
/// <remarks>
/// One host for the class. The login throttle counts failures per name: only the test that locks a name out uses
/// that name (marco.galli), and no test fails five times with another.
/// </remarks>
public sealed class when_a_person_signs_in(when_a_person_signs_in.WithClients shared) : IClassFixture<when_a_person_signs_in.WithClients>, IDisposable
{
    private const string GatewaySecret = "gateway-secret-of-the-test";

    /// <summary>The host with a browser client and a machine client (the MPay gateway) registered.</summary>
    public sealed class WithClients : ClassHost<when_a_person_signs_in>
    {
        protected override void Configure(WebApplicationBuilder builder) => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sys2:SignIn:Clients:0:ClientId"] = SignInFlow.ClientId,
            ["Sys2:SignIn:Clients:0:RedirectUris:0"] = SignInFlow.RedirectUri,
            ["Sys2:SignIn:Clients:1:ClientId"] = "mpay-gateway",
            ["Sys2:SignIn:Clients:1:DisplayName"] = "Gateway MPay della Regione",
            ["Sys2:SignIn:Clients:1:ClientSecret"] = GatewaySecret,
            ["Sys2:SignIn:Clients:1:Memberships:0"] = "H769/operator",
        });
    }

    private readonly CaseHost _host = shared.ForNextTest();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task the_token_carries_the_subject_the_name_and_every_membership()
    {
        var token = await SignInFlow.AccessTokenAsync(_http, _host.Address, TestAccounts.FrancoVitali.UserName);

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        jwt.Issuer.ShouldBe(TestAccounts.Issuer);
        jwt.Audiences.ShouldContain("sys2-api");
        jwt.Subject.ShouldBe("franco.vitali");
        jwt.Claims.Single(c => c.Type == "name").Value.ShouldBe("Franco Vitali");
        jwt.Claims.Where(c => c.Type == "sys2_membership").Select(c => c.Value).ShouldBe(["H769/clerk/SUAP", "D542/clerk/SUAP"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_wrong_password_gets_the_login_page_again_and_no_code()
    {
        var flow = new SignInFlow(_http, _host.Address);

        (await flow.AuthorizeAsync("chiara.neri", "password-sbagliata")).ShouldBeNull();
        (await flow.AuthorizeAsync("nessuno.qui", TestAccount.Password)).ShouldBeNull();
    }

    [Fact]
    public async Task after_five_wrong_passwords_the_name_is_refused_even_with_the_right_one()
    {
        var flow = new SignInFlow(_http, _host.Address);
        for (var attempt = 1; attempt <= Sys2.Host.SignIn.Embedded.LoginThrottle.MaxFailures; attempt++)
            (await flow.AuthorizeAsync("marco.galli", $"tentativo-{attempt}")).ShouldBeNull();

        (await flow.AuthorizeAsync("marco.galli", TestAccount.Password)).ShouldBeNull();
        flow.LastLoginStatus.ShouldBe(HttpStatusCode.TooManyRequests);
        // Another name is not held back by her colleague's mistakes.
        (await SignInFlow.AccessTokenAsync(_http, _host.Address, "chiara.neri")).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task a_login_form_without_its_antiforgery_token_is_refused()
    {
        var answer = await _http.PostAsync(new Uri(_host.Address, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "chiara.neri", ["password"] = TestAccount.Password, ["returnUrl"] = "/",
        }));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Headers.Contains("Set-Cookie").ShouldBeFalse(); // no session was opened
    }

    [Fact]
    public async Task an_unregistered_redirect_address_gets_no_code()
    {
        var answer = await _http.GetAsync(new Uri(_host.Address,
            $"/connect/authorize?client_id={SignInFlow.ClientId}&redirect_uri={Uri.EscapeDataString("https://attacker.example/cb")}&response_type=code&scope=openid&code_challenge=abc&code_challenge_method=S256"));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("redirect_uri");
    }

    [Fact]
    public async Task a_machine_caller_uses_client_credentials_with_its_own_roles()
    {
        var granted = await SignInFlow.ClientCredentialsAsync(_http, _host.Address, "mpay-gateway", GatewaySecret);
        granted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = JsonNode.Parse(await granted.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();

        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Address, "/api/incidents?entity=H769"));
        request.Headers.Authorization = new("Bearer", token);
        (await _http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var elsewhere = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Address, "/api/incidents?entity=D542"));
        elsewhere.Headers.Authorization = new("Bearer", token);
        (await _http.SendAsync(elsewhere)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_wrong_client_secret_gets_no_token()
    {
        var refused = await SignInFlow.ClientCredentialsAsync(_http, _host.Address, "mpay-gateway", "indovinato");

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // RFC 6749 §5.2: invalid_client may answer 401
        (await refused.Content.ReadAsStringAsync()).ShouldContain("invalid_client");
    }
}
