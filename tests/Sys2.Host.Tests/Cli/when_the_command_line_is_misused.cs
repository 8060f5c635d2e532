using Sys2.Host.Cli;
using Sys2.Host.Tests.Harness;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Tests.Cli;

public class when_the_command_line_is_misused
{
    [Theory]
    [InlineData("invoices", "check", "x.xml")]
    [InlineData("valdiate", "workflows/")]
    public async Task an_unknown_verb_prints_the_usage_and_exits_2_without_starting_anything(params string[] args)
    {
        // A cluster folder that must not appear: the product would start the private PostgreSQL first.
        var cluster = Path.Combine(Path.GetTempPath(), "sys2-cli-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = new Dictionary<string, string> { [PrivatePostgresPaths.OverrideVariable] = cluster, [DatabaseConnection.EnvironmentVariable] = "" };

        var result = await HostCli.RunAsync(environment, args);

        result.ExitCode.ShouldBe(HostCommandLine.UsageError);
        result.StandardOutput.ShouldBeEmpty();
        result.StandardError.ShouldStartWith("usage: Sys2.Host <verb>");
        result.StandardError.ShouldContain($"'{args[0]}'");
        result.StandardError.ShouldContain("replay <case-id>");
        Directory.Exists(cluster).ShouldBeFalse();
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("test")]
    [InlineData("diagram", "a.yaml", "b.yaml")]
    [InlineData("verify", "SUAP-H769-2026-0000001", "--all")]
    [InlineData("replay", "SUAP-H769-2026-0000001", "--versoin", "2")]
    [InlineData("replay", "SUAP-H769-2026-0000001", "--at", "yesterday")]
    [InlineData("db", "restart")]
    [InlineData("invoice", "check")]
    public async Task a_bad_verb_line_prints_that_verbs_usage_and_exits_2(params string[] args)
    {
        var (exit, output, error) = await Run(args);

        exit.ShouldBe(HostCommandLine.UsageError, error);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"usage: {args[0]}");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("test")]
    [InlineData("diagram")]
    [InlineData("verify")]
    [InlineData("replay")]
    [InlineData("db")]
    [InlineData("db", "start")]
    [InlineData("db", "stop")]
    [InlineData("db", "status")]
    [InlineData("invoice")]
    [InlineData("invoice", "check")]
    [InlineData("run")]
    public async Task help_on_each_verb_describes_it_and_exits_0(params string[] verb)
    {
        var (exit, output, error) = await Run([.. verb, "--help"]);

        exit.ShouldBe(0, error);
        output.ShouldContain("Description:");
        // The program's name is the test runner's here: Sys2.Host on the command line.
        output.ShouldContain($" {string.Join(' ', verb)} ");
    }

    [Fact]
    public async Task help_on_the_root_lists_every_verb()
    {
        var (exit, output, _) = await Run("--help");

        exit.ShouldBe(0);
        foreach (var verb in (string[])["validate", "test", "diagram", "verify", "replay", "db", "invoice", "indicators", "run", .. JasperFxCommands.Verbs])
            output.ShouldContain($"  {verb} ");
    }

    [Fact]
    public void wolverines_and_martens_verbs_are_the_ones_jasperfx_finds() =>
        JasperFxCommands.Discover().ShouldBe(JasperFxCommands.Verbs.Order(StringComparer.Ordinal));

    [Fact]
    public async Task help_on_a_jasperfx_verb_is_jasperfxs_own()
    {
        var result = await HostCli.RunAsync(new Dictionary<string, string>(), "codegen", "--help");

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldContain("codegen preview|write|delete|test");
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await HostCommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
