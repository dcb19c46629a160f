package dev.buildxlens.core.bake.hcl;

import static dev.buildxlens.core.bake.hcl.HclParserTest.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bake's function library; each expected value follows go-cty's (or buildx's) definition of the function. */
class StdlibTest {

    private static Value strings(String... values) {
        return Value.tuple(java.util.Arrays.stream(values).map(v -> (Value) Value.of(v)).toList());
    }

    @Test
    void string_functions() throws Exception {
        assertThat(eval("lower(\"AbC\")")).isEqualTo(Value.of("abc"));
        assertThat(eval("upper(\"AbC\")")).isEqualTo(Value.of("ABC"));
        assertThat(eval("title(\"hello world-x\")")).isEqualTo(Value.of("Hello World-X"));
        assertThat(eval("join(\"-\", [\"a\", \"b\"], [\"c\"])")).isEqualTo(Value.of("a-b-c"));
        assertThat(eval("split(\",\", \"a,,b\")")).isEqualTo(strings("a", "", "b"));
        assertThat(eval("split(\",\", \"\")")).as("Go's strings.Split of \"\" is one empty string").isEqualTo(strings(""));
        assertThat(eval("replace(\"a.b.c\", \".\", \"_\")")).as("cty's replace is a plain substring replacement")
                .isEqualTo(Value.of("a_b_c"));
        assertThat(eval("regex_replace(\"v1.2.3\", \"^v([0-9]+)\\\\.([0-9]+).*\", \"$1-${2}\")")).isEqualTo(Value.of("1-2"));
        assertThat(eval("regex_replace(\"abc\", \"x*\", \"-\")")).isEqualTo(Value.of("-a-b-c-"));
        assertThat(eval("regex_replace(\"baaac\", \"a*\", \"-\")")).as("an empty match after a match is skipped, as in Go")
                .isEqualTo(Value.of("-b-c-"));
        assertThat(eval("regex(\"^(\\\\d+\\\\.\\\\d+)\", \"2.11.3\")")).isEqualTo(strings("2.11"));
        assertThat(eval("regex(\"[a-z]+\", \"12abc3\")")).isEqualTo(Value.of("abc"));
        assertThat(eval("regex(\"(?P<major>\\\\d+)\\\\.(?P<minor>\\\\d+)\", \"1.2\")"))
                .isEqualTo(Value.object(Map.of("major", Value.of("1"), "minor", Value.of("2"))));
        assertThat(eval("regexall(\"[0-9]\", \"a1b2\")")).isEqualTo(strings("1", "2"));
        assertThat(eval("trimprefix(\"refs/heads/main\", \"refs/heads/\")")).isEqualTo(Value.of("main"));
        assertThat(eval("trimsuffix(\"app.tar.gz\", \".gz\")")).isEqualTo(Value.of("app.tar"));
        assertThat(eval("trim(\"--x--\", \"-\")")).isEqualTo(Value.of("x"));
        assertThat(eval("trimspace(\"  x \\n\")")).isEqualTo(Value.of("x"));
        assertThat(eval("chomp(\"x\\n\\n\")")).isEqualTo(Value.of("x"));
        assertThat(eval("indent(2, \"a\\nb\")")).isEqualTo(Value.of("a\n  b"));
        assertThat(eval("substr(\"hello\", 1, 3)")).isEqualTo(Value.of("ell"));
        assertThat(eval("substr(\"hello\", -3, -1)")).isEqualTo(Value.of("llo"));
        assertThat(eval("strlen(\"héllo\")")).isEqualTo(Value.of(5));
        assertThat(eval("reverse(\"abc\")")).as("cty's reverse reverses a string").isEqualTo(Value.of("cba"));
        assertThat(eval("sanitize(\"v1.2/x:y\")")).isEqualTo(Value.of("v1_2_x_y"));
        assertThat(eval("format(\"%s:%03d %v %q %t %.2f %5s|%-3s|\", \"a\", 7, 1.5, \"q\", true, 3.14159, \"r\", \"l\")"))
                .isEqualTo(Value.of("a:007 1.5 \"q\" true 3.14     r|l  |"));
        assertThat(eval("format(\"%[2]s-%[1]s\", \"a\", \"b\")")).isEqualTo(Value.of("b-a"));
        assertThat(eval("format(\"%v\", [1, \"x\"])")).isEqualTo(Value.of("[1,\"x\"]"));
        assertThat(eval("formatlist(\"%s:%s\", \"img\", [\"a\", \"b\"])")).isEqualTo(strings("img:a", "img:b"));
        assertThatThrownBy(() -> eval("format(\"%s %s\", \"a\")")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("not enough arguments"));
    }

    @Test
    void comparison_and_logic_functions() throws Exception {
        assertThat(eval("notequal(\"\", \"x\")")).isEqualTo(Value.TRUE);
        assertThat(eval("equal(1, 1.0)")).isEqualTo(Value.TRUE);
        assertThat(eval("and(true, \"false\")")).isEqualTo(Value.FALSE);
        assertThat(eval("or(false, true)")).isEqualTo(Value.TRUE);
        assertThat(eval("not(false)")).isEqualTo(Value.TRUE);
        assertThat(eval("greaterthan(2, 1)")).isEqualTo(Value.TRUE);
        assertThat(eval("lessthanorequalto(2, 2)")).isEqualTo(Value.TRUE);
        assertThat(eval("semvercmp(\"1.2.3\", \">= 1.2.0, < 2.0.0\")")).isEqualTo(Value.TRUE);
        assertThat(eval("semvercmp(\"v1.2.3\", \"~1.3\")")).isEqualTo(Value.FALSE);
        assertThat(eval("semvercmp(\"2.0.0-rc1\", \">= 1.0\")")).as("pre-releases need a pre-release constraint").isEqualTo(Value.FALSE);
    }

    @Test
    void collection_functions() throws Exception {
        assertThat(eval("coalesce(null, \"\", \"x\")")).as("an empty string is not null").isEqualTo(Value.of(""));
        assertThat(eval("coalescelist([], [\"a\"])")).isEqualTo(strings("a"));
        assertThat(eval("concat([\"a\"], [\"b\", \"c\"])")).isEqualTo(strings("a", "b", "c"));
        assertThat(eval("distinct([\"a\", \"b\", \"a\"])")).isEqualTo(strings("a", "b"));
        assertThat(eval("flatten([[\"a\"], [[\"b\"]], \"c\"])")).isEqualTo(strings("a", "b", "c"));
        assertThat(eval("compact([\"a\", \"\", \"b\"])")).isEqualTo(strings("a", "b"));
        assertThat(eval("length([1, 2])")).isEqualTo(Value.of(2));
        assertThat(eval("length({a = 1})")).isEqualTo(Value.of(1));
        assertThat(eval("length(\"abc\")")).isEqualTo(Value.of(3));
        assertThat(eval("element([\"a\", \"b\"], 3)")).as("element wraps around").isEqualTo(Value.of("b"));
        assertThat(eval("index([\"a\", \"b\"], 1)")).as("cty's index is element-at-key").isEqualTo(Value.of("b"));
        assertThat(eval("index({a = \"x\"}, \"a\")")).isEqualTo(Value.of("x"));
        assertThat(eval("indexof([\"a\", \"b\"], \"b\")")).isEqualTo(Value.of(1));
        assertThat(eval("contains([\"a\", \"b\"], \"b\")")).isEqualTo(Value.TRUE);
        assertThat(eval("keys({b = 1, a = 2})")).isEqualTo(strings("a", "b"));
        assertThat(eval("values({b = 1, a = 2})")).isEqualTo(Value.tuple(List.of(Value.of(2), Value.of(1))));
        assertThat(eval("merge({a = 1, b = 1}, {b = 2}, null)")).isEqualTo(Value.object(Map.of("a", Value.of(1), "b", Value.of(2))));
        assertThat(eval("lookup({a = \"x\"}, \"b\", \"d\")")).isEqualTo(Value.of("d"));
        assertThat(eval("lookup({a = \"x\"}, \"a\")")).isEqualTo(Value.of("x"));
        assertThat(eval("slice([\"a\", \"b\", \"c\"], 0, 2)")).isEqualTo(strings("a", "b"));
        assertThat(eval("sort([\"b\", \"a\"])")).isEqualTo(strings("a", "b"));
        assertThat(eval("reverselist([\"a\", \"b\"])")).isEqualTo(strings("b", "a"));
        assertThat(eval("chunklist([\"a\", \"b\", \"c\"], 2)")).isEqualTo(Value.tuple(List.of(strings("a", "b"), strings("c"))));
        assertThat(eval("zipmap([\"a\", \"b\"], [1, 2])")).isEqualTo(Value.object(Map.of("a", Value.of(1), "b", Value.of(2))));
        assertThat(eval("range(3)")).isEqualTo(Value.tuple(List.of(Value.of(0), Value.of(1), Value.of(2))));
        assertThat(eval("setproduct([\"a\"], [\"1\", \"2\"])")).isEqualTo(Value.tuple(List.of(strings("a", "1"), strings("a", "2"))));
        assertThat(eval("hasindex([\"a\"], 1)")).isEqualTo(Value.FALSE);
        assertThat(eval("setunion([\"a\"], [\"a\", \"b\"])")).isEqualTo(Values.set(List.of(Value.of("a"), Value.of("b"))));
        assertThat(eval("jsonencode({a = [1, \"x\", true, null]})")).isEqualTo(Value.of("{\"a\":[1,\"x\",true,null]}"));
        assertThat(eval("jsondecode(\"{\\\"a\\\": [1]}\")")).isEqualTo(Value.object(Map.of("a", Value.tuple(List.of(Value.of(1))))));
        assertThat(eval("csvdecode(\"a,b\\n1,2\\n\")")).isEqualTo(Value.tuple(List.of(Value.object(Map.of("a", Value.of("1"), "b", Value.of("2"))))));
    }

    @Test
    void number_and_encoding_functions() throws Exception {
        assertThat(eval("max(1, 5, 3)")).isEqualTo(Value.of(5));
        assertThat(eval("floor(1.7)")).isEqualTo(Value.of(1));
        assertThat(eval("ceil(1.2)")).isEqualTo(Value.of(2));
        assertThat(eval("parseint(\"ff\", 16)")).isEqualTo(Value.of(255));
        assertThat(eval("md5(\"Dockerfile\")")).isEqualTo(Value.of("3254677a7917c6c01f55212f86c57fbf"));
        assertThat(eval("sha256(\"\")")).isEqualTo(Value.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertThat(eval("base64encode(\"hi\")")).isEqualTo(Value.of("aGk="));
        assertThat(eval("base64decode(\"aGk=\")")).isEqualTo(Value.of("hi"));
        assertThat(eval("urlencode(\"a b/c~\")")).isEqualTo(Value.of("a+b%2Fc~"));
        assertThat(eval("uuidv5(\"dns\", \"example.com\")")).isEqualTo(Value.of("cfbff0d1-9375-5685-968c-48ce8b15ae17"));
        assertThat(eval("basename(\"/a/b/\")")).isEqualTo(Value.of("b"));
        assertThat(eval("dirname(\"a/b/c\")")).isEqualTo(Value.of("a/b"));
        assertThat(eval("homedir()")).isEqualTo(Value.of("/home/dev"));
    }

    @Test
    void date_functions_use_the_given_clock() throws Exception {
        Budget budget = new Budget();
        Stdlib fixed = new Stdlib(Clock.fixed(Instant.parse("2024-02-29T13:04:05Z"), ZoneOffset.UTC), "/h", budget);
        assertThat(fixed.function("timestamp").call(List.of())).isEqualTo(Value.of("2024-02-29T13:04:05Z"));
        assertThat(eval("formatdate(\"YYYY-MM-DD'T'hh:mm:ss ZZZ EEE MMM D, H AA\", \"2024-02-29T13:04:05Z\")"))
                .isEqualTo(Value.of("2024-02-29T13:04:05 UTC Thu Feb 29, 1 PM"));
        assertThat(eval("formatdate(\"DD MMMM YY\", \"2024-02-29T13:04:05+01:00\")")).isEqualTo(Value.of("29 February 24"));
        assertThatThrownBy(() -> eval("formatdate(\"YYYYT\", \"2024-02-29T13:04:05Z\")")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("invalid date format verb \"T\""));
        assertThat(eval("timeadd(\"2024-01-01T00:00:00Z\", \"1h30m\")")).isEqualTo(Value.of("2024-01-01T01:30:00Z"));
        assertThat(eval("formattimestamp(\"X\", \"2024-01-01T00:00:00Z\")")).isEqualTo(Value.of("1704067200"));
        assertThat(eval("unixtimestampparse(0).year")).isEqualTo(Value.of(1970));
    }

    @Test
    void functions_check_their_arguments() {
        assertThatThrownBy(() -> eval("upper()")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("not enough function arguments"));
        assertThatThrownBy(() -> eval("upper(\"a\", \"b\")")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("too many function arguments"));
        assertThatThrownBy(() -> eval("join(\",\", \"not a list\")")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("a list is required"));
    }

    @Test
    void hostile_arguments_hit_the_limits() {
        assertThatThrownBy(() -> eval("range(1000000000)")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("more than " + Budget.MAX_ITEMS));
        assertThatThrownBy(() -> eval("format(\"%99999999s\", \"x\")")).isInstanceOfSatisfying(HclException.class,
                e -> assertThat(e.summary()).contains("too large"));
        // Java backtracks where RE2 does not; this pattern takes exponential time in Java's engine.
        String catastrophic = "regex(\"(.*a){12}b\", \"" + "a".repeat(40) + "\")";
        assertThatThrownBy(() -> eval(catastrophic)).isInstanceOfSatisfying(HclException.class, e -> {
            assertThat(e.kind()).isEqualTo(HclException.Kind.LIMIT);
            assertThat(e.summary()).startsWith("Regular expression too costly");
        });
    }
}
