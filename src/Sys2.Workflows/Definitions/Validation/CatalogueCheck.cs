namespace Sys2.Workflows.Definitions.Validation;

/// <summary>Activity names in <c>call</c>, events in <c>wait</c> and task roles come from fixed catalogues.</summary>
internal static class CatalogueCheck
{
    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        foreach (var step in graph.StepsInOrder)
        {
            switch (step)
            {
                case CallStep call when !Activities.All.Contains(call.Activity):
                    problems.Add(new(call.ActivityWhere.Or(call.Where),
                        $"step '{call.Name}' calls unknown activity '{call.Activity}'{Known(call.Activity, Activities.All)}"));
                    break;
                case WaitStep wait when !ExternalEvents.All.Contains(wait.Event):
                    problems.Add(new(wait.EventWhere.Or(wait.Where),
                        $"step '{wait.Name}' waits for unknown event '{wait.Event}'{Known(wait.Event, ExternalEvents.All)}"));
                    break;
                case WaitStep { FiledBy: { } roles } wait when !ExternalEvents.AtTheCounter.Contains(wait.Event):
                    problems.Add(new(wait.FiledByWhere.Or(wait.Where),
                        $"step '{wait.Name}': '{wait.Event}' comes from a regional system and is never filed at the counter, so it takes no 'filedBy'"));
                    break;
                case WaitStep { FiledBy: { } roles } wait when roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown:
                    problems.Add(new(wait.FiledByWhere.Or(wait.Where),
                        $"step '{wait.Name}' lets unknown role '{unknown}' file '{wait.Event}'{Known(unknown, Roles.All)}"));
                    break;
                case TaskStep task when !Roles.All.Contains(task.Role):
                    problems.Add(new(task.RoleWhere.Or(task.Where),
                        $"task '{task.Name}' has unknown role '{task.Role}'{Known(task.Role, Roles.All)}"));
                    break;
            }
        }
    }

    private static string Known(string name, IEnumerable<string> known) =>
        Names.Closest(name, known) is { } closest ? $" (did you mean '{closest}'?)" : $" (known: {Names.List(known)})";
}
