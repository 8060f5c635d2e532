using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// A shipped procedure from filing to preservation against the sandbox over real HTTP, as the
/// end-to-end tests run each one: the front office uploads the signed document and files the case,
/// <see cref="CaseDriver"/> plays the people until it closes.
/// </summary>
public static class ProcedureRun
{
    /// <summary>Files <paramref name="definition"/> with <paramref name="inputs"/> and its signed <paramref name="document"/>, and runs it to its end.</summary>
    public static async Task<(string CaseId, IReadOnlyList<object> Events)> FileAndRunToEndAsync(
        this CaseHost host, ClerkClient frontOffice, string definition, string document, JsonObject inputs)
    {
        inputs[document] = await frontOffice.UploadAsync($"{definition}.pdf.p7m", $"{definition}: domanda firmata, {Guid.NewGuid()}");
        var opened = await host.Cases.OpenAsync(Guid.NewGuid(), "H769", definition, inputs, Scia.Sportello);
        opened.Status.ShouldBe(CommandStatus.Accepted, opened.Error);
        return (opened.CaseId, await new CaseDriver(host).RunToEndAsync(opened.CaseId));
    }

    /// <summary>The case closed with <paramref name="outcome"/>, without incidents, every one of <paramref name="activities"/> done, its audit trail intact.</summary>
    public static async Task ShouldHaveClosedPreservedAsync(
        this CaseHost host, string caseId, IReadOnlyList<object> events, string outcome, params string[] activities)
    {
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe(outcome);
        events.OfType<IncidentRaised>().ShouldBeEmpty();
        var succeeded = events.OfType<IntegrationSucceeded>().Select(s => s.Activity).ToHashSet();
        succeeded.IsSupersetOf(activities).ShouldBeTrue(string.Join(", ", succeeded));
        (await host.Verifier.VerifyAsync("H769", caseId)).Intact.ShouldBeTrue();
    }
}
