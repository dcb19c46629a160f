package dev.buildxlens.core.bake.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HclParserTest {

    private static Body parse(String text) throws HclException {
        return HclParser.parse("docker-bake.hcl", text);
    }

    /** Evaluates the attribute {@code x} of a one-line file with only the standard library and {@code names}. */
    static Value eval(String expression, Map<String, Value> names) throws HclException {
        Body body = parse("x = " + expression + "\n");
        Budget budget = new Budget();
        Stdlib stdlib = new Stdlib(Clock.systemUTC(), "/home/dev", budget);
        Scope root = new Scope() {
            @Override
            public Lookup lookup(String name, List<Expr.Step> steps, SourceRange at) throws HclException {
                Value value = names.get(name);
                if (value == null) {
                    throw new HclException(HclException.Kind.UNKNOWN_VARIABLE, at, "Unknown variable " + name);
                }
                return new Lookup(value, 0);
            }

            @Override
            public HclFunction function(String name, SourceRange at) throws HclException {
                HclFunction f = stdlib.function(name);
                if (f == null) {
                    throw new HclException(HclException.Kind.UNKNOWN_FUNCTION, at, "no function " + name);
                }
                return f;
            }
        };
        return new Evaluator(budget).eval(body.attributes().get("x").expr(), root);
    }

    static Value eval(String expression) throws HclException {
        return eval(expression, Map.of());
    }

    @Test
    void blocks_take_quoted_and_bare_labels_and_keep_the_places_of_braces_and_attributes() throws Exception {
        String text = """
                # comment
                target "app" {
                  tags = ["a"]  // trailing comment
                  /* block
                     comment */
                  context = "."
                }
                function get_tag {
                  params = [x]
                  result = x
                }
                """;
        Body body = parse(text);
        assertThat(body.blocks()).hasSize(2);
        Body.Block target = body.blocks().get(0);
        assertThat(target.type()).isEqualTo("target");
        assertThat(target.labels()).containsExactly("app");
        assertThat(target.range().startLine()).isEqualTo(2);
        assertThat(target.openBrace().startLine()).isEqualTo(2);
        assertThat(target.openBrace().startColumn()).isEqualTo(14);
        assertThat(target.closeBrace().startLine()).isEqualTo(7);
        assertThat(text.charAt(target.closeBrace().startOffset())).isEqualTo('}');
        Body.Attribute tags = target.body().attributes().get("tags");
        assertThat(tags.range().startLine()).isEqualTo(3);
        assertThat(tags.range().startColumn()).isEqualTo(3);
        assertThat(text.substring(tags.range().startOffset(), tags.range().endOffset())).isEqualTo("tags = [\"a\"]");
        assertThat(target.body().attributes()).containsOnlyKeys("tags", "context");
        assertThat(body.blocks().get(1).labels()).containsExactly("get_tag");
    }

    @Test
    void single_line_and_empty_blocks() throws Exception {
        Body body = parse("target \"docker-metadata-action\" {}\ntarget \"a\" { tags = [\"x\"] }\n");
        assertThat(body.blocks().get(0).body().attributes()).isEmpty();
        assertThat(body.blocks().get(1).body().attributes()).containsOnlyKeys("tags");
    }

    @Test
    void identifiers_may_hold_dashes_so_subtraction_needs_spaces() throws Exception {
        Body body = parse("target \"a\" {\n  cache-from = [\"x\"]\n  dockerfile-inline = \"FROM a\"\n}\n");
        assertThat(body.blocks().get(0).body().attributes()).containsOnlyKeys("cache-from", "dockerfile-inline");
        assertThat(eval("a-b", Map.of("a-b", Value.of("dash")))).isEqualTo(Value.of("dash"));
        assertThat(eval("a - b", Map.of("a", Value.of(5), "b", Value.of(2)))).isEqualTo(new Value.Num(new java.math.BigDecimal(3)));
    }

    @Test
    void newlines_end_attributes_but_not_inside_brackets_and_separate_object_items() throws Exception {
        Body body = parse("""
                x = cond ? [
                  "a",
                  "b",
                ] : []
                y = {
                  a = 1
                  "com.example" = "two"
                  b = 3, c = 4
                }
                """);
        assertThat(body.attributes()).containsOnlyKeys("x", "y");
        assertThat(eval("{\n a = 1\n \"com.example\" = \"two\"\n b: 3, c = 4\n}")).isEqualTo(Value.object(Map.of(
                "a", Value.of(1), "com.example", Value.of("two"), "b", Value.of(3), "c", Value.of(4))));
        assertThat(eval("upper(\n  \"x\"\n)")).isEqualTo(Value.of("X"));
    }

    @Test
    void strings_escape_and_interpolate_and_a_lone_interpolation_keeps_its_type() throws Exception {
        assertThat(eval("\"a\\tb\\n\\\"c\\\\ \\u00e9\"")).isEqualTo(Value.of("a\tb\n\"c\\ é"));
        assertThat(eval("\"$${literal} %%{x} $x\"")).isEqualTo(Value.of("${literal} %{x} $x"));
        assertThat(eval("\"${n}\"", Map.of("n", Value.of(3)))).isEqualTo(Value.of(3));
        assertThat(eval("\"v${n}-${b}\"", Map.of("n", Value.of(3), "b", Value.TRUE))).isEqualTo(Value.of("v3-true"));
        assertThat(eval("\"${ \"nested ${x}\" }\"", Map.of("x", Value.of("y")))).isEqualTo(Value.of("nested y"));
    }

    @Test
    void template_directives_and_strip_markers() throws Exception {
        assertThat(eval("\"%{ if on }yes%{ else }no%{ endif }\"", Map.of("on", Value.TRUE))).isEqualTo(Value.of("yes"));
        assertThat(eval("\"%{ for i, v in list }${i}=${v};%{ endfor }\"", Map.of("list", Value.tuple(List.of(Value.of("a"), Value.of("b"))))))
                .isEqualTo(Value.of("0=a;1=b;"));
        assertThat(eval("\"a   ${~ \"b\" ~}   c\"")).isEqualTo(Value.of("abc"));
    }

    @Test
    void heredocs_plain_and_indented() throws Exception {
        Body body = parse("""
                target "a" {
                  dockerfile-inline = <<EOT
                FROM alpine
                RUN echo ${v}
                EOT
                  other = <<-EOT
                    FROM busybox
                      RUN true
                    EOT
                }
                """);
        Body.Attribute inline = body.blocks().get(0).body().attributes().get("dockerfile-inline");
        assertThat(inline.expr()).isInstanceOf(Expr.Template.class);
        Value plain = eval("<<EOT\nFROM alpine\nRUN echo ${v}\nEOT\n", Map.of("v", Value.of("hi")));
        assertThat(plain).isEqualTo(Value.of("FROM alpine\nRUN echo hi\n"));
        assertThat(eval("<<-EOT\n    FROM busybox\n      RUN true\n    EOT\n")).isEqualTo(Value.of("FROM busybox\n  RUN true\n"));
        assertThat(body.blocks().get(0).body().attributes()).containsOnlyKeys("dockerfile-inline", "other");
    }

    @Test
    void numbers_bools_null_operators_and_precedence() throws Exception {
        assertThat(eval("1 + 2 * 3")).isEqualTo(Value.of(7));
        assertThat(eval("(1 + 2) * 3")).isEqualTo(Value.of(9));
        assertThat(eval("7 % 3 == 1 && !false || false")).isEqualTo(Value.TRUE);
        assertThat(eval("1.5e1")).isEqualTo(new Value.Num(new java.math.BigDecimal("1.5e1")));
        assertThat(eval("-2 < 1")).isEqualTo(Value.TRUE);
        assertThat(eval("\"1\" == 1")).as("== does not convert").isEqualTo(Value.FALSE);
        assertThat(eval("\"2\" + 1")).as("arithmetic converts strings").isEqualTo(Value.of(3));
        assertThat(eval("null == null")).isEqualTo(Value.TRUE);
        assertThat(eval("x != null && x != \"\"", Map.of("x", Value.NULL))).isEqualTo(Value.FALSE);
    }

    @Test
    void logical_operators_short_circuit_like_hcl_since_2_21() throws Exception {
        assertThat(eval("false && undefined_name")).isEqualTo(Value.FALSE);
        assertThat(eval("true || undefined_name")).isEqualTo(Value.TRUE);
    }

    @Test
    void conditionals_evaluate_only_the_chosen_branch() throws Exception {
        assertThat(eval("true ? \"a\" : undefined_name")).isEqualTo(Value.of("a"));
        assertThat(eval("\"true\" ? 1 : 2")).as("a string \"true\" converts to bool").isEqualTo(Value.of(1));
        assertThatThrownBy(() -> eval("\"yes\" ? 1 : 2")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Incorrect condition type"));
    }

    @Test
    void for_expressions_over_lists_and_objects_with_filters_and_grouping() throws Exception {
        Value list = Value.tuple(List.of(Value.of("a"), Value.of("bb"), Value.of("c")));
        assertThat(eval("[for s in l : upper(s) if length(s) == 1]", Map.of("l", list)))
                .isEqualTo(Value.tuple(List.of(Value.of("A"), Value.of("C"))));
        assertThat(eval("{for i, s in l : s => i}", Map.of("l", list)))
                .isEqualTo(Value.object(Map.of("a", Value.of(0), "bb", Value.of(1), "c", Value.of(2))));
        assertThat(eval("{for s in l : length(s) => s...}", Map.of("l", list))).isEqualTo(Value.object(Map.of(
                "1", Value.tuple(List.of(Value.of("a"), Value.of("c"))), "2", Value.tuple(List.of(Value.of("bb"))))));
        assertThat(eval("[for k, v in {b = 2, a = 1} : \"${k}${v}\"]")).as("objects iterate in key order")
                .isEqualTo(Value.tuple(List.of(Value.of("a1"), Value.of("b2"))));
        assertThatThrownBy(() -> eval("{for s in [\"a\", \"a\"] : s => s}")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Duplicate object key"));
    }

    @Test
    void indexes_attributes_and_splats() throws Exception {
        Value items = Value.tuple(List.of(Value.object(Map.of("name", Value.of("x"))), Value.object(Map.of("name", Value.of("y")))));
        assertThat(eval("items[1].name", Map.of("items", items))).isEqualTo(Value.of("y"));
        assertThat(eval("items.0.name", Map.of("items", items))).isEqualTo(Value.of("x"));
        assertThat(eval("items[*].name", Map.of("items", items))).isEqualTo(Value.tuple(List.of(Value.of("x"), Value.of("y"))));
        assertThat(eval("split(\".\", \"1.2.3\")[0]")).isEqualTo(Value.of("1"));
        assertThat(eval("{a = {b = \"c\"}}[\"a\"].b")).isEqualTo(Value.of("c"));
        assertThatThrownBy(() -> eval("items[5]", Map.of("items", items))).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Invalid index"));
    }

    @Test
    void templates_refuse_null_and_collections() throws Exception {
        assertThatThrownBy(() -> eval("\"a-${x}\"", Map.of("x", Value.NULL))).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("null"));
        assertThatThrownBy(() -> eval("\"a-${x}\"", Map.of("x", Value.tuple(List.of())))).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("string template"));
    }

    @Test
    void try_can_and_convert_take_expressions() throws Exception {
        assertThat(eval("try(undefined_name, \"fallback\")")).isEqualTo(Value.of("fallback"));
        assertThat(eval("can(undefined_name)")).isEqualTo(Value.FALSE);
        assertThat(eval("can(1)")).isEqualTo(Value.TRUE);
        assertThat(eval("convert(1, string)")).isEqualTo(Value.of("1"));
        assertThat(eval("convert([\"1\", \"2\"], list(number))")).isEqualTo(Value.tuple(List.of(Value.of(1), Value.of(2))));
    }

    @Test
    void syntax_errors_name_the_line_and_what_is_wrong() {
        assertThatThrownBy(() -> parse("target \"a\" {\n  tags = [\"x\"\n}\n")).isInstanceOfSatisfying(HclException.class, e -> {
            assertThat(e.kind()).isEqualTo(HclException.Kind.SYNTAX);
            assertThat(e.range().startLine()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("docker-bake.hcl:3:1: Missing item separator");
        });
        assertThatThrownBy(() -> parse("target \"a\" {\n  tags = \"unterminated\n}\n")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Unterminated template string"));
        assertThatThrownBy(() -> parse("target \"a\" {\n  tags = []\n")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Unclosed configuration block"));
        assertThatThrownBy(() -> parse("x = 1\nx = 2\n")).isInstanceOfSatisfying(HclException.class, e -> {
            assertThat(e.summary()).startsWith("Attribute redefined");
            assertThat(e.range().startLine()).isEqualTo(2);
        });
        assertThatThrownBy(() -> parse("target \"${x}\" {}\n")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Invalid block label"));
        assertThatThrownBy(() -> parse("x = \"\\q\"\n")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Invalid escape sequence"));
        assertThatThrownBy(() -> parse("x = 1 2\n")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).startsWith("Missing newline after argument"));
    }

    @Test
    void nesting_past_the_limit_is_refused_instead_of_overflowing_the_stack() {
        String deep = "x = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> parse(deep)).isInstanceOfSatisfying(HclException.class, e -> {
            assertThat(e.kind()).isEqualTo(HclException.Kind.LIMIT);
            assertThat(e.summary()).startsWith("Nesting too deep");
        });
    }
}
