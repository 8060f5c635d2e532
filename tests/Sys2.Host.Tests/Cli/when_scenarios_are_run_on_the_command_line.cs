using Sys2.Host;
using Sys2.Host.Cli;

namespace Sys2.Host.Tests.Cli;

public class when_scenarios_are_run_on_the_command_line
{
    private static readonly string Workflows = Path.Combine(RepositoryRoot.Find(), "workflows");

    [Fact]
    public async Task the_shipped_scenarios_pass_and_exit_0()
    {
        var (exit, output, error) = await Run("test", Workflows);

        exit.ShouldBe(0, output + error);
        output.ShouldEndWith("all passed" + Environment.NewLine);
    }

    [Fact]
    public async Task a_failing_expectation_is_printed_as_file_line_expected_was_and_exits_1()
    {
        var folder = Directory.CreateTempSubdirectory("sys2-scenarios-").FullName;
        try
        {
            File.Copy(Path.Combine(Workflows, "suap", "scia.yaml"), Path.Combine(folder, "scia.yaml"));
            var scenarios = Path.Combine(folder, "scia.scenarios.yaml");
            await File.WriteAllTextAsync(scenarios, """
                definition: suap.scia
                answers:
                  procedimarche.lookup: { fees: { istruttoria: 0 } }
                  protocol.register: { number: "1", date: "2026-03-02" }
                scenarios:
                  - name: wrong due date
                    opened: 2026-03-02T09:00
                    inputs:
                      applicant: { fiscalCode: RSSMRA45D25F205N, name: Mario Rossi }
                      activity: negozio
                      segnalazione: { name: scia.pdf, sha256: f313d7005e1f24d2b038b09114879d8d1d57991602eabff7cbad62ce495250ed }
                    timeline:
                      - expect: { clocks: { control: 2026-05-01 } }
                """);

            var (exit, output, _) = await Run("test", scenarios);

            exit.ShouldBe(1);
            output.ShouldContain($"scia.scenarios.yaml:13: expected clock control due 2026-05-01, was 2026-05-02{Environment.NewLine}");
            output.ShouldEndWith("1 of 1 scenario failed (1 failure)" + Environment.NewLine);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await HostCommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
