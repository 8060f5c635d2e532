using Acornima.Ast;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// What an expression reads from outside itself: a walk of its syntax tree that tracks the names the expression
/// declares (arrow and function parameters, variables, functions, classes, catch parameters) so that only free
/// identifiers count.
/// </summary>
internal sealed class ExpressionAnalysis
{
    private readonly List<HashSet<string>> _scopes = [];
    private readonly List<ExpressionReference> _references = [];
    private readonly HashSet<string> _freeNames = new(StringComparer.Ordinal);

    private readonly string _expression;

    private ExpressionAnalysis(string expression) => _expression = expression;

    /// <summary>References to roots (free identifiers that are not sandbox globals), in source order.</summary>
    public IReadOnlyList<ExpressionReference> References => _references;

    /// <summary>Every free identifier, globals included.</summary>
    public IReadOnlySet<string> FreeNames => _freeNames;

    /// <exception cref="ExpressionException">With <see cref="ExpressionErrorKind.Syntax"/> when the text does not parse.</exception>
    public static ExpressionAnalysis Of(string expression)
    {
        var tree = ExpressionSyntax.Parse(expression);
        var analysis = new ExpressionAnalysis(expression);
        analysis.Walk(tree);
        analysis._references.Sort((a, b) => a.Column.CompareTo(b.Column));
        return analysis;
    }

    private void Walk(Node? node)
    {
        switch (node)
        {
            case null:
                return;
            case Identifier identifier:
                Reference(identifier, member: null);
                return;
            case MemberExpression member:
                WalkMember(member);
                return;
            case ArrowFunctionExpression or FunctionExpression or FunctionDeclaration:
                WalkFunction((IFunction)node);
                return;
            case AwaitExpression:
                throw NotAvailable(node, "await");
            case ClassExpression or ClassDeclaration:
                WalkClass((IClass)node);
                return;
            case ObjectExpression obj:
                foreach (var property in obj.Properties)
                {
                    if (property is ObjectProperty p)
                    {
                        if (p.Computed) Walk(p.Key);
                        Walk(p.Value);
                    }
                    else Walk(property);
                }
                return;
            case AssignmentExpression assignment:
                WalkTarget(assignment.Left);
                Walk(assignment.Right);
                return;
            case VariableDeclaration declaration:
                foreach (var declarator in declaration.Declarations)
                {
                    WalkPattern(declarator.Id);
                    Walk(declarator.Init);
                }
                return;
            case BlockStatement block:
                Push(LexicalNames(block.Body));
                foreach (var statement in block.Body) Walk(statement);
                Pop();
                return;
            case ForStatement loop:
                Push(loop.Init is VariableDeclaration init ? DeclaredNames(init) : []);
                Walk(loop.Init);
                Walk(loop.Test);
                Walk(loop.Update);
                Walk(loop.Body);
                Pop();
                return;
            case ForInStatement forIn:
                WalkForInOf(forIn.Left, forIn.Right, forIn.Body);
                return;
            case ForOfStatement forOf:
                WalkForInOf(forOf.Left, forOf.Right, forOf.Body);
                return;
            case CatchClause handler:
                var caught = new HashSet<string>(StringComparer.Ordinal);
                if (handler.Param is not null) PatternNames(handler.Param, caught);
                Push(caught);
                if (handler.Param is not null) WalkPattern(handler.Param);
                Walk(handler.Body);
                Pop();
                return;
            case SwitchStatement @switch:
                Walk(@switch.Discriminant);
                var inCases = new HashSet<string>(StringComparer.Ordinal);
                foreach (var @case in @switch.Cases) inCases.UnionWith(LexicalNames(@case.Consequent));
                Push(inCases);
                foreach (var @case in @switch.Cases) Walk(@case);
                Pop();
                return;
            case LabeledStatement labeled:
                Walk(labeled.Body);
                return;
            case BreakStatement or ContinueStatement or MetaProperty or PrivateIdentifier:
                return;
            default:
                foreach (var child in node.ChildNodes) Walk(child);
                return;
        }
    }

    private void WalkMember(MemberExpression member)
    {
        if (member.Object is Identifier root)
        {
            var name = member.Computed
                ? (member.Property as StringLiteral)?.Value
                : (member.Property as Identifier)?.Name;
            Reference(root, name);
        }
        else
        {
            Walk(member.Object);
        }
        if (member.Computed) Walk(member.Property);
    }

    private void WalkFunction(IFunction function)
    {
        if (function.Async) throw NotAvailable(function.Node, "an async function");
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (function is FunctionExpression { Id: { } ownName }) names.Add(ownName.Name);
        if (function is not ArrowFunctionExpression) names.Add("arguments");
        foreach (var parameter in function.Params) PatternNames(parameter, names);
        if (function.Body is FunctionBody body)
        {
            VarNames(body, names);
            names.UnionWith(LexicalNames(body.Body));
        }
        Push(names);
        foreach (var parameter in function.Params) WalkPattern(parameter);
        if (function.Body is FunctionBody statements)
        {
            foreach (var statement in statements.Body) Walk(statement);
        }
        else
        {
            Walk(function.Body);
        }
        Pop();
    }

