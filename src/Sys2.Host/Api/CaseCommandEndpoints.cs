using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Api;

/// <summary>
/// For clerks: every other command on a case. Each carries its own id (sent twice, it appends
/// once) and the version it was decided on (stale: 409, nothing appended).
/// </summary>
public static class CaseCommandEndpoints
{
    public sealed record Versioned(Guid CommandId, long ExpectedVersion);

    public sealed record AttachRequest(Guid CommandId, long ExpectedVersion, string Name, string MediaType, string ContentBase64);

    public sealed record SuspendRequest(Guid CommandId, long ExpectedVersion, string Reason);

    public sealed record WithdrawRequest(Guid CommandId, long ExpectedVersion, string Reason);

    public sealed record MigrateRequest(Guid CommandId, long ExpectedVersion, int ToVersion, Dictionary<string, string> Mapping, string Reason);

    public sealed record EventRequest(Guid CommandId, long ExpectedVersion, JsonObject? Payload, string? Step);

    public static void MapCaseCommandEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}");

        cases.MapPost("/documents", (string caseId, AttachRequest body, HttpRequest request, CaseService service, CancellationToken ct) =>
        {
            byte[] content;
            try { content = Convert.FromBase64String(body.ContentBase64); }
            catch (FormatException) { return Task.FromResult(Results.Problem("contentBase64 is not valid base64", statusCode: 400)); }
            // The digest is computed here, from the bytes received, never taken from the client.
            var sha256 = Sha256Hex.Of(content);
            return Send(request, service, caseId, body.CommandId, body.ExpectedVersion,
                by => new AttachDocument(body.Name, sha256, body.MediaType, content.LongLength, by), ct);
        });

        cases.MapPost("/deadlines/{clock}/suspend", (string caseId, string clock, SuspendRequest body, HttpRequest request, CaseService service, CancellationToken ct) =>
            Enum.TryParse<SuspensionReason>(body.Reason, ignoreCase: true, out var reason)
                ? Send(request, service, caseId, body.CommandId, body.ExpectedVersion, by => new SuspendDeadline(clock, reason, by), ct)
                : Task.FromResult(Results.Problem($"reason '{body.Reason}' is not one of {string.Join(", ", Enum.GetNames<SuspensionReason>()).ToLowerInvariant()}", statusCode: 400)));

        cases.MapPost("/deadlines/{clock}/resume", (string caseId, string clock, Versioned body, HttpRequest request, CaseService service, CancellationToken ct) =>
            Send(request, service, caseId, body.CommandId, body.ExpectedVersion, by => new ResumeDeadline(clock, by), ct));

        cases.MapPost("/deadlines/{clock}/interrupt", (string caseId, string clock, Versioned body, HttpRequest request, CaseService service, CancellationToken ct) =>
            Send(request, service, caseId, body.CommandId, body.ExpectedVersion, by => new InterruptDeadline(clock, by), ct));

        cases.MapPost("/incidents/{step}/retry", (string caseId, string step, Versioned body, HttpRequest request, CaseService service, CancellationToken ct) =>
            Send(request, service, caseId, body.CommandId, body.ExpectedVersion, by => new RetryIncident(step, by), ct));

        cases.MapPost("/withdraw", (string caseId, WithdrawRequest body, HttpRequest request, CaseService service, CancellationToken ct) =>
            Send(request, service, caseId, body.CommandId, body.ExpectedVersion, by => new WithdrawCase(body.Reason, by), ct));

        // Moving a running case to another version is a manager's decision, recorded with its reason.
        cases.MapPost("/migrate", async (string caseId, MigrateRequest body, HttpRequest request, CaseService service, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseEndpoints.Unauthenticated();
            if (caller.Actor.Role is not ("manager" or "designer"))
                return Results.Problem($"role '{caller.Actor.Role}' may not migrate a case: a manager or a designer may", statusCode: StatusCodes.Status403Forbidden);
            var outcome = await service.MigrateAsync(new CaseCommand(body.CommandId, caller.Tenant, caseId, body.ExpectedVersion,
                new MigrateCase(body.ToVersion, body.Mapping, body.Reason, caller.Actor), caller.Actor), ct);
            return CaseEndpoints.ToResult(outcome);
        });

        // Documents or observations filed at the counter: the clerk records that they arrived.
        cases.MapPost("/events/{name}", (string caseId, string name, EventRequest body, HttpRequest request, CaseService service, CancellationToken ct) =>
            ExternalEvents.All.Contains(name)
                ? Send(request, service, caseId, body.CommandId, body.ExpectedVersion, _ => new ReceiveEvent(name, body.Payload ?? [], body.Step), ct)
                : Task.FromResult(Results.Problem($"'{name}' is not an event a case waits for ({string.Join(", ", ExternalEvents.All)})", statusCode: 400)));
    }

    private static async Task<IResult> Send(HttpRequest request, CaseService service, string caseId, Guid commandId, long expectedVersion,
        Func<Actor, Trigger> trigger, CancellationToken ct)
    {
        if (RequestActor.From(request) is not { } caller) return CaseEndpoints.Unauthenticated();
        var outcome = await service.HandleAsync(new CaseCommand(commandId, caller.Tenant, caseId, expectedVersion, trigger(caller.Actor), caller.Actor), ct);
        return CaseEndpoints.ToResult(outcome);
    }
}
