using System.Text.RegularExpressions;

namespace Sys2.Workflows.Definitions.Validation;

/// <summary>
/// A clock that starts <c>from:</c> an input or a variable reads one that can hold a date: declared
/// <c>date</c> (or <c>string</c>, for a date-time kept as text). A receipt's date in a <c>money</c>
/// or a <c>party</c> would fall back to the step's moment at every case, silently in the design.
/// </summary>
internal static partial class ClockStartCheck
{
    private static readonly FieldType[] Dated = [FieldType.Date, FieldType.String];

    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        var d = graph.Definition;
        foreach (var step in graph.StepsInOrder)
        {
            var dates = step.Clocks.Where(o => o.From is not null).Select(o => (What: $"runs clock '{o.Clock}'", From: o.From!))
                .Concat(step is WaitStep { TimeoutFrom: { } timeout } ? [(What: "times out", From: timeout)] : []);
            foreach (var (what, from) in dates)
            {
                if (Plain().Match(from.Text.Trim()) is not { Success: true } m) continue;
                var fields = m.Groups["root"].Value == ExpressionRoots.Inputs ? d.Inputs : d.Variables;
                if (fields.TryGetValue(m.Groups["name"].Value, out var field) && !Dated.Contains(field.Type))
                    problems.Add(new(from.Where,
                        $"step '{step.Name}' {what} from {from.Text}, which is declared {KebabCase.Of(field.Type)}: "
                        + "'from' needs a date or a date-time (declare it type: date)"));
            }
        }
    }

    [GeneratedRegex(@"^(?<root>inputs|vars)\.(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex Plain();
}
