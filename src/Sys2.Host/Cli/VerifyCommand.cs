using Microsoft.Extensions.Configuration;
using Sys2.Host.Cases;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>verify &lt;case-id&gt;|--all</c>: recomputes the audit chain of one case or of every case
/// from the rows in PostgreSQL and names the first event that was altered, removed or reordered.
/// Exit code 0 only when every chain is intact.
/// </summary>
public static class VerifyCommand
{
    public const string Verb = "verify";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is not [var target])
        {
            output.WriteLine("usage: verify <case-id> | --all   (a case id reads KIND-TENANT-YEAR-NUMBER, e.g. SUAP-H769-2026-0000001)");
            return 2;
        }
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var verifier = new AuditVerifier(await DatabaseConnection.ResolveAsync(configuration, RepositoryRoot.TryFind()));
        var reports = target == "--all"
            ? await verifier.VerifyAllAsync()
            : [await verifier.VerifyAsync(TenantOf(target), target)];
        foreach (var report in reports) output.WriteLine(report);
        var broken = reports.Count(r => !r.Intact);
        output.WriteLine(broken == 0 ? $"{reports.Count} case(s), every chain intact" : $"{broken} of {reports.Count} case(s) altered");
        return broken == 0 ? 0 : 1;
    }

    // SUAP-H769-2026-0000001 -> H769
    private static string TenantOf(string caseId) =>
        caseId.Split('-') is [_, var tenant, _, _] ? tenant : throw new ArgumentException($"'{caseId}' is not a case id like SUAP-H769-2026-0000001");
}
