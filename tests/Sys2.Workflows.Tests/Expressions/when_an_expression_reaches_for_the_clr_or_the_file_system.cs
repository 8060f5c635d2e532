using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public sealed class when_an_expression_reaches_for_the_clr_or_the_file_system : IDisposable
{
    private readonly ExpressionSandbox _sandbox = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("sys2-sandbox-").FullName;
    private readonly string _secretFile;
    private readonly string _secret = $"secret-{Guid.NewGuid():N}";

    public when_an_expression_reaches_for_the_clr_or_the_file_system()
    {
        _secretFile = Path.Combine(_folder, "secret.txt");
        File.WriteAllText(_secretFile, _secret);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("System.IO.File.ReadAllText(PATH)")]
    [InlineData("importNamespace('System.IO').File.ReadAllText(PATH)")]
    [InlineData("clrHelper.unwrap(PATH)")]
    [InlineData("host.lib.System.IO.File.ReadAllText(PATH)")]
    [InlineData("require('fs').readFileSync(PATH, 'utf8')")]
    [InlineData("process.mainModule.require('fs').readFileSync(PATH)")]
    [InlineData("globalThis.System.IO.File.ReadAllText(PATH)")]
    [InlineData("(() => 0).constructor('return System.IO.File.ReadAllText(\"' + PATH + '\")')()")]
    [InlineData("Object.getPrototypeOf(class {}).constructor('return 1')")]
    [InlineData("Object.getPrototypeOf(function* () {}).constructor('yield 1')")]
    [InlineData("Reflect.construct(Object.getPrototypeOf(() => 0).constructor, ['return 1'])")]
    [InlineData("new ShadowRealm().evaluate('1')")]
    [InlineData("fetch('file://' + PATH)")]
    [InlineData("new XMLHttpRequest()")]
    [InlineData("(1).GetType().Assembly")]
    [InlineData("'x'.GetType()")]
    public void reading_a_file_fails_with_a_clear_error(string attempt)
    {
        var expression = attempt.Replace("PATH", $"'{_secretFile}'");

        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        error.Message.ShouldMatch("(ReferenceError|TypeError|EvalError|SyntaxError): ");
        error.ToString().ShouldNotContain(_secret);
    }

    [Fact]
    public void a_dynamic_import_is_refused()
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate($"import('{_secretFile}')", Roots.Practice()));

        error.ToString().ShouldNotContain(_secret);
    }

    [Theory]
    [InlineData("System.IO.File.WriteAllText(PATH, 'pwned')")]
    [InlineData("importNamespace('System.IO').File.Create(PATH)")]
    [InlineData("require('fs').writeFileSync(PATH, 'pwned')")]
    public void writing_a_file_fails_and_creates_nothing(string attempt)
    {
        var target = Path.Combine(_folder, "created.txt");
        var expression = attempt.Replace("PATH", $"'{target}'");

        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        File.Exists(target).ShouldBeFalse();
        Directory.GetFiles(_folder).ShouldBe([_secretFile]);
    }

    [Fact]
    public void only_the_sandbox_globals_exist()
    {
        var names = _sandbox.Evaluate("Reflect.ownKeys(globalThis).map(String).sort()", Roots.Practice())!
            .AsArray().Select(n => n!.GetValue<string>()).ToArray();

        names.ShouldBe(
        [
            "AggregateError", "Array", "BigInt", "Boolean", "Error", "EvalError", "Infinity", "Iterator", "JSON", "Map",
            "Math", "NaN", "Number", "Object", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "String",
            "Symbol", "SyntaxError", "TypeError", "URIError", "WeakMap", "WeakSet", "decodeURI", "decodeURIComponent",
            "encodeURI", "encodeURIComponent", "globalThis", "isFinite", "isNaN", "parseFloat", "parseInt", "undefined",
        ]);
    }
}
