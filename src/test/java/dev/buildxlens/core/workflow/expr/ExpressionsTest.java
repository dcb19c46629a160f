package dev.buildxlens.core.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The expression language as GitHub evaluates it, and what stays unknown. */
class ExpressionsTest {

    private static final Function<String, Value> CONTEXTS = name -> switch (name) {
        case "env" -> new Value.Obj(Map.of("REGISTRY", new Value.Str("ghcr.io"), "EMPTY", new Value.Str("")));
        case "matrix" -> new Value.Obj(Map.of("os", new Value.Str("ubuntu"), "n", new Value.Number(3)));
        case "inputs" -> new Value.Obj(Map.of("push", Value.TRUE, "tag", new Value.Unknown("inputs.tag", "inputs.tag"),
                "mode", new Value.Unknown("inputs.mode", "inputs.mode")));
        case "github" -> new Value.Obj(Map.of("event_name", new Value.Str("push"), "sha", Value.Unknown.placeholder("github.sha", "abc123"),
                "ref", Value.Unknown.placeholder("github.ref", "refs/heads/main")));
        case "secrets" -> new Value.Unknown("secrets", "secrets");
        default -> Value.NULL;
    };

    private static Value eval(String expression) {
        return Expressions.evaluate(expression, CONTEXTS, Assumptions.none());
    }

    @Test
    void literals_operators_and_coercion_follow_github() {
        assertThat(eval("1 == '1'")).isEqualTo(Value.TRUE);
        assertThat(eval("'ABC' == 'abc'")).as("strings compare ignoring case").isEqualTo(Value.TRUE);
        assertThat(eval("null == 0")).isEqualTo(Value.TRUE);
        assertThat(eval("'' || 'fallback'")).isEqualTo(new Value.Str("fallback"));
        assertThat(eval("'a' && 'b'")).isEqualTo(new Value.Str("b"));
        assertThat(eval("!env.EMPTY")).isEqualTo(Value.TRUE);
        assertThat(eval("matrix.n > 2 && matrix.os == 'ubuntu'")).isEqualTo(Value.TRUE);
        assertThat(eval("0x10 == 16")).isEqualTo(Value.TRUE);
        assertThat(eval("'it''s'")).isEqualTo(new Value.Str("it's"));
        assertThat(eval("env['REGISTRY']")).isEqualTo(new Value.Str("ghcr.io"));
        assertThat(eval("MATRIX.OS")).as("contexts and properties ignore case").isEqualTo(new Value.Str("ubuntu"));
    }

    @Test
    void functions_workflows_use() {
        assertThat(eval("format('{0}/{1}:{{x}}', env.REGISTRY, matrix.os)")).isEqualTo(new Value.Str("ghcr.io/ubuntu:{x}"));
        assertThat(eval("contains('Hello', 'ELL')")).isEqualTo(Value.TRUE);
        assertThat(eval("contains(fromJSON('[\"a\",\"b\"]'), 'b')")).isEqualTo(Value.TRUE);
        assertThat(eval("startsWith('refs/tags/v1', 'refs/tags/')")).isEqualTo(Value.TRUE);
        assertThat(eval("endsWith('x.Dockerfile', '.dockerfile')")).isEqualTo(Value.TRUE);
        assertThat(eval("join(fromJSON('[1,2]'), '-')")).isEqualTo(new Value.Str("1-2"));
        assertThat(eval("fromJSON('{\"include\":[{\"f\":\"D\"}]}').include[0].f")).isEqualTo(new Value.Str("D"));
        assertThat(eval("toJSON(matrix.os)")).isEqualTo(new Value.Str("\"ubuntu\""));
        assertThat(eval("success() && !failure() && always() && !cancelled()")).isEqualTo(Value.TRUE);
        assertThat(eval("fromJSON('[{\"a\":1},{\"a\":2}]').*.a")).isEqualTo(new Value.Array(List.of(new Value.Number(1), new Value.Number(2))));
    }

