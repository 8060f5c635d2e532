using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// <c>/connect/authorize</c>, after OpenIddict has checked the request and its client: a person
/// not yet signed in to the provider goes to the login page and comes back; a signed-in person
/// gets an authorization code for the client.
/// </summary>
public static class AuthorizeEndpoint
{
    public static void MapAuthorize(this IEndpointRouteBuilder app) =>
        app.MapMethods(EmbeddedProvider.AuthorizePath, ["GET", "POST"], async (HttpContext http, LocalAccounts accounts, IOptions<SignInOptions> options, CancellationToken ct) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("the authorize endpoint was reached without OpenIddict's request");
            var login = await http.AuthenticateAsync(EmbeddedProvider.LoginScheme);
            var account = login.Succeeded && login.Principal?.FindFirst(OpenIddictConstants.Claims.Subject)?.Value is { } subject
                ? await accounts.FindAsync(subject, ct)
                : null;
            if (account is null)
            {
                // Back to this very request after the login page (its query, or its form for POST).
                var parameters = http.Request.HasFormContentType
                    ? http.Request.Form.Select(p => KeyValuePair.Create(p.Key, p.Value))
                    : http.Request.Query.Select(p => KeyValuePair.Create(p.Key, p.Value));
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                    [EmbeddedProvider.LoginScheme]);
            }
            return Results.SignIn(TokenPrincipal.ForAccount(account, request.GetScopes(), options.Value),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }).ExcludeFromDescription();
}
