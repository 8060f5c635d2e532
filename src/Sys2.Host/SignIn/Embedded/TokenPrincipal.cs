using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// What the embedded provider puts in a token, in the claim names the API reads (<see cref="ClaimNames"/>):
/// the subject, the display name and one membership claim per role held.
/// </summary>
public static class TokenPrincipal
{
    public static ClaimsPrincipal ForAccount(LocalAccount account, IEnumerable<string> scopes, SignInOptions options) =>
        Build(account.Id, account.DisplayName, account.Memberships, scopes, options);

    public static ClaimsPrincipal ForClient(ClientOptions client, SignInOptions options) =>
        Build(client.ClientId, client.DisplayName ?? client.ClientId, client.Memberships, [], options);

    private static ClaimsPrincipal Build(string subject, string name, IEnumerable<string> memberships, IEnumerable<string> scopes, SignInOptions options)
    {
        var names = options.Claims;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, names.Name, names.Roles);
        identity.AddClaim(OpenIddictConstants.Claims.Subject, subject);
        if (names.Subject != OpenIddictConstants.Claims.Subject) identity.AddClaim(names.Subject, subject);
        identity.AddClaim(names.Name, name);
        foreach (var membership in memberships) identity.AddClaim(new Claim(names.Membership, membership));
        identity.SetScopes(scopes);
        identity.SetAudiences(options.Audience);
        // The access token is what the API reads; the identity token is what the browser's session
        // is made of (BrowserSignIn), so both say who signed in and what she may do.
        identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }
}
