using Sys2.Host.Tests.Harness;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Tests.Cli;

/// <summary>
/// The host loads its Wolverine handler adapters from src/Sys2.Host/Internal/Generated (TypeLoadMode.Static, no
/// Roslyn at run time), so those files must be what <c>codegen write</c> makes of today's handlers.
/// </summary>
public class when_the_generated_code_is_checked
{
    const string Regenerate = "the generated handler code is stale: run `dotnet run --project src/Sys2.Host -- codegen write` and commit src/Sys2.Host/Internal/Generated";

    [Fact]
    public async Task the_committed_code_is_what_codegen_writes_today()
    {
        var contentRoot = Directory.CreateTempSubdirectory("sys2-codegen-").FullName;
        try
        {
            // codegen writes into the content root (the working folder) and needs no database: this server is never asked.
            var environment = new Dictionary<string, string> { [DatabaseConnection.EnvironmentVariable] = "Host=127.0.0.1;Port=1;Database=unused" };
            var result = await HostCli.RunInAsync(contentRoot, environment, "codegen", "write");
            result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);

            var fresh = Files(Path.Combine(contentRoot, "Internal", "Generated"));
            var committed = Files(Path.Combine(RepositoryRoot.Find(), "src", "Sys2.Host", "Internal", "Generated"));
            committed.Keys.ShouldBe(fresh.Keys, ignoreOrder: true, Regenerate);
            foreach (var (file, code) in fresh) committed[file].ShouldBe(code, $"{file}: {Regenerate}");
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    static Dictionary<string, string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText)
            : [];
}