    @Test
    void unknown_values_stay_symbolic_and_name_what_would_decide_them() {
        assertThat(eval("secrets.TOKEN")).isEqualTo(new Value.Unknown("secrets.TOKEN", "secrets.TOKEN"));
        assertThat(eval("inputs.push || inputs.tag")).as("known before unknown decides").isEqualTo(Value.TRUE);
        Evaluator evaluator = new Evaluator(CONTEXTS, Assumptions.none());
        try {
            Value value = evaluator.evaluate(Expression.parse("inputs.mode == 'fast'"));
            assertThat(value.known()).isFalse();
            assertThat(evaluator.question()).isEqualTo(new Evaluator.Question.Equals("inputs.mode", "inputs.mode", new Value.Str("fast")));
        } catch (Expression.SyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void text_keeps_unknown_parts_as_written_and_uses_placeholders() {
        Expressions.Interpolated text = Expressions.interpolate("localhost:5000/${{ secrets.USER }}/app:${{ github.sha }}", CONTEXTS,
                Assumptions.none());
        assertThat(text.text()).isEqualTo("localhost:5000/${{ secrets.USER }}/app:abc123");
        assertThat(text.unknown()).containsExactly("secrets.USER");
        assertThat(Expressions.interpolate("${{ fromJSON('[1]') }}", CONTEXTS, Assumptions.none()).value())
                .as("one expression keeps its type").isEqualTo(new Value.Array(List.of(new Value.Number(1))));
        assertThat(Expressions.interpolate("${{ 'a }}' }}b", CONTEXTS, Assumptions.none()).text()).isEqualTo("a }}b");
        assertThat(Expressions.interpolate("${{ (( }}", CONTEXTS, Assumptions.none()).complete()).as("a syntax error is unknown, not a crash")
                .isFalse();
    }

    @Test
    void conditions_with_and_without_braces_and_the_implicit_success() {
        assertThat(Expressions.condition("false", CONTEXTS, Assumptions.none()).runs()).isFalse();
        assertThat(Expressions.condition("${{ github.event_name == 'push' }}", CONTEXTS, Assumptions.none()).runs()).isTrue();
        assertThat(Expressions.condition("failure()", CONTEXTS, Assumptions.none()).runs()).as("only the success path is simulated").isFalse();
        assertThat(Expressions.condition("${{ env.EMPTY }} == 'x'", CONTEXTS, Assumptions.none()).runs())
                .as("text around an expression is a non-empty string: always true").isTrue();
        assertThat(Expressions.condition(null, CONTEXTS, Assumptions.none()).runs()).isTrue();
    }

    @Test
    void a_path_decides_a_condition_and_its_contradiction_consistently() {
        Expressions.Outcome first = Expressions.condition("inputs.tag", CONTEXTS, Assumptions.none());
        assertThat(first.runs()).isNull();
        Assumptions set = Assumptions.none().with(first.question(), true);
        Assumptions unset = Assumptions.none().with(first.question(), false);
        assertThat(Expressions.condition("${{ !inputs.tag }}", CONTEXTS, set).runs()).isFalse();
        assertThat(Expressions.condition("${{ !inputs.tag }}", CONTEXTS, unset).runs()).isTrue();
        assertThat(set.described()).containsExactly("inputs.tag is true");

        Expressions.Outcome mode = Expressions.condition("inputs.mode == 'a'", CONTEXTS, Assumptions.none());
        Assumptions a = Assumptions.none().with(mode.question(), true);
        Assumptions notA = Assumptions.none().with(mode.question(), false);
        assertThat(Expressions.condition("inputs.mode == 'b'", CONTEXTS, a).runs()).as("'a' is not 'b'").isFalse();
        assertThat(Expressions.condition("inputs.mode != 'a'", CONTEXTS, notA).runs()).isTrue();
        assertThat(Expressions.condition("inputs.mode == 'b'", CONTEXTS, notA).runs()).as("not 'a' says nothing of 'b'").isNull();

        Expressions.Outcome call = Expressions.condition("startsWith(github.ref, 'refs/tags/')", CONTEXTS, Assumptions.none());
        assertThat(call.runs()).isNull();
        assertThat(Expressions.condition("startsWith(github.ref, 'refs/tags/')", CONTEXTS,
                Assumptions.none().with(call.question(), true)).runs()).as("the call itself is what the path decides").isTrue();
    }
}
