using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sys2.Host.SignIn.Embedded;

/// <summary>
/// The host as its own OpenID Connect provider (OpenIddict), for installations with no identity
/// provider of their own and for the default run: local accounts, the authorization code flow
/// with PKCE for people, client credentials for machines. Tokens are signed JWTs, so the API
/// reads them exactly as it reads an external provider's.
/// </summary>
public static class EmbeddedProvider
{
    public const string LoginScheme = "Sys2.Login";
    public const string AuthorizePath = "/connect/authorize", TokenPath = "/connect/token", LoginPath = "/account/login";

    public static void AddEmbeddedProvider(this IServiceCollection services, SignInOptions options, ProviderKeys keys, bool requireHttps)
    {
        var clients = new ProviderClients(options.Clients);
        services.AddSingleton(clients);
        services.AddSingleton<LocalAccounts>();
        services.AddSingleton<LoginThrottle>();
        services.AddHostedService<AccountSeeder>();

        services.AddAuthentication().AddCookie(LoginScheme, cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.Cookie.Name = "sys2.login";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8); // a working day
            cookie.SlidingExpiration = false;
            cookie.TimeProvider = TimeProvider.System; // see SignInSetup: sign-in runs on the wall clock
        });

        services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(new Uri(options.Issuer!));
            server.Configure(o => o.TimeProvider = TimeProvider.System); // see SignInSetup: sign-in runs on the wall clock
            server.SetAuthorizationEndpointUris(AuthorizePath).SetTokenEndpointUris(TokenPath);
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                .AllowRefreshTokenFlow()
                .AllowClientCredentialsFlow();
            server.RegisterScopes(OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.OfflineAccess);
            server.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
            // The API (or another service of the entity) validates access tokens with the public key alone.
            server.DisableAccessTokenEncryption();
            server.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
            // No database of clients, authorizations or tokens: clients come from configuration and
            // are checked by the two handlers below; codes and refresh tokens are self-contained.
            server.EnableDegradedMode();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                clients.CheckAuthorization(context);
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                clients.CheckToken(context);
                return default;
            }));
            var aspNetCore = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
            if (!requireHttps) aspNetCore.DisableTransportSecurityRequirement();
        });
    }

    public static void MapEmbeddedProvider(this IEndpointRouteBuilder app)
    {
        app.MapAuthorize();
        app.MapToken();
        app.MapLoginPage();
    }
}
