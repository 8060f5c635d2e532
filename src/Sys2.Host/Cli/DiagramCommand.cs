using System.CommandLine;
using Sys2.Workflows.Definitions.Diagrams;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>diagram &lt;file&gt;</c>: prints the definition as a Mermaid flowchart. A file that does not
/// load or validate gets its problems printed (to the error stream, keeping the output a diagram) and exit code 1.
/// </summary>
public static class DiagramCommand
{
    public const string Verb = "diagram";

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "One definition file (YAML)" };
        var command = new Command(Verb, "Prints a definition as a Mermaid flowchart.") { file };
        command.SetAction(parsed =>
        {
            HostCommandLine.UseCallersDirectory();
            return Run(parsed.GetRequiredValue(file), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        });
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            error.WriteLine($"{path}: is a folder; diagram draws one definition file");
            return HostCommandLine.UsageError;
        }
        var loads = ValidateCommand.Load([path]);
        var problems = DefinitionValidator.Validate(loads);
        if (problems.Count > 0 || loads is not [{ Definition: { } definition }])
        {
            foreach (var problem in problems) error.WriteLine(problem);
            error.WriteLine(ValidateCommand.Summary(loads, problems));
            return 1;
        }
        output.Write(MermaidDiagram.Render(definition));
        return 0;
    }
}
