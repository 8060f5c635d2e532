using System.Text.Json.Nodes;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_a_scope_is_built
{
    [Theory]
    [InlineData("case", "reserved word")]
    [InlineData("class", "reserved word")]
    [InlineData("Math", "JavaScript global")]
    [InlineData("JSON", "JavaScript global")]
    [InlineData("my-root", "not a JavaScript identifier")]
    [InlineData("1st", "not a JavaScript identifier")]
    [InlineData("__sys2x", "reserved for the sandbox")]
    public void it_refuses_a_root_an_expression_could_not_read(string name, string reason)
    {
        var error = Should.Throw<ArgumentException>(() => ExpressionScope.Empty.With(name, JsonValue.Create(1)));
        error.Message.ShouldContain($"`{name}`");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void with_adds_or_replaces_a_root_without_changing_the_original()
    {
        var first = ExpressionScope.Empty.With("vars", JsonValue.Create(1));
        var second = first.With("vars", JsonValue.Create(2)).With("event", null);

        first.Roots.Keys.ShouldBe(["vars"]);
        second.Roots["vars"]!.GetValue<int>().ShouldBe(2);
        second.Roots.ContainsKey("event").ShouldBeTrue();
    }

    [Fact]
    public void it_is_not_changed_by_the_dictionary_it_was_built_from()
    {
        var roots = new Dictionary<string, JsonNode?> { ["vars"] = JsonValue.Create(1) };
        var scope = new ExpressionScope(roots);

        roots["inputs"] = JsonValue.Create(2);

        scope.Roots.ContainsKey("inputs").ShouldBeFalse();
    }
}
