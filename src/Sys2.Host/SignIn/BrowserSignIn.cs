using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Sys2.Host.Access;
using Sys2.Host.SignIn.Embedded;

namespace Sys2.Host.SignIn;

/// <summary>
/// How a person's browser signs in to the pages: OpenID Connect (code flow with PKCE) against the
/// same authority the API trusts, then a session cookie (HttpOnly, SameSite=Lax) that the pages'
/// policy (<see cref="PagesPolicy"/>) reads. The API itself takes bearer tokens only, so a
/// cookie can never be replayed against it from another site; every form the pages post carries an
/// antiforgery token.
/// </summary>
public static class BrowserSignIn
{
    public const string CookieScheme = "Sys2.Web", OidcScheme = "oidc", PagesPolicy = "sys2-pages";
    public const string SignInPath = "/account/signin", SignOutPath = "/account/signout", WhoAmIPath = "/account/me";

    public static void AddBrowserSignIn(this IServiceCollection services, SignInOptions options, bool requireHttps)
    {
        services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "sys2.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.TimeProvider = TimeProvider.System;
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.Authority = options.Authority is { Length: > 0 } external ? external : options.Issuer;
                oidc.RequireHttpsMetadata = requireHttps;
                oidc.ClientId = options.WebClientId;
                oidc.ClientSecret = options.WebClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                // The code comes back on a top-level GET (PKCE protects it), so the correlation and
                // nonce cookies can be SameSite=Lax: a browser on plain http (Development) refuses the
                // SameSite=None cookies that form_post would need.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("profile");
                oidc.MapInboundClaims = false; // keep the authority's claim names: ClaimNames says which to read
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.TokenValidationParameters.NameClaimType = options.Claims.Name;
                oidc.TimeProvider = TimeProvider.System;
                // The memberships travel in the identity token; keep every claim it carries.
                oidc.ClaimActions.Clear();
            });
        services.AddAuthorizationBuilder().AddPolicy(PagesPolicy, policy =>
            policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        // A page that needs a session sends the browser to the authority, not to a 401.
        services.PostConfigure<CookieAuthenticationOptions>(CookieScheme, cookie => cookie.LoginPath = SignInPath);
    }

    public static void MapBrowserSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrls.IsLocal(returnUrl) ? returnUrl : WhoAmIPath }, [OidcScheme]))
            .ExcludeFromDescription();

        // Signing out changes something: a form post with its antiforgery token, never a link a page of another site could follow.
        app.MapPost(SignOutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieScheme);
            await http.SignOutAsync(EmbeddedProvider.LoginScheme);
            return Results.LocalRedirect("/");
        }).RequireAuthorization(PagesPolicy).AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context.HttpContext)
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or wrong",
                    detail: "a form that changes something must carry the token of the page that showed it")).ExcludeFromDescription();

        app.MapGet(WhoAmIPath, (HttpContext http, IAntiforgery antiforgery, IOptions<SignInOptions> options) =>
        {
            var caller = Caller.From(http.User, options.Value.Claims)!;
            var tokens = antiforgery.GetAndStoreTokens(http);
            string E(string? s) => WebUtility.HtmlEncode(s ?? "");
            var roles = string.Join("", caller.Memberships.Select(m => $"<li>{E(m.ToString())}</li>"));
            return Results.Content($"""
                <!doctype html>
                <html lang="it">
                <head><meta charset="utf-8"><title>Il mio profilo – Sys2</title></head>
                <body><main>
                  <h1>{E(caller.Name)}</h1>
                  <p>Identificativo: <span id="subject">{E(caller.Subject)}</span></p>
                  <h2>Ruoli</h2><ul id="memberships">{roles}</ul>
                  <form method="post" action="{SignOutPath}">
                    <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
                    <button type="submit">Esci</button>
                  </form>
                </main></body>
                </html>
                """, "text/html; charset=utf-8");
        }).RequireAuthorization(PagesPolicy).ExcludeFromDescription();
    }
}
