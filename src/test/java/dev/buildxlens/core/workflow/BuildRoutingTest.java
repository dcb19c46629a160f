package dev.buildxlens.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Docker CLI's routing table (docker/cli cmd/docker/builder.go, buildx-facts §9.1): the current builder is
 * "builder", setup-buildx's; the context (and its docker-driver builder) is "default".
 */
class BuildRoutingTest {

    @ParameterizedTest(name = "{0} builder={1} BUILDX_BUILDER={2} DOCKER_BUILDKIT={3} alias={4} -> {5}")
    @CsvSource(nullValues = "-", textBlock = """
            # command,     --builder, BUILDX_BUILDER, DOCKER_BUILDKIT, alias, expected builder, legacy
            docker build,  '',        -,              -,               false, default,          false
            docker build,  '',        -,              -,               true,  builder,          false
            docker build,  other,     -,              -,               false, other,            false
            docker build,  '',        other,          -,               false, other,            false
            docker build,  '',        '  ',           -,               false, default,          false
            docker build,  '',        -,              0,               true,  default,          true
            docker build,  '',        -,              false,           false, default,          true
            docker build,  '',        -,              1,               false, default,          false
            buildx build,  '',        -,              -,               false, builder,          false
            buildx build,  '',        other,          -,               false, other,            false
            buildx build,  third,     other,          -,               false, third,            false
            buildx build,  '',        -,              0,               false, builder,          false
            """)
    void the_builder_a_build_runs_on(String command, String flag, String variable, String buildKit, boolean alias, String expected,
            boolean legacy) {
        Map<String, String> env = new java.util.HashMap<>();
        if (variable != null) {
            env.put("BUILDX_BUILDER", variable);
        }
        if (buildKit != null) {
            env.put("DOCKER_BUILDKIT", buildKit);
        }
        BuildRouting.Route route = BuildRouting.route(command.equals("buildx build"), flag, env, alias, "builder", "default");
        assertThat(route).isEqualTo(new BuildRouting.Route(expected, legacy));
    }
}
