using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Gets a token the way a client does: the authorization code flow with PKCE against the host's
/// embedded provider, through its real login page (antiforgery token and all), then the code
/// exchanged at the token endpoint, with the cookies a browser would carry (<see cref="BrowserSession"/>).
/// </summary>
public sealed partial class SignInFlow(HttpMessageInvoker http, Uri address)
{
    public const string ClientId = "sys2-cli", RedirectUri = "http://127.0.0.1/callback";

    private readonly BrowserSession _browser = new(http, address);

    /// <summary>What the login page answered to the last form posted (302 signed in, 400 refused, 429 held back).</summary>
    public HttpStatusCode? LastLoginStatus { get; private set; }

    public static async Task<string> AccessTokenAsync(HttpMessageInvoker http, Uri address, string userName, string password = TestAccount.Password)
    {
        var flow = new SignInFlow(http, address);
        var code = await flow.AuthorizeAsync(userName, password)
            ?? throw new InvalidOperationException($"{userName} could not sign in: the login page refused the password");
        return await flow.RedeemAsync(code.Code, code.Verifier);
    }

    /// <summary>The code the provider hands back after the login page; null when the login page refused.</summary>
    public async Task<(string Code, string Verifier)?> AuthorizeAsync(string userName, string password)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/connect/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&response_type=code" +
                        $"&scope=openid%20profile&state=s{Guid.NewGuid():N}&code_challenge={challenge}&code_challenge_method=S256";

        var toLogin = await SendAsync(HttpMethod.Get, authorize);
        toLogin.StatusCode.ShouldBe(HttpStatusCode.Redirect, await toLogin.Content.ReadAsStringAsync());
        var loginPage = await SendAsync(HttpMethod.Get, toLogin.Headers.Location!.ToString());
        var html = await loginPage.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value,
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(html).Groups[1].Value),
            ["userName"] = userName,
            ["password"] = password,
        };
        var loggedIn = await SendAsync(HttpMethod.Post, "/account/login", new FormUrlEncodedContent(form));
        LastLoginStatus = loggedIn.StatusCode;
        if (loggedIn.StatusCode != HttpStatusCode.Redirect) return null;

        var back = await SendAsync(HttpMethod.Get, loggedIn.Headers.Location!.ToString());
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        var callback = back.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"].ShouldNotBeNull();
        return (code, verifier);
    }

    public async Task<string> RedeemAsync(string code, string verifier)
    {
        var response = await SendAsync(HttpMethod.Post, "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId, ["code_verifier"] = verifier,
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    /// <summary>A machine caller's token: client credentials.</summary>
    public static async Task<HttpResponseMessage> ClientCredentialsAsync(HttpMessageInvoker http, Uri address, string clientId, string secret) =>
        await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
            }),
        }, CancellationToken.None);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null) =>
        _browser.SendAsync(method, pathAndQuery, content);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
