using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// The embedded provider's login page, in Italian: user name and password, with an antiforgery
/// token (ASP.NET Core checks it on every form post). A wrong password and an unknown user get the
/// same answer. Success signs the person in to the provider only; the client gets its token
/// through the authorization code flow it started.
/// </summary>
public static class LoginPage
{
    public sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);

    public static void MapLoginPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(EmbeddedProvider.LoginPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, returnUrl, error: null)).ExcludeFromDescription();

        app.MapPost(EmbeddedProvider.LoginPath, async (HttpContext http, IAntiforgery antiforgery, LocalAccounts accounts, LoginThrottle throttle,
            [FromForm] LoginForm form, CancellationToken ct) =>
        {
            var userName = form.UserName ?? "";
            if (throttle.Locked(userName) is { } wait)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Page(http, antiforgery, form.ReturnUrl,
                    $"Troppi tentativi non riusciti: riprova tra {(int)Math.Ceiling(wait.TotalMinutes)} minuti.", StatusCodes.Status429TooManyRequests);
            }
            var account = userName.Length > 0 && form.Password is { Length: > 0 }
                ? await accounts.SignInAsync(userName, form.Password, ct)
                : null;
            if (account is null)
            {
                if (userName.Length > 0) throttle.Failed(userName);
                return Page(http, antiforgery, form.ReturnUrl, "Nome utente o password non validi.", StatusCodes.Status400BadRequest);
            }
            throttle.Succeeded(userName);

            var identity = new ClaimsIdentity(EmbeddedProvider.LoginScheme);
            identity.AddClaim(new Claim(OpenIddictConstants.Claims.Subject, account.Id));
            identity.AddClaim(new Claim(OpenIddictConstants.Claims.Name, account.DisplayName));
            await http.SignInAsync(EmbeddedProvider.LoginScheme, new ClaimsPrincipal(identity));
            // Only back into this host: an open redirect would hand the session to anyone's page.
            return Results.LocalRedirect(LocalUrls.IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }).ExcludeFromDescription();
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var alert = error is null ? "" : $"""<p role="alert" id="login-error">{E(error)}</p>""";
        var html = $"""
            <!doctype html>
            <html lang="it">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Accesso – Sys2</title></head>
            <body>
            <main>
              <h1>Accesso a Sys2</h1>
              {alert}
              <form method="post" action="{E(EmbeddedProvider.LoginPath)}">
                <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
                <p><label for="userName">Nome utente</label>
                   <input id="userName" name="userName" autocomplete="username" required {(error is null ? "" : "aria-describedby=\"login-error\"")}></p>
                <p><label for="password">Password</label>
                   <input id="password" name="password" type="password" autocomplete="current-password" required></p>
                <p><button type="submit">Accedi</button></p>
              </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
