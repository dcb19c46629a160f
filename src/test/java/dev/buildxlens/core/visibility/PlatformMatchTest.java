package dev.buildxlens.core.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform rule against what dockerd 20.10's own BuildKit did with a local-only image on this machine
 * (fixtures/platform/dockerd-20.10-oracle.tsv: 57 builds, FROM and COPY --from, --platform and FROM --platform).
 */
class PlatformMatchTest {

    record Case(String id, String local, String target, String how, boolean used) {
        @Override
        public String toString() {
            return id + " " + local + " for " + target + " (" + how + ")";
        }
    }

    static Stream<Case> oracle() throws IOException {
        try (InputStream in = PlatformMatchTest.class.getResourceAsStream("/fixtures/platform/dockerd-20.10-oracle.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            return lines.stream().map(l -> l.split("\t")).map(c -> new Case(c[0], c[1], c[2], c[3], c[4].equals("yes")));
        }
    }

    @ParameterizedTest
    @MethodSource("oracle")
    void the_rule_agrees_with_dockerds_buildkit(Case c) {
        Platform local = Platform.parse(c.local()).orElseThrow();
        Platform target = Platform.parse(c.target()).orElseThrow();
        assertThat(PlatformMatch.usesLocal(local, target)).isEqualTo(c.used());
    }
}
