using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using Sys2.Host.SignIn.Embedded;

namespace Sys2.Host.SignIn;

/// <summary>
/// Who is calling, decided once for the whole host: the API takes bearer tokens (JWT) from the
/// configured authority, or from the embedded provider when none is configured. Identity comes
/// from a verified token only; no header a client sets is believed.
/// </summary>
public static class SignInSetup
{
    /// <summary>The policy every API endpoint requires: a valid bearer token.</summary>
    public const string ApiPolicy = "sys2-api";

    public static void AddSignIn(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        var development = builder.Environment.IsDevelopment();
        var requireHttps = options.RequireHttps ?? !development;
        var embedded = string.IsNullOrWhiteSpace(options.Authority);
        // Without this check a plain-HTTP sign-in address fails inside the authentication middleware on every
        // request, health probes included; refused when the host starts, it names the setting to fix.
        var (urlKey, url) = embedded ? ("Issuer", options.Issuer) : ("Authority", options.Authority);
        if (requireHttps && url is not null && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            builder.Services.AddSingleton<IHostedService>(new RefuseToStart(
                $"{SignInOptions.Section}:{urlKey} is '{url}': outside Development sign-in must use HTTPS " +
                $"(set {SignInOptions.Section}:RequireHttps to false only behind a proxy that terminates TLS)"));
        if (embedded)
        {
            if (options.Issuer is null && !development)
                // Refused when the host starts, not here: Wolverine's and Marten's own verbs configure the host without running it.
                builder.Services.AddSingleton<IHostedService>(new RefuseToStart(
                    $"{SignInOptions.Section}:Issuer is not set: outside Development the embedded sign-in needs the public URL of this host " +
                    $"(or set {SignInOptions.Section}:Authority to use the entity's identity provider)"));
            options.Issuer ??= "http://localhost:5028/";
            if (options.Clients.Count == 0) options.Clients.AddRange(DefaultClients(options.Issuer));
        }
        // One settled object for every reader (the schemes below, Caller, the provider's endpoints).
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));

        ProviderKeys? keys = null;
        if (embedded)
        {
            keys = ProviderKeys.LoadOrCreate(options.KeyFolder ?? Path.Combine(RepositoryRoot.TryFind() ?? builder.Environment.ContentRootPath, ".sys2", "signin"));
            builder.Services.AddEmbeddedProvider(options, keys, requireHttps);
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            // Claim names stay as the authority sent them ("sub", not a SOAP-era URI): ClaimNames says which to read.
            jwt.MapInboundClaims = false;
            jwt.Audience = options.Audience;
            if (keys is null)
            {
                jwt.Authority = options.Authority;
                jwt.RequireHttpsMetadata = requireHttps;
            }
            else
            {
                // The embedded provider is this process: its key and issuer are known, no metadata to fetch.
                jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                jwt.TokenValidationParameters.IssuerSigningKey = keys.Signing;
            }
            jwt.TokenValidationParameters.ValidAudience = options.Audience;
            jwt.TokenValidationParameters.NameClaimType = options.Claims.Name;
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];
            jwt.Events = new JwtBearerEvents { OnChallenge = AnswerUnauthenticated };
            // Tokens expire on the wall clock, whatever clock the engine's legal terms run on
            // (the host's TimeProvider, which tests and replays move by hand).
            jwt.TimeProvider = TimeProvider.System;
        });
        builder.Services.AddBrowserSignIn(options, requireHttps);
        builder.Services.AddAuthorizationBuilder().AddPolicy(ApiPolicy, policy =>
            policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "sys2.antiforgery");
    }

    public static void UseSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<ProviderClients>() is not null) app.MapEmbeddedProvider();
        app.MapBrowserSignIn();
    }

    /// <summary>The browser application (PKCE, redirect to this host) and command-line clients (PKCE, loopback redirect, RFC 8252).</summary>
    private static IEnumerable<ClientOptions> DefaultClients(string issuer) =>
    [
        new() { ClientId = "sys2-web", DisplayName = "Sys2", RedirectUris = [new Uri(new Uri(issuer), "signin-oidc").ToString()] },
        new() { ClientId = "sys2-cli", DisplayName = "Sys2 command line", RedirectUris = ["http://127.0.0.1/callback"] },
    ];

    // Before the server listens (not deferred with the database work): a misconfigured host never answers.
    private sealed class RefuseToStart(string why) : IHostedService, Operations.IStartsBeforeListening
    {
        public Task StartAsync(CancellationToken ct) => throw new InvalidOperationException(why);
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>401 as a problem, like every other error, with the bearer challenge saying why.</summary>
    private static async Task AnswerUnauthenticated(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var why = context.AuthenticateFailure is null
            ? "send a bearer token from the configured authority (Authorization: Bearer …)"
            : "the bearer token was refused: it is expired, not signed by the configured authority, or not meant for this API";
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthenticated", Detail = why },
        });
    }
}
