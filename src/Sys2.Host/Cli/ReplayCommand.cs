using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Sys2.Host.Cases;
using Sys2.PrivatePostgres;
using Sys2.Host.Storage;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>replay &lt;case&gt; [--tenant T] [--version N | --at T]</c>: prints a case's history (who,
/// when, what, why) and the state after each event, replayed with the engine's own fold; with
/// <c>--version</c> or <c>--at</c> it stops there. Exit code 0, or 1 when there is no such case.
/// </summary>
public static class ReplayCommand
{
    public const string Verb = "replay";

    public static Command Create()
    {
        var caseId = new Argument<string>("case-id") { Description = "The case, e.g. SUAP-H769-2026-0000001" };
        var tenant = new Option<string?>("--tenant") { Description = "The entity holding the case, when more than one does" };
        var version = new Option<long?>("--version") { Description = "Stop after this event (1 is the opening)" };
        version.Validators.Add(result =>
        {
            if (result.GetValue(version) is <= 0) result.AddError("--version counts events from 1");
        });
        var at = new Option<DateTimeOffset?>("--at")
        {
            Description = "Stop at this instant, e.g. 2026-03-05T10:00:00Z (UTC when it names no offset)",
            CustomParser = result =>
            {
                if (DateTimeOffset.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                    return instant;
                result.AddError($"--at: '{result.Tokens[0].Value}' is not an instant like 2026-03-05T10:00:00Z");
                return null;
            },
        };
        var command = new Command(Verb, "Prints a case's history (who, when, what, why) and its state after each event, replayed with the engine's own fold.")
        {
            caseId, tenant, version, at,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(version) is not null && result.GetValue(at) is not null) result.AddError("--version and --at: give one of them");
        });
        command.SetAction((parsed, ct) => RunAsync(
            new Request(parsed.GetRequiredValue(caseId), parsed.GetValue(tenant), parsed.GetValue(version), parsed.GetValue(at)),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    public sealed record Request(string CaseId, string? Tenant, long? Version, DateTimeOffset? At);

    public static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error)
    {
        var connection = await DatabaseConnection.ResolveAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(), RepositoryRoot.TryFind());
        var tenants = request.Tenant is { } given ? [given] : await TenantsOfAsync(connection, request.CaseId);
        if (tenants.Count > 1)
        {
            error.WriteLine($"case {request.CaseId} exists in tenants {string.Join(", ", tenants)}: say which with --tenant");
            return 1;
        }
        if (tenants is not [var tenant])
        {
            error.WriteLine($"there is no case {request.CaseId}");
            return 1;
        }

        await using var store = DocumentStore.For(opts => MartenSetup.Configure(opts, connection));
        var entries = await new CaseHistory(store).EntriesAsync(tenant, request.CaseId, request.Version, request.At);
        if (entries.Count == 0)
        {
            error.WriteLine(request.At is { } at ? $"case {request.CaseId} in {tenant} had no events yet at {at:O}"
                : $"there is no case {request.CaseId} in {tenant}");
            return 1;
        }
        if (request.Version is { } version && entries[^1].Version != version)
        {
            error.WriteLine($"case {request.CaseId} in {tenant} has {entries[^1].Version} events; there is no version {version}");
            return 1;
        }
        var limit = request.Version is { } v ? $", up to version {v}" : request.At is { } t ? $", as it stood at {t:O}" : "";
        output.WriteLine($"case {request.CaseId} (tenant {tenant}): {entries.Count} event(s){limit}");
        foreach (var entry in entries) Write(entry, output);
        return 0;
    }

    /// <summary>The tenants holding a stream with this id; case ids carry their entity, so there is at most one in practice.</summary>
    private static async Task<IReadOnlyList<string>> TenantsOfAsync(string connectionString, string caseId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select tenant_id from {MartenSetup.Schema}.mt_streams where id = @id order by 1", connection);
        command.Parameters.AddWithValue("id", caseId);
        var tenants = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tenants.Add(reader.GetString(0));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A database where no case was ever stored has no event tables yet.
        }
        return tenants;
    }

    private static void Write(CaseHistoryEntry entry, TextWriter output)
    {
        var when = entry.DecidedAt is { } decided ? CaseStateView.Instant(decided) : "?";
        output.WriteLine();
        output.WriteLine($"#{entry.Version} {entry.Type}  {when}  by {entry.User ?? "?"} ({entry.Role ?? "?"}{(string.IsNullOrEmpty(entry.Office) ? "" : $", {entry.Office}")})");
        output.WriteLine($"   what: {entry.Payload?.ToJsonString(Readable) ?? "{}"}");
        output.WriteLine($"   why:  correlation {entry.Correlation ?? "-"}, causation {entry.Causation ?? "-"}; recorded {CaseStateView.Instant(entry.RecordedAt)} on {Short(entry.Definition)}");
        WriteState(CaseStateView.Of(entry.After, entry.Documents), output);
    }

    // Accented Italian and '+' in offsets as they are, not as \u escapes: this is read by people.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // suap.ordinario@1#ce86ff18ade9…: the full hash is in the event headers and in the verify report.
    private static string Short(string? definition) =>
        definition is null ? "-" : definition.IndexOf('#') is var hash and > 0 && definition.Length > hash + 13 ? definition[..(hash + 13)] + "…" : definition;

    private static void WriteState(CaseStateView state, TextWriter output)
    {
        output.WriteLine($"   state: {state.Status}{(state.Outcome is null ? "" : $" ({state.Outcome})")} on {state.Definition}, version {state.Version}");
        foreach (var token in state.Tokens)
            output.WriteLine($"     at {token.Step} [{token.Token}, visit {token.Visit}]: {token.WaitingFor ?? "moving on"}");
        foreach (var clock in state.Clocks)
        {
            var detail = clock.Status switch
            {
                "running" when clock.DueAt is { } due => $", due {CaseStateView.Instant(due)}",
                "suspended" => $" ({clock.SuspensionReason}), {clock.Remaining:d\\.hh\\:mm} left"
                    + (clock.ResumeBy is { } resume ? $", resumes by {CaseStateView.Instant(resume)}" : ""),
                _ => "",
            };
            output.WriteLine($"     clock {clock.Name}: {clock.Status}{detail}");
        }
        foreach (var (name, value) in state.Variables)
            output.WriteLine($"     var {name} = {value?.ToJsonString(Readable) ?? "null"}");
        foreach (var document in state.Documents)
            output.WriteLine($"     document {document}");
    }
}
