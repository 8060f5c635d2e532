using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_references_are_found
{
    private static ExpressionReference[] Find(string expression) => ExpressionReferences.Find(expression).ToArray();

    [Fact]
    public void it_gives_the_root_and_its_first_member_of_a_nested_chain()
    {
        Find("inputs.applicant.name").ShouldBe([new ExpressionReference("inputs", "applicant", 1)]);
    }

    [Fact]
    public void it_gives_every_reference_with_its_column_in_source_order()
    {
        Find("vars.fee > 0 && inputs.applicant.type == 'G'").ShouldBe(
        [
            new ExpressionReference("vars", "fee", 1),
            new ExpressionReference("inputs", "applicant", 17),
        ]);
    }

    [Fact]
    public void it_reads_a_computed_member_named_by_a_string_literal()
    {
        Find("vars['fee'] + vars[\"rate\"]").ShouldBe(
        [
            new ExpressionReference("vars", "fee", 1),
            new ExpressionReference("vars", "rate", 15),
        ]);
    }

    [Fact]
    public void it_leaves_the_member_unknown_when_it_is_computed_otherwise()
    {
        Find("vars[key]").ShouldBe(
        [
            new ExpressionReference("vars", null, 1),
            new ExpressionReference("key", null, 6),
        ]);
        Find("inputs.items[0].fee").ShouldBe([new ExpressionReference("inputs", "items", 1)]);
        Find("result[0]").ShouldBe([new ExpressionReference("result", null, 1)]);
    }

    [Fact]
    public void it_follows_optional_chaining_and_calls()
    {
        Find("inputs?.applicant?.name.toUpperCase()").ShouldBe([new ExpressionReference("inputs", "applicant", 1)]);
    }

    [Fact]
    public void it_does_not_count_arrow_function_parameters_as_roots()
    {
        Find("inputs.items.map(item => item.fee * vars.rate)").ShouldBe(
        [
            new ExpressionReference("inputs", "items", 1),
            new ExpressionReference("vars", "rate", 37),
        ]);
        Find("inputs.items.map(({ fee }, i) => fee + i)").ShouldBe([new ExpressionReference("inputs", "items", 1)]);
        Find("inputs.items.reduce((sum, { fee = vars.fee }) => sum + fee, 0)").ShouldBe(
        [
            new ExpressionReference("inputs", "items", 1),
            new ExpressionReference("vars", "fee", 35),
        ]);
    }

    [Fact]
    public void it_does_not_count_what_a_function_expression_declares()
    {
        const string expression = "(function total() { let sum = 0; for (const item of inputs.items) { sum += item.fee; } return total.name ? sum : arguments.length; })()";
        Find(expression).Select(r => (r.Root, r.Member)).ShouldBe([("inputs", "items")]);
    }

    [Fact]
    public void it_counts_an_arrow_parameter_name_as_a_root_outside_that_arrow()
    {
        Find("inputs.items.map(vars => vars.fee).concat(vars.code)").ShouldBe(
        [
            new ExpressionReference("inputs", "items", 1),
            new ExpressionReference("vars", "code", 43),
        ]);
    }

    [Fact]
    public void it_skips_the_sandbox_globals()
    {
        Find("Math.max(vars.fee, 1) + JSON.stringify(x) + parseInt('1') + parseFloat('2') + isNaN(y) + Number(z) + String(1) + Boolean(0) + Array.isArray([]) + Object.keys({}) + undefined + NaN + Infinity")
            .Select(r => r.Root).ShouldBe(["vars", "x", "y", "z"]);
    }

    [Fact]
    public void it_reports_names_the_sandbox_does_not_offer_as_roots()
    {
        Find("Date.now() + Math.random()").ShouldBe([new ExpressionReference("Date", "now", 1)]);
    }

    [Fact]
    public void it_reads_roots_in_templates_and_object_literals_but_not_property_keys()
    {
        Find("`${inputs.applicant.name} (${vars.code})`").Select(r => (r.Root, r.Member)).ShouldBe([("inputs", "applicant"), ("vars", "code")]);
        Find("({ fee: vars.fee, inputs, [now]: 1 })").ShouldBe(
        [
            new ExpressionReference("vars", "fee", 9),
            new ExpressionReference("inputs", null, 19),
            new ExpressionReference("now", null, 28),
        ]);
    }

    [Fact]
    public void it_reports_a_bare_root()
    {
        Find("now").ShouldBe([new ExpressionReference("now", null, 1)]);
    }

    [Fact]
    public void it_reports_a_syntax_error_with_its_column()
    {
        var error = Should.Throw<ExpressionException>(() => ExpressionReferences.Find("vars.fee > 0 && )"));
        error.Kind.ShouldBe(ExpressionErrorKind.Syntax);
        error.Column.ShouldBe(17);
        error.Message.ShouldContain("column 17");
        error.Message.ShouldContain("`vars.fee > 0 && )`");
    }
}
