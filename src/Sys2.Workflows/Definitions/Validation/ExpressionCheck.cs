using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Definitions.Validation;

/// <summary>
/// Expressions parse, and read only what is there: <c>inputs</c>, <c>vars</c>, <c>case</c> and
/// <c>now</c> everywhere, <c>result</c> in the <c>out</c> of a call, <c>event</c> in the <c>out</c>
/// of a wait, <c>form</c> in the <c>out</c> of a task; inputs, variables and form fields must be
/// declared, and <c>out</c> writes only declared variables. The <c>from:</c> of a clock's start is an
/// expression like any other.
/// </summary>
internal static class ExpressionCheck
{
    private static readonly string[] Everywhere = [ExpressionRoots.Inputs, ExpressionRoots.Vars, ExpressionRoots.Case, ExpressionRoots.Now];

    /// <summary>What <c>case.</c> offers an expression.</summary>
    private static readonly string[] CaseFields = ["id", "tenant", "kind", "openedAt", "clocks"];

    /// <summary>Where each mapping-only root may be read.</summary>
    private static readonly Dictionary<string, string> OnlyIn = new(StringComparer.Ordinal)
    {
        [ExpressionRoots.Result] = "the out of a call",
        [ExpressionRoots.Event] = "the out of a wait",
        [ExpressionRoots.Form] = "the out of a task",
    };

    private sealed record Site(Expression Expression, string? ExtraRoot, TaskStep? Task);

    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        var d = graph.Definition;
        foreach (var when in d.Clocks.Values.Select(c => c.OnExpiry.When).OfType<Expression>())
            Check(d, new Site(when, null, null), problems);
        foreach (var step in graph.StepsInOrder)
        {
            foreach (var site in Sites(step)) Check(d, site, problems);
            foreach (var mapping in Outs(step))
                if (!d.Variables.ContainsKey(mapping.Target))
                    problems.Add(new(mapping.Where,
                        $"step '{step.Name}' writes unknown variable '{mapping.Target}' (out) (declared: {Names.List(d.Variables.Keys)})"));
        }
    }

    private static IEnumerable<Mapping> Outs(Step step) => step switch
    {
        TaskStep task => task.Out,
        CallStep call => call.Out,
        WaitStep wait => wait.Out,
        _ => [],
    };

    private static IEnumerable<Site> Sites(Step step) => StartDates(step).Concat(step switch
    {
        DecisionStep decision => decision.Branches.Select(b => new Site(b.When, null, null)),
        CallStep call => call.With.Select(m => new Site(m.Source, null, null))
            .Concat(call.Out.Select(m => new Site(m.Source, ExpressionRoots.Result, null))),
        WaitStep wait => wait.Out.Select(m => new Site(m.Source, ExpressionRoots.Event, null))
            .Concat(wait.Match is { } match ? [new Site(match, ExpressionRoots.Event, null)] : [])
            .Concat(wait.Check is { } check ? [new Site(check, ExpressionRoots.Event, null)] : []),
        TaskStep task => task.Out.Select(m => new Site(m.Source, ExpressionRoots.Form, task)),
        _ => [],
    });

    /// <summary>The <c>from:</c> of each <c>start</c>: read when the step is entered, before anything else.</summary>
    private static IEnumerable<Site> StartDates(Step step) =>
        step.Clocks.Where(o => o.From is not null).Select(o => new Site(o.From!, null, null))
            .Concat(step is WaitStep { TimeoutFrom: { } from } ? [new Site(from, null, null)] : []);

    private static void Check(WorkflowDefinition d, Site site, List<DefinitionProblem> problems)
    {
        var expression = site.Expression;
        IReadOnlyList<ExpressionReference> references;
        try
        {
            references = ExpressionReferences.Find(expression.Text);
        }
        catch (ExpressionException e)
        {
            var what = e.Kind == ExpressionErrorKind.Syntax ? "is not valid JavaScript" : "cannot be checked";
            var hint = e.Cause.Contains("'case'", StringComparison.Ordinal) && expression.Text.Contains("case", StringComparison.Ordinal)
                ? " (`case` is a JavaScript reserved word: an expression cannot read a root named case)"
                : "";
            problems.Add(new(e.Column is { } column ? At(expression, column) : expression.Where,
                $"expression `{expression.Text}` {what}: {e.Cause}{hint}"));
            return;
        }

        foreach (var reference in references)
        {
            var message = Unknown(d, site, reference);
            if (message is not null)
                problems.Add(new(At(expression, reference.Column), $"expression `{expression.Text}` {message}"));
        }
    }

    private static string? Unknown(WorkflowDefinition d, Site site, ExpressionReference reference)
    {
        var root = reference.Root;
        var member = reference.Member;
        if (root == site.ExtraRoot || Everywhere.Contains(root))
        {
            return root switch
            {
                ExpressionRoots.Inputs when member is not null && !d.Inputs.ContainsKey(member) =>
                    $"reads unknown input '{member}' (declared: {Names.List(d.Inputs.Keys)})",
                ExpressionRoots.Vars when member is not null && !d.Variables.ContainsKey(member) =>
                    $"reads unknown variable '{member}' (declared: {Names.List(d.Variables.Keys)})",
                ExpressionRoots.Case when member is not null && !CaseFields.Contains(member) =>
                    $"reads unknown case field '{member}' (known: {Names.List(CaseFields)})",
                ExpressionRoots.Form when member is not null && site.Task is { } task && !task.Form.ContainsKey(member) =>
                    $"reads unknown form field '{member}' of task '{task.Name}' (declared: {Names.List(task.Form.Keys)})",
                _ => null,
            };
        }
        if (OnlyIn.TryGetValue(root, out var where))
            return $"reads '{root}', which only {where} can read";
        var allowed = site.ExtraRoot is null ? Everywhere : [.. Everywhere, site.ExtraRoot];
        return $"reads unknown name '{root}'{Names.DidYouMean(root, allowed)} (expressions read {Names.List(allowed)})";
    }

    /// <summary>The position of a column inside the expression, when the expression's text maps onto one line.</summary>
    private static SourceSpan At(Expression expression, int column) =>
        expression.TextStart is { } start && column >= 1 && !expression.Text.Contains('\n') && column <= expression.Text.Length + 1
            ? start with { Column = start.Column + column - 1 }
            : expression.Where;
}
