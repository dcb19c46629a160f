package dev.buildxlens.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each form of compose-spec 12-interpolation.md, with compose-go's template package as the reference for the edges. */
class InterpolationTest {

    private final Map<String, String> env = new HashMap<>(Map.of("SET", "value", "EMPTY", "", "OTHER", "other"));
    private final List<String> unset = new ArrayList<>();

    private String sub(String template) throws Interpolation.InterpolationException {
        return Interpolation.substitute(template, env::get, unset::add);
    }

    @Test
    void plain_and_braced_names_are_replaced_and_an_unset_one_is_empty_with_a_warning() throws Exception {
        assertThat(sub("$SET")).isEqualTo("value");
        assertThat(sub("${SET}")).isEqualTo("value");
        assertThat(sub("a-$SET-b")).as("a name stops at the first character that cannot be in one").isEqualTo("a-value-b");
        assertThat(sub("${SET}suffix")).isEqualTo("valuesuffix");
        assertThat(sub("$SETsuffix")).as("without braces the longest name is taken").isEmpty();
        assertThat(unset).containsExactly("SETsuffix");
        assertThat(sub("img:${MISSING}")).isEqualTo("img:");
        assertThat(unset).containsExactly("SETsuffix", "MISSING");
    }

    @Test
    void colon_dash_defaults_when_unset_or_empty_and_dash_only_when_unset() throws Exception {
        assertThat(sub("${MISSING:-dflt}")).isEqualTo("dflt");
        assertThat(sub("${EMPTY:-dflt}")).isEqualTo("dflt");
        assertThat(sub("${SET:-dflt}")).isEqualTo("value");
        assertThat(sub("${MISSING-dflt}")).isEqualTo("dflt");
        assertThat(sub("${EMPTY-dflt}")).as("set but empty: no default").isEmpty();
        assertThat(sub("${SET-dflt}")).isEqualTo("value");
        assertThat(unset).as("a default is not an unset warning").isEmpty();
    }

    @Test
    void plus_forms_give_the_alternative_when_set() throws Exception {
        assertThat(sub("${SET:+alt}")).isEqualTo("alt");
        assertThat(sub("${EMPTY:+alt}")).isEmpty();
        assertThat(sub("${MISSING:+alt}")).isEmpty();
        assertThat(sub("${EMPTY+alt}")).as("set, even empty").isEqualTo("alt");
        assertThat(sub("${MISSING+alt}")).isEmpty();
        assertThat(unset).isEmpty();
    }

    @Test
    void question_forms_fail_with_the_message_and_pass_the_value_through() throws Exception {
        assertThat(sub("${SET:?need it}")).isEqualTo("value");
        assertThat(sub("${EMPTY?need it}")).as("? only minds unset").isEmpty();
        assertThatThrownBy(() -> sub("${EMPTY:?set EMPTY please}"))
                .isInstanceOf(Interpolation.InterpolationException.class)
                .hasMessage("required variable EMPTY is missing a value: set EMPTY please")
                .matches(e -> ((Interpolation.InterpolationException) e).missingVariable());
        assertThatThrownBy(() -> sub("${MISSING?}")).hasMessage("required variable MISSING is missing a value");
        assertThatThrownBy(() -> sub("${MISSING:?the $OTHER one}")).as("the message is interpolated")
                .hasMessage("required variable MISSING is missing a value: the other one");
    }

    @Test
    void defaults_nest_and_are_only_evaluated_when_used() throws Exception {
        assertThat(sub("${MISSING:-${SET}}")).isEqualTo("value");
        assertThat(sub("${MISSING:-${ALSO_MISSING:-deep}}")).isEqualTo("deep");
        assertThatThrownBy(() -> sub("${MISSING?$SET}")).as("the nested form of the spec: ${VARIABLE?$FOO}")
                .hasMessage("required variable MISSING is missing a value: value");
        assertThat(sub("${SET:-${NOT_THERE:?never evaluated}}")).as("an unused default cannot fail").isEqualTo("value");
        assertThat(sub("${MISSING:-a}-${SET}-${MISSING:-b}")).as("two forms on one line").isEqualTo("a-value-b");
        assertThat(sub("${MISSING:-{x}}")).as("braces inside a default balance").isEqualTo("{x}");
    }

    @Test
    void double_dollar_is_a_literal_dollar_and_a_lone_dollar_stays() throws Exception {
        assertThat(sub("$$SET")).isEqualTo("$SET");
        assertThat(sub("echo $${SET}")).isEqualTo("echo ${SET}");
        assertThat(sub("price: 5$")).isEqualTo("price: 5$");
        assertThat(sub("$1 and $ and $-")).as("a $ before anything but a name, { or $ is kept").isEqualTo("$1 and $ and $-");
        assertThat(sub("$$$SET")).isEqualTo("$value");
        assertThat(unset).isEmpty();
    }

    @Test
    void a_brace_that_opens_no_valid_form_is_an_error() {
        for (String bad : List.of("${SET/a/b}", "${1}", "${}", "${SET:x}", "${SET", "${SET:-unterminated", "${ SET}",
                "${SET:-a\n}")) {
            assertThatThrownBy(() -> sub(bad)).as(bad).isInstanceOf(Interpolation.InterpolationException.class)
                    .hasMessageStartingWith("invalid interpolation format")
                    .matches(e -> !((Interpolation.InterpolationException) e).missingVariable());
        }
    }

    @Test
    void a_default_ends_at_its_matching_brace_on_the_same_line() throws Exception {
        assertThat(sub("${MISSING:-a}\n${SET}")).isEqualTo("a\nvalue");
        assertThat(sub("x ${MISSING:-${SET}} y }")).as("the last } of the line is outside the balanced form")
                .isEqualTo("x value y }");
    }
}