    private void WalkClass(IClass @class)
    {
        Walk(@class.SuperClass);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (@class is ClassExpression { Id: { } ownName }) names.Add(ownName.Name);
        Push(names);
        foreach (var element in @class.Body.Body)
        {
            if (element is ClassProperty property)
            {
                if (property.Computed) Walk(property.Key);
                Walk(property.Value);
            }
            else
            {
                Walk(element);
            }
        }
        Pop();
    }

    private void WalkForInOf(Node left, Expression right, Statement body)
    {
        Walk(right);
        if (left is VariableDeclaration declaration)
        {
            Push(declaration.Kind == VariableDeclarationKind.Var ? [] : DeclaredNames(declaration));
            Walk(declaration);
            Walk(body);
            Pop();
        }
        else
        {
            WalkTarget(left);
            Walk(body);
        }
    }

    /// <summary>A binding pattern: its identifiers are declarations; defaults and computed keys are read.</summary>
    private void WalkPattern(Node? pattern)
    {
        switch (pattern)
        {
            case null or Identifier:
                return;
            case AssignmentPattern assignment:
                WalkPattern(assignment.Left);
                Walk(assignment.Right);
                return;
            case ArrayPattern array:
                foreach (var element in array.Elements) WalkPattern(element);
                return;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                {
                    if (property is AssignmentProperty p)
                    {
                        if (p.Computed) Walk(p.Key);
                        WalkPattern(p.Value);
                    }
                    else WalkPattern(property);
                }
                return;
            case RestElement rest:
                WalkPattern(rest.Argument);
                return;
            default:
                Walk(pattern);
                return;
        }
    }

    /// <summary>An assignment target: its identifiers are references being written.</summary>
    private void WalkTarget(Node? target)
    {
        switch (target)
        {
            case null:
                return;
            case AssignmentPattern assignment:
                WalkTarget(assignment.Left);
                Walk(assignment.Right);
                return;
            case ArrayPattern array:
                foreach (var element in array.Elements) WalkTarget(element);
                return;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                {
                    if (property is AssignmentProperty p)
                    {
                        if (p.Computed) Walk(p.Key);
                        WalkTarget(p.Value);
                    }
                    else WalkTarget(property);
                }
                return;
            case RestElement rest:
                WalkTarget(rest.Argument);
                return;
            default:
                Walk(target);
                return;
        }
    }

    private void Reference(Identifier identifier, string? member)
    {
        var name = identifier.Name;
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].Contains(name)) return;
        }
        _freeNames.Add(name);
        if (!RootNames.Globals.Contains(name))
            _references.Add(new ExpressionReference(name, member, identifier.Start + 1));
    }

    /// <summary>
    /// Asynchronous code would leave promise jobs behind that run during a later evaluation, so it is refused as
    /// a syntax the sandbox does not offer.
    /// </summary>
    private ExpressionException NotAvailable(Node node, string what)
        => new(_expression, ExpressionErrorKind.Syntax, $"{what} is not available in expressions, which run synchronously", node.Start + 1);

    private void Push(HashSet<string> names) => _scopes.Add(names);

    private void Pop() => _scopes.RemoveAt(_scopes.Count - 1);

    private static HashSet<string> DeclaredNames(VariableDeclaration declaration)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declarator in declaration.Declarations) PatternNames(declarator.Id, names);
        return names;
    }

    /// <summary>Names a statement list declares for its block: let, const, class and function declarations.</summary>
    private static HashSet<string> LexicalNames(in NodeList<Statement> statements)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case VariableDeclaration { Kind: not VariableDeclarationKind.Var } declaration:
                    foreach (var declarator in declaration.Declarations) PatternNames(declarator.Id, names);
                    break;
                case ClassDeclaration { Id: { } id }:
                    names.Add(id.Name);
                    break;
                case FunctionDeclaration { Id: { } id }:
                    names.Add(id.Name);
                    break;
            }
        }
        return names;
    }

    /// <summary>The <c>var</c> names a function body hoists (nested functions and classes keep their own).</summary>
    private static void VarNames(Node node, HashSet<string> names)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IFunction or IClass:
                    continue;
                case VariableDeclaration { Kind: VariableDeclarationKind.Var } declaration:
                    foreach (var declarator in declaration.Declarations) PatternNames(declarator.Id, names);
                    break;
            }
            VarNames(child, names);
        }
    }

    private static void PatternNames(Node? pattern, HashSet<string> names)
    {
        switch (pattern)
        {
            case Identifier identifier:
                names.Add(identifier.Name);
                break;
            case AssignmentPattern assignment:
                PatternNames(assignment.Left, names);
                break;
            case ArrayPattern array:
                foreach (var element in array.Elements) PatternNames(element, names);
                break;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                {
                    PatternNames(property is AssignmentProperty p ? p.Value : property, names);
                }
                break;
            case RestElement rest:
                PatternNames(rest.Argument, names);
                break;
        }
    }
}
