using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;

namespace Sys2.Host.Features.Auditors;

/// <summary>A case's history: who, when, what, why, and the state after each event. Scoped to the caller's tenant.</summary>
public static class CaseHistoryEndpoint
{
    public sealed record HistoryItem(
        long Version, string Type, object? Payload, Who Who, When When, Why Why, string? Definition, CaseStateView State);

    public sealed record Who(string? User, string? Name, string? Role, string? Office);

    public sealed record When(DateTimeOffset? DecidedAt, DateTimeOffset RecordedAt);

    public sealed record Why(string? Correlation, string? Causation);

    public static void MapCaseHistory(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{caseId}/history", async (string caseId, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.AuditCases);
            if (!access.Allowed) return access.Refusal!;
            var entries = await new CaseHistory(store).EntriesAsync(access.Tenant, caseId, ct: ct);
            return entries.Count == 0
                ? CaseAnswers.NoCase(caseId, access.Tenant)
                : Results.Ok(Items(entries));
        })
            .Produces<IReadOnlyList<HistoryItem>>();

    /// <summary>The history as the API gives it: also what the auditor's page downloads as JSON.</summary>
    public static IReadOnlyList<HistoryItem> Items(IReadOnlyList<CaseHistoryEntry> entries) =>
        [.. entries.Select(e => new HistoryItem(e.Version, e.Type, e.Payload, new Who(e.User, e.UserName, e.Role, e.Office),
            new When(e.DecidedAt, e.RecordedAt), new Why(e.Correlation, e.Causation), e.Definition, CaseStateView.Of(e.After, e.Documents)))];
}
