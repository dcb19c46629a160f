package dev.buildxlens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.probe.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command's start-up cache is trained by these commands: each must be one the command line accepts
 * and runs through (a renamed option or lesson would leave its path untrained, silently).
 */
class StartupTrainingTest {

    @TempDir
    Path home;

    @Test
    void every_training_command_is_a_real_command_that_runs() {
        // No engine here: the live commands take their "unreachable" path (exit 3); nothing may be a usage error (2).
        Environment env = new Environment(Map.of("DOCKER_HOST", "unix://" + home.resolve("no.sock"), "PATH", ""), home, "Linux");
        for (List<String> command : StartupTraining.COMMANDS) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(command.toArray(String[]::new));
            assertThat(code).as(command + ": " + err.toString(StandardCharsets.UTF_8)).isIn(0, 1, 3);
            assertThat(out.size()).as(command + " printed its answer").isPositive();
        }
    }
}
