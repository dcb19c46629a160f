package dev.buildxlens.hostile;

import static dev.buildxlens.hostile.RandomInput.anyStrings;
import static dev.buildxlens.hostile.RandomInput.either;
import static dev.buildxlens.hostile.RandomInput.forAll;
import static dev.buildxlens.hostile.RandomInput.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.fix.WorkflowEditor;
import dev.buildxlens.hostile.RandomInput.Gen;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What a fix writes into a workflow stays the value it was: any tag, step name, path or build arg (quotes, YAML
 * indicators, `${{ }}`, newlines, control characters) read back by a YAML parser is the same single string. Input
 * comes from a fixed seed, printed by the test ({@code -Dbuildx.lens.seed=N} replays another).
 */
class GeneratedYamlProperties {

    static Gen<String> hostileValue() {
        return either(
                oneOf("my-base:latest", "a: b", "- item", "? key", "*alias", "&anchor", "!tag", "#comment", "a #b",
                        "[1, 2]", "{a: b}", "|", ">", "'", "\"", "${{ secrets.TOKEN }}", "yes", "No", "null", "~", "1e3", "0x10",
                        "x\ny: z", "tab\there", "cr\rlf", "\u0085next", " leading", "trailing ", "%directive", "@at", "`tick`",
                        "---", "...", "\u2028sep", ""),
                anyStrings(0, 20).filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s)));
    }

    @Test
    void a_generated_scalar_reads_back_as_the_same_string() {
        forAll("a_generated_scalar_reads_back_as_the_same_string", 3000, hostileValue(), value -> {
            if (value.equals("true") || value.equals("false")) {
                return; // written plain on purpose: inputs such as load: true
            }
            Object read = new Load(LoadSettings.builder().build()).loadFromString("key: " + WorkflowEditor.scalar(value) + "\nnext: 1\n");
            assertThat(read).isInstanceOf(Map.class);
            Map<?, ?> map = (Map<?, ?>) read;
            assertThat(map.keySet().stream().map(String::valueOf).toList()).as("no key smuggled in").containsExactly("key", "next");
            assertThat(map.get("key") == null ? "" : String.valueOf(map.get("key"))).isEqualTo(value);
            if (!value.isEmpty()) {
                assertThat(map.get("key")).isInstanceOf(String.class);
            }
        });
    }
}
