using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// <c>/connect/token</c>, after OpenIddict has checked the request, the client and (for a code or a
/// refresh token) its signature, expiry and PKCE: the token says who the person is <em>now</em>
/// (the account is read again, so a disabled account or a removed role stops at the next refresh),
/// or, for client credentials, what the machine client was granted.
/// </summary>
public static class TokenEndpoint
{
    public static void MapToken(this IEndpointRouteBuilder app) =>
        app.MapPost(EmbeddedProvider.TokenPath, async (HttpContext http, LocalAccounts accounts, ProviderClients clients, IOptions<SignInOptions> options, CancellationToken ct) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("the token endpoint was reached without OpenIddict's request");
            if (request.IsClientCredentialsGrantType())
                return Results.SignIn(TokenPrincipal.ForClient(clients.Find(request.ClientId)!, options.Value),
                    authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
                return Refuse(OpenIddictConstants.Errors.UnsupportedGrantType, $"grant type '{request.GrantType}' is not supported");

            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = granted.Principal?.FindFirst(OpenIddictConstants.Claims.Subject)?.Value;
            if (subject is null || await accounts.FindAsync(subject, ct) is not { } account)
                return Refuse(OpenIddictConstants.Errors.InvalidGrant, "the account no longer exists or is disabled");
            return Results.SignIn(TokenPrincipal.ForAccount(account, granted.Principal!.GetScopes(), options.Value),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }).ExcludeFromDescription();

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
