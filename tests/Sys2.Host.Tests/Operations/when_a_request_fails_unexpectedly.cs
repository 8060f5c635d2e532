using System.Net;
using System.Text.Json;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Operations;

public sealed class when_a_request_fails_unexpectedly : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseHost.StartAsync(nameof(when_a_request_fails_unexpectedly));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task it_answers_a_500_problem_with_no_stack_trace_and_no_sql()
    {
        // A server that is up but refuses the query: not an outage, so not a 503.
        await BrokenSchema.DropAsync(_host.ConnectionString, "sys2.mt_doc_casesummary");
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);

        var response = await clerk.GetAsync("/api/inbox");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldBeNull();
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32().ShouldBe(500);
        body.ShouldNotContain("mt_doc_casesummary");
        body.ShouldNotContain("42P01");
        body.ShouldNotContain(" at ");
    }
}
