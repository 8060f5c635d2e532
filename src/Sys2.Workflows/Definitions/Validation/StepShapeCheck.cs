namespace Sys2.Workflows.Definitions.Validation;

/// <summary>Rules about a single step: a wait's timeout and onTimeout go together; a task has outcomes.</summary>
internal static class StepShapeCheck
{
    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        foreach (var step in graph.StepsInOrder)
        {
            switch (step)
            {
                case WaitStep { Timeout: { } timeout, OnTimeout: null } wait:
                    problems.Add(new(wait.TimeoutWhere.Or(wait.Where),
                        $"step '{wait.Name}' waits with timeout {timeout} but has no onTimeout: name the step that follows the timeout"));
                    break;
                case WaitStep { Timeout: null, OnTimeout: { } onTimeout } wait:
                    problems.Add(new(onTimeout.Where,
                        $"step '{wait.Name}' has onTimeout '{onTimeout.Name}' but its wait has no timeout"));
                    break;
                case TaskStep { Outcomes.Count: 0 } task:
                    problems.Add(new(task.Where, $"task '{task.Name}' has no outcomes: each named outcome leads to a step"));
                    break;
            }
        }
    }
}
