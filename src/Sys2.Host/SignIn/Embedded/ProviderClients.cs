using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// The clients the embedded provider knows, from configuration (<c>Sys2:SignIn:Clients</c>). The
/// provider runs without a client database (OpenIddict's degraded mode), so checking the client of
/// every request is ours: an unknown client, a redirect address it did not register, a missing or
/// wrong secret are refused here, before any code or token is issued.
/// </summary>
public sealed class ProviderClients(IReadOnlyList<ClientOptions> clients)
{
    public ClientOptions? Find(string? clientId) => clients.FirstOrDefault(c => c.ClientId == clientId);

    public void CheckAuthorization(ValidateAuthorizationRequestContext context)
    {
        if (Find(context.Request.ClientId) is not { } client)
            context.Reject(OpenIddictConstants.Errors.InvalidClient, $"client '{context.Request.ClientId}' is not registered");
        else if (client.ClientSecret is { Length: > 0 })
            context.Reject(OpenIddictConstants.Errors.UnauthorizedClient, $"client '{client.ClientId}' is a machine client: it uses client credentials, not sign-in");
        else if (!client.RedirectUris.Contains(context.Request.RedirectUri ?? "", StringComparer.Ordinal))
            context.Reject(OpenIddictConstants.Errors.InvalidRequest, $"redirect_uri '{context.Request.RedirectUri}' is not registered for client '{client.ClientId}'");
    }

    public void CheckToken(ValidateTokenRequestContext context)
    {
        var request = context.Request;
        if (Find(request.ClientId) is not { } client)
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, $"client '{request.ClientId}' is not registered");
            return;
        }
        var confidential = client.ClientSecret is { Length: > 0 };
        if (confidential && !SameSecret(client.ClientSecret!, request.ClientSecret))
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "the client secret is missing or wrong");
        else if (!confidential && request.IsClientCredentialsGrantType())
            context.Reject(OpenIddictConstants.Errors.UnauthorizedClient, $"client '{client.ClientId}' is public: it cannot use client credentials");
        else if (confidential && !request.IsClientCredentialsGrantType())
            context.Reject(OpenIddictConstants.Errors.UnauthorizedClient, $"client '{client.ClientId}' may use client credentials only");
    }

    private static bool SameSecret(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
