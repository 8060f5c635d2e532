using System.Text.Json.Nodes;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_a_mapping_is_evaluated
{
    private readonly ExpressionSandbox _sandbox = new();
    private readonly ExpressionScope _practice = Roots.Practice();

    [Fact]
    public void it_reads_nested_members_of_the_roots()
    {
        _sandbox.Evaluate("inputs.applicant.city", _practice)!.GetValue<string>().ShouldBe("Forlì");
        _sandbox.Evaluate("result.fees.istruttoria", _practice)!.GetValue<double>().ShouldBe(12.5);
        _sandbox.Evaluate("inputs.items[1].fee", _practice)!.GetValue<double>().ShouldBe(32.5);
    }

    [Fact]
    public void it_concatenates_italian_accented_text()
    {
        _sandbox.Evaluate("'SUAP – ' + inputs.applicant.name", _practice)!.GetValue<string>()
            .ShouldBe("SUAP – Società Agricola Perù");
        _sandbox.Evaluate("`${inputs.applicant.name.toUpperCase()} (${inputs.applicant.city})`", _practice)!.GetValue<string>()
            .ShouldBe("SOCIETÀ AGRICOLA PERÙ (Forlì)");
        _sandbox.Evaluate("'è'.length + 'perché'.indexOf('é')", _practice)!.GetValue<long>().ShouldBe(6);
    }

    [Fact]
    public void it_returns_numbers_booleans_and_null()
    {
        _sandbox.Evaluate("result.fees.bollo * 2", _practice)!.GetValue<long>().ShouldBe(32);
        _sandbox.Evaluate("vars.fee * vars.rate", _practice)!.GetValue<double>().ShouldBe(48.5 * 0.22);
        _sandbox.Evaluate("inputs.applicant.type === 'G'", _practice)!.GetValue<bool>().ShouldBeTrue();
        _sandbox.Evaluate("null", _practice).ShouldBeNull();
    }

    [Fact]
    public void it_returns_objects_and_arrays_as_json()
    {
        var value = _sandbox.Evaluate(
            "({ total: inputs.items.reduce((sum, item) => sum + item.fee, 0), tags: ['suap', vars.code], none: null, gone: undefined, nested: { ok: true } })",
            _practice);

        JsonNode.DeepEquals(value, JsonNode.Parse("""
            { "total": 48.5, "tags": ["suap", "SUAP-7"], "none": null, "nested": { "ok": true } }
            """)).ShouldBeTrue(value?.ToJsonString());
    }

    [Fact]
    public void it_returns_a_root_unchanged()
    {
        var value = _sandbox.Evaluate("inputs", _practice);
        JsonNode.DeepEquals(value, _practice.Roots["inputs"]).ShouldBeTrue(value?.ToJsonString());
    }

    [Fact]
    public void it_returns_null_for_undefined()
    {
        _sandbox.Evaluate("inputs.applicant.missing", _practice).ShouldBeNull();
        _sandbox.Evaluate("undefined", _practice).ShouldBeNull();
    }

    [Fact]
    public void it_reads_roots_built_from_clr_values()
    {
        var scope = ExpressionScope.Empty
            .With("vars", new JsonObject
            {
                ["count"] = JsonValue.Create(3),
                ["amount"] = JsonValue.Create(2.5m),
                ["big"] = JsonValue.Create(10_000_000_000L),
                ["ratio"] = JsonValue.Create(0.5f),
                ["name"] = JsonValue.Create("Comune di Cesena"),
                ["flag"] = JsonValue.Create(true),
                ["list"] = new JsonArray(1, "due", null),
            });

        _sandbox.Evaluate("vars.count + vars.amount + vars.big + vars.ratio", scope)!.GetValue<double>().ShouldBe(10_000_000_006);
        _sandbox.Evaluate("vars.name + ' ' + vars.flag + ' ' + vars.list.length + vars.list[1] + vars.list[2]", scope)!
            .GetValue<string>().ShouldBe("Comune di Cesena true 3duenull");
    }

    [Fact]
    public void it_reports_a_root_the_scope_lacks_as_a_reference_error()
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate("vars.fee", ExpressionScope.Empty));
        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        error.Message.ShouldContain("ReferenceError: vars is not defined");
    }

    [Fact]
    public void it_tells_a_missing_root_apart_from_a_present_one_on_the_same_expression()
    {
        const string expression = "typeof vars === 'undefined' ? 'none' : vars.code";
        _sandbox.Evaluate(expression, ExpressionScope.Empty)!.GetValue<string>().ShouldBe("none");
        _sandbox.Evaluate(expression, _practice)!.GetValue<string>().ShouldBe("SUAP-7");
        _sandbox.Evaluate(expression, ExpressionScope.Empty)!.GetValue<string>().ShouldBe("none");
    }

    [Theory]
    [InlineData("inputs.applicant.name = 'Altro'")]
    [InlineData("inputs.items.push({ fee: 1 })")]
    [InlineData("inputs.items.sort((a, b) => b.fee - a.fee)")]
    [InlineData("delete inputs.applicant.city")]
    [InlineData("(inputs.items.length = 0)")]
    [InlineData("Object.assign(inputs.applicant, { type: 'F' })")]
    public void it_cannot_change_the_roots(string mutation)
    {
        var before = _practice.Roots["inputs"]!.ToJsonString();

        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(mutation, _practice));

        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        error.Message.ShouldContain("TypeError");
        _practice.Roots["inputs"]!.ToJsonString().ShouldBe(before);
        _sandbox.Evaluate("inputs.items.length + inputs.applicant.name", _practice)!.GetValue<string>().ShouldBe("2Società Agricola Perù");
    }

    [Fact]
    public void it_can_work_on_a_copy_of_a_root()
    {
        _sandbox.Evaluate("[...inputs.items].sort((a, b) => b.fee - a.fee).map(i => i.fee)", _practice)!.ToJsonString().ShouldBe("[32.5,16]");
        _sandbox.Evaluate("({ ...inputs.applicant, type: 'F' }).type", _practice)!.GetValue<string>().ShouldBe("F");
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("0 / 0")]
    [InlineData("() => vars.fee")]
    [InlineData("Symbol('x')")]
    [InlineData("BigInt(1)")]
    [InlineData("(() => { const o = {}; o.self = o; return o; })()")]
    [InlineData("({ get fee() { return 1; } })")]
    public void it_refuses_a_result_json_cannot_hold(string expression)
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, _practice));
        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        error.Expression.ShouldBe(expression);
    }

    [Fact]
    public void it_follows_json_stringify_inside_results()
    {
        _sandbox.Evaluate("[undefined, () => 1, 1 / 0, -0]", _practice)!.ToJsonString().ShouldBe("[null,null,null,0]");
    }

    [Fact]
    public void it_names_the_expression_and_the_column_of_a_runtime_error()
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate("vars.code + inputs.applicant.missing.name", _practice));
        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        error.Column.ShouldBe(38);
        error.Message.ShouldStartWith("expression `vars.code + inputs.applicant.missing.name` failed at column 38: TypeError:");
    }
}
