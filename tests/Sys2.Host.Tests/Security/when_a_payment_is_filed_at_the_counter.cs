using System.Net;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// A pagoPA receipt comes from MPay, signed, through its own endpoint. Typed in at the counter,
/// even by a clerk of the right office, it is refused: going around the signed callback would let
/// anyone with a login close a payment step with a fake receipt.
/// </summary>
/// <remarks>One host for the class; each test files a case of its own.</remarks>
public sealed class when_a_payment_is_filed_at_the_counter(ClassHost<when_a_payment_is_filed_at_the_counter> shared)
    : IClassFixture<ClassHost<when_a_payment_is_filed_at_the_counter>>
{
    private readonly CaseHost _host = shared.ForNextTest();

    [Theory]
    [InlineData("payment-received")]
    [InlineData("sdi-notification")]
    [InlineData("invoice-received")]
    public async Task an_event_of_a_regional_system_is_refused_and_nothing_is_appended(string name)
    {
        var caseId = await _host.FileAsync();
        var events = (await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check")).Count;
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);

        var answer = await clerk.PostAsync($"/api/cases/{caseId}/events/{name}", new
        {
            commandId = Guid.NewGuid(), expectedVersion = events,
            payload = new { noticeNumber = "301000000000000017", receiptId = "fake", amount = 1 },
        });

        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("authenticated endpoint");
        (await _host.EventsOf(caseId)).Count.ShouldBe(events);
    }
}
