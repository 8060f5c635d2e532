using System.Net;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Security;

/// <summary>Query parameters at the edges of their type: a 400 naming the parameter and its range, never a 500.</summary>
public sealed class when_a_query_parameter_is_out_of_range : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _clerk = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_query_parameter_is_out_of_range));
        _clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-1")]
    [InlineData("367")]
    public async Task days_beyond_a_year_or_below_zero_are_refused_with_the_range(string days)
    {
        var before = await DatabaseCounts.OfAsync(_host);

        var errors = await (await _clerk.GetAsync($"/api/deadlines?days={days}")).ShouldBeFieldErrorsAsync();

        errors["days"].ShouldHaveSingleItem().ShouldBe($"{days} is out of range: expected a whole number of days from 0 to 366");
        (await DatabaseCounts.OfAsync(_host)).ShouldBe(before);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public async Task days_that_are_not_a_number_are_a_problem_naming_the_parameter(string days)
    {
        var problem = await (await _clerk.GetAsync($"/api/deadlines?days={days}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem["detail"]!.GetValue<string>().ShouldContain("days");
    }

    [Fact]
    public async Task days_within_the_range_answer()
    {
        (await _clerk.GetAsync("/api/deadlines?days=366")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _clerk.GetAsync("/api/deadlines")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_version_below_one_is_refused()
    {
        var caseId = await _host.FileAsync();

        using var auditor = new ClerkClient(_host.Address, TestAccounts.AnnaBianchi); // time travel is the auditors'
        (await (await auditor.GetAsync($"/api/cases/{caseId}/state?version=0")).ShouldBeFieldErrorsAsync()).Keys.ShouldBe(["version"]);
        (await (await _clerk.GetAsync("/api/definitions/suap.scia/diagram?version=-5")).ShouldBeFieldErrorsAsync()).Keys.ShouldBe(["version"]);
    }
}
