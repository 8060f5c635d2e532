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
    public const string Usage = "usage: diagram <file>   (prints a Mermaid flowchart)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args is not [var path] || path is "-h" or "--help")
        {
            error.WriteLine(Usage);
            return 2;
        }
        if (Directory.Exists(path))
        {
            error.WriteLine($"{path}: is a folder; diagram draws one definition file");
            return 2;
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
