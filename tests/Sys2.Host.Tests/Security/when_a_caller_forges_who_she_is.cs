using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// Identity comes from a verified token only. The demo headers of old (X-Sys2-Tenant, -User, -Role)
/// are worth nothing; a token the provider did not sign, or signed for another audience, neither;
/// a clerk who calls herself manager is still a clerk. Nothing is appended by a refused request.
/// </summary>
/// <remarks>One host for the class; each test files a case of its own.</remarks>
public sealed class when_a_caller_forges_who_she_is(ClassHost<when_a_caller_forges_who_she_is> shared) : IClassFixture<ClassHost<when_a_caller_forges_who_she_is>>, IAsyncLifetime
{
    private readonly CaseHost _host = shared.ForNextTest();
    private string _caseId = "";
    private int _events;

    public async Task InitializeAsync()
    {
        _caseId = await _host.FileAsync();
        _events = (await _host.WhenAsync(_caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check")).Count;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient { BaseAddress = _host.Address };
        return await http.SendAsync(request);
    }

    private HttpRequestMessage Complete(string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{_caseId}/tasks/formal-check")
        {
            Content = JsonContent.Create(new { commandId = Guid.NewGuid(), expectedVersion = _events, outcome = "complete" }),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    [Fact]
    public async Task the_old_identity_headers_are_not_believed()
    {
        var request = Complete();
        request.Headers.Add("X-Sys2-Tenant", "H769");
        request.Headers.Add("X-Sys2-User", "chiara.neri");
        request.Headers.Add("X-Sys2-Role", "manager");
        request.Headers.Add("X-Sys2-Office", "SUAP");

        var answer = await SendAsync(request);

        answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task a_token_signed_with_another_key_is_refused()
    {
        // Everything right but the signature: issuer, audience, subject, a membership, a lifetime.
        using var rsa = RSA.Create(2048);
        var forged = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
            issuer: TestAccounts.Issuer, audience: "sys2-api",
            claims: [new Claim("sub", "chiara.neri"), new Claim("sys2_membership", "H769/manager")],
            notBefore: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.AddMinutes(10),
            signingCredentials: new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256)));

        var answer = await SendAsync(Complete(forged));

        answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task an_unsigned_token_is_refused()
    {
        var unsigned = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
            issuer: TestAccounts.Issuer, audience: "sys2-api",
            claims: [new Claim("sub", "chiara.neri"), new Claim("sys2_membership", "H769/clerk/SUAP")],
            notBefore: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.AddMinutes(10)));

        (await SendAsync(Complete(unsigned))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task a_clerk_who_says_she_is_a_manager_does_not_migrate()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);

        var answer = await clerk.PostAsync($"/api/cases/{_caseId}/migrate?role=manager",
            new { commandId = Guid.NewGuid(), expectedVersion = _events, toVersion = 1, mapping = new Dictionary<string, string>(), reason = "io sono il dirigente" });

        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task the_audit_trail_records_the_signed_in_subject_and_her_name()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{_caseId}/tasks/formal-check");

        var answer = await clerk.PostAsync($"/api/cases/{_caseId}/tasks/formal-check",
            new { commandId = Guid.NewGuid(), expectedVersion = _events, outcome = "complete" });

        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        await using var session = _host.Store.QuerySession("H769");
        var completed = (await session.Events.FetchStreamAsync(_caseId)).First(e => e.Data is TaskCompleted);
        completed.Headers!["user"].ToString().ShouldBe("chiara.neri");
        completed.Headers!["user-name"].ToString().ShouldBe("Chiara Neri");
        completed.Headers!["role"].ToString().ShouldBe("clerk");
        (await _host.Verifier.VerifyAsync("H769", _caseId)).Intact.ShouldBeTrue();
    }
}
