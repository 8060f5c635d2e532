using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// An entity with its own identity provider (Keycloak, Entra, a SPID/CIE gateway) points Sys2 at it:
/// authority, audience and the names of the claims that carry tenant, office and roles. Here the
/// provider is a second, separately configured OpenID Connect server in the test, whose claims have
/// other names (<c>ente</c>, <c>ufficio</c>, <c>ruoli</c>) than Sys2's own.
/// </summary>
public sealed class when_another_authority_vouches_for_the_caller : IAsyncLifetime
{
    private WebApplication _authority = null!;
    private Uri _authorityAddress = null!;
    private CaseHost _host = null!;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync()
    {
        _authority = ExternalAuthority.Build();
        await _authority.StartAsync();
        _authorityAddress = new Uri(_authority.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

        _host = await CaseHost.StartAsync(nameof(when_another_authority_vouches_for_the_caller), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sys2:SignIn:Authority"] = _authorityAddress.ToString(),
                ["Sys2:SignIn:RequireHttps"] = "false",
                ["Sys2:SignIn:Claims:Name"] = "preferred_username",
                ["Sys2:SignIn:Claims:Tenant"] = "ente",
                ["Sys2:SignIn:Claims:Office"] = "ufficio",
                ["Sys2:SignIn:Claims:Roles"] = "ruoli",
            }));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _authority.DisposeAsync();
    }

    private async Task<string> TokenAsync(string clientId)
    {
        var answer = await SignInFlow.ClientCredentialsAsync(_http, _authorityAddress, clientId, ExternalAuthority.Secret);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["access_token"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_host.Address, path));
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task its_tenant_office_and_roles_claims_decide_what_the_caller_may_do_and_its_subject_signs_the_trail()
    {
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "D542", "suap.scia", Scia.Inputs(), Scia.Sportello);
        var events = (await _host.WhenAsync(opened.CaseId, e => e.OfType<TaskAssigned>().Any(), "the formal check", "D542")).Count;
        var token = await TokenAsync("fermo-suap"); // ente=D542, ufficio=SUAP, ruoli=[clerk]

        var withdrawn = await SendAsync(HttpMethod.Post, $"/api/cases/{opened.CaseId}/withdraw", token,
            new { commandId = Guid.NewGuid(), expectedVersion = events, reason = "rinuncia del richiedente" });

        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        await using var session = _host.Store.QuerySession("D542");
        var last = (await session.Events.FetchStreamAsync(opened.CaseId)).First(e => e.Version == events + 1);
        last.Headers!["user"].ToString().ShouldBe("fermo-suap");
        last.Headers!["user-name"].ToString().ShouldBe("Ufficio SUAP di Fermo");
        last.Headers!["office"].ToString().ShouldBe("SUAP");
    }

    [Fact]
    public async Task another_entity_in_its_claims_sees_nothing_of_this_one()
    {
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "D542", "suap.scia", Scia.Inputs(), Scia.Sportello);
        var token = await TokenAsync("ascoli-suap"); // ente=A462

        (await SendAsync(HttpMethod.Get, $"/api/cases/{opened.CaseId}", token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Get, "/api/inbox", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_embedded_provider_is_not_there_and_its_tokens_are_not_accepted()
    {
        (await _http.GetAsync(new Uri(_host.Address, "/account/login"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ours = await SignInFlow.ClientCredentialsAsync(_http, _host.Address, "x", "y");
        ours.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A bare OpenID Connect server (OpenIddict, client credentials) as an entity's provider would be, with its own claim names.</summary>
    private static class ExternalAuthority
    {
        public const string Secret = "segreto-del-provider";

        private static readonly Dictionary<string, (string Name, string Tenant, string Office, string[] Roles)> Clients = new()
        {
            ["fermo-suap"] = ("Ufficio SUAP di Fermo", "D542", "SUAP", ["clerk"]),
            ["ascoli-suap"] = ("Ufficio SUAP di Ascoli Piceno", "A462", "SUAP", ["clerk"]),
        };

        public static WebApplication Build()
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddOpenIddict().AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token").AllowClientCredentialsFlow();
                server.AddEphemeralSigningKey().AddEphemeralEncryptionKey().DisableAccessTokenEncryption();
                server.EnableDegradedMode();
                server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
                {
                    if (!Clients.ContainsKey(context.Request.ClientId ?? "") || context.Request.ClientSecret != Secret)
                        context.Reject(OpenIddictConstants.Errors.InvalidClient, "unknown client or wrong secret");
                    return default;
                }));
                server.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });
            var app = builder.Build();
            app.MapPost("/connect/token", (HttpContext http) =>
            {
                var request = http.GetOpenIddictServerRequest()!;
                var (name, tenant, office, roles) = Clients[request.ClientId!];
                var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                identity.AddClaim(OpenIddictConstants.Claims.Subject, request.ClientId!);
                identity.AddClaim("preferred_username", name);
                identity.AddClaim("ente", tenant);
                identity.AddClaim("ufficio", office);
                foreach (var role in roles) identity.AddClaim(new Claim("ruoli", role));
                identity.SetAudiences("sys2-api");
                identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken]);
                return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            });
            return app;
        }
    }
}
