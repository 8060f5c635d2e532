using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Cases;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>verify &lt;case-id&gt;|--all</c>: recomputes the audit chain of one case or of every case
/// from the rows in PostgreSQL, compares it with the signed daily anchors of the anchor folder,
/// and names the first event that was altered, removed or reordered, and any anchor file that
/// was forged. Exit code 0 only when every chain is intact and every anchor genuine.
/// </summary>
public static class VerifyCommand
{
    public const string Verb = "verify";

    public static Command Create()
    {
        var caseId = new Argument<string?>("case-id")
        {
            Description = "The case to verify; a case id reads KIND-TENANT-YEAR-NUMBER, e.g. SUAP-H769-2026-0000001",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Verify every case" };
        var command = new Command(Verb, "Recomputes the audit chain of a case (or of every case) and names the first event altered, removed or reordered.")
        {
            caseId, all,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(caseId) is null) == !result.GetValue(all))
                result.AddError("give either a case id or --all");
        });
        command.SetAction((parsed, ct) => RunAsync(parsed.GetValue(caseId), parsed.InvocationConfiguration.Output, ct));
        return command;
    }

    /// <param name="caseId">The case to verify; null for every case.</param>
    public static async Task<int> RunAsync(string? caseId, TextWriter output, CancellationToken ct = default)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var anchors = AnchorSettings.From(configuration);
        var verifier = new AuditVerifier(await DatabaseConnection.ResolveAsync(configuration, RepositoryRoot.TryFind(), ct), AnchorBook.Read(anchors));
        return await RunAsync(verifier, caseId, anchors.Folder, output, ct);
    }

    /// <summary>The report and exit code of a verification with <paramref name="verifier"/>.</summary>
    public static async Task<int> RunAsync(AuditVerifier verifier, string? caseId, string anchorFolder, TextWriter output, CancellationToken ct = default)
    {
        var reports = caseId is null
            ? await verifier.VerifyAllAsync(ct)
            : [await verifier.VerifyAsync(TenantOf(caseId), caseId, ct)];
        foreach (var problem in verifier.AnchorProblems) await output.WriteLineAsync(problem.ToString());
        foreach (var report in reports) await output.WriteLineAsync(report.ToString());
        var broken = reports.Count(r => !r.Intact);
        var forged = verifier.AnchorProblems.Count;
        await output.WriteLineAsync((broken == 0 ? $"{reports.Count} case(s), every chain intact" : $"{broken} of {reports.Count} case(s) altered")
            + (forged == 0 ? $"; anchors from {anchorFolder}" : $"; {forged} anchor file(s) in {anchorFolder} not to be trusted"));
        return broken == 0 && forged == 0 ? 0 : 1;
    }

    // SUAP-H769-2026-0000001 -> H769
    private static string TenantOf(string caseId) =>
        caseId.Split('-') is [_, var tenant, _, _] ? tenant : throw new ArgumentException($"'{caseId}' is not a case id like SUAP-H769-2026-0000001");
}
