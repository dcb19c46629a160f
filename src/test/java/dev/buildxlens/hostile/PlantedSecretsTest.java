package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.probe.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values planted everywhere a user keeps them (config.json auths and credHelpers, builder driver options,
 * proxy URLs, workflow env and build-args, command-line build args) must not appear in any output format of any
 * command, nor in an exported scenario. `${{ secrets.* }}` must stay an expression.
 */
class PlantedSecretsTest {

    private static final List<String> PLANTED = List.of("PLANTED-AUTH-1", "PLANTED-HELPER-2", "PLANTED-TOKEN-3",
            "PLANTED-PASS-4", "PLANTED-ARG-5", "PLANTED-ENV-6", "PLANTED-ARG-7", "PLANTEDLOG8secretvalue", "PLANTEDLOG9secretvalue",
            "PLANTEDLOG10secretvalue");

    @TempDir
    Path home;

    private Path config;
    private Path repo;

    @BeforeEach
    void plant() throws IOException {
        config = Files.createDirectories(home.resolve(".docker"));
        String auth = Base64.getEncoder().encodeToString("me:PLANTED-AUTH-1".getBytes(StandardCharsets.UTF_8));
        Files.writeString(config.resolve("config.json"), "{\"auths\":{\"reg.example.com\":{\"auth\":\"" + auth + "\","
                + "\"identitytoken\":\"PLANTED-AUTH-1\"}},\"credHelpers\":{\"PLANTED-HELPER-2.example.com\":\"secretservice\"}}");
        Path instances = Files.createDirectories(config.resolve("buildx/instances"));
        Files.writeString(instances.resolve("ci"), "{\"Name\":\"ci\",\"Driver\":\"docker-container\",\"Nodes\":[{\"Name\":\"ci0\","
                + "\"Endpoint\":\"unix:///nonexistent.sock\",\"Platforms\":null,\"DriverOpts\":{\"env.GITHUB_TOKEN\":\"PLANTED-TOKEN-3\","
                + "\"env.http_proxy\":\"http://me:PLANTED-PASS-4@proxy:3128\"},\"Flags\":null,\"Files\":null}],\"Dynamic\":false}");
        Files.writeString(config.resolve("buildx/current"), "{\"Key\":\"unix:///nonexistent.sock\",\"Name\":\"ci\",\"Global\":false}");
        repo = Files.createDirectories(home.resolve("repo"));
        Files.writeString(repo.resolve("Dockerfile"), "ARG BASE_IMAGE=my-base:latest\nFROM ${BASE_IMAGE}\nARG NPM_TOKEN\nRUN echo hi\n");
        Path workflows = Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve("base.Dockerfile"), "FROM alpine:3.20\n");
        Files.writeString(workflows.resolve("ci.yml"), """
                on: push
                jobs:
                  base:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: .
                          file: base.Dockerfile
                          tags: my-base:latest
                          outputs: type=docker,dest=/tmp/base.tar
                      - uses: actions/upload-artifact@v4
                        with:
                          name: base
                          path: /tmp/base.tar
                  build:
                    needs: base
                    runs-on: ubuntu-latest
                    env:
                      API_KEY: PLANTED-ENV-6
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/download-artifact@v4
                        with:
                          name: base
                          path: /tmp
                      - run: docker load --input /tmp/base.tar
                      - uses: docker/login-action@v3
                        with:
                          username: me
                          password: ${{ secrets.REGISTRY_PASSWORD }}
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: .
                          build-args: |
                            NPM_TOKEN=PLANTED-ARG-5
                            BASE_IMAGE=my-base:latest
                """);
    }

    private String run(String... args) {
        Environment env = new Environment(Map.of("DOCKER_CONFIG", config.toString(), "HOME", home.toString(),
                "DOCKER_HOST", "unix://" + home.resolve("no-daemon.sock"), "PATH", "/nonexistent"), home, "Linux");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void no_output_format_of_any_command_shows_a_planted_secret() throws IOException {
        String workflow = repo.resolve(".github/workflows/ci.yml").toString();
        String dockerfile = repo.resolve("Dockerfile").toString();
        List<String> outputs = new ArrayList<>();
        for (String format : List.of("text", "json")) {
            outputs.add(run("inspect", "--format", format));
            outputs.add(run("diagnose", "--workflow", workflow, "--repo", repo.toString(), "--format", format));
            outputs.add(run("diagnose", "--dockerfile", dockerfile, "--build-arg", "NPM_TOKEN=PLANTED-ARG-7", "--format", format));
        }
        for (String format : List.of("text", "json", "markdown")) {
            // A lesson's world has a build to fix, so the plans and their commands are written out.
            String fixes = run("fix", "--scenario", "laptop-loaded-base", "--dockerfile", dockerfile,
                    "--build-arg", "NPM_TOKEN=PLANTED-ARG-7", "--format", format);
            assertThat(fixes).as("the fix commands keep the argument, from the environment").contains("--build-arg NPM_TOKEN ");
            outputs.add(fixes);
            String workflowFixes = run("fix", "--workflow", workflow, "--repo", repo.toString(), "--format", format);
            assertThat(workflowFixes).as("the workflow has an error to fix").contains("use-docker-driver");
            outputs.add(workflowFixes);
        }
        // A build log carries secrets in commands, driver options and error lines: none may reach any output.
        Path log = Files.writeString(home.resolve("build.log"), """
                2024-05-01T10:00:00.0000000Z [command]/usr/bin/docker buildx create --name ci --driver docker-container --driver-opt env.GITHUB_TOKEN=PLANTEDLOG8secretvalue --use
                2024-05-01T10:00:01.0000000Z Name:          ci
                2024-05-01T10:00:01.0000000Z Driver:        docker-container
                2024-05-01T10:00:01.0000000Z Driver Options:        env.GITHUB_TOKEN="PLANTEDLOG8secretvalue"
                2024-05-01T10:00:02.0000000Z #3 ERROR: failed to fetch: Authorization: Bearer PLANTEDLOG9secretvalue
                2024-05-01T10:00:03.0000000Z ERROR: failed to solve: NPM_TOKEN=PLANTEDLOG10secretvalue docker exporter does not currently support exporting manifest lists
                """);
        for (String format : List.of("text", "json")) {
            outputs.add(run("diagnose", "--log", log.toString(), "--format", format));
            outputs.add(run("diagnose", "--log", home.resolve("build.log").toString().replace("build.log", "missing.log"), "--format", format));
        }
        for (String format : List.of("text", "json", "markdown")) {
            outputs.add(run("fix", "--log", log.toString(), "--format", format));
        }
        String unknown = run("diagnose", "--log", Files.writeString(home.resolve("other.log"),
                "#3 ERROR: failed to fetch: Authorization: Bearer PLANTEDLOG9secretvalue\n").toString());
        assertThat(unknown).contains("log-not-recognised");
        outputs.add(unknown);
        Path patches = home.resolve("patches");
        outputs.add(run("fix", "--scenario", "laptop-loaded-base", "--dockerfile", dockerfile, "--build-arg", "NPM_TOKEN=PLANTED-ARG-7",
                "--write-patch", patches.toString()));
        Path export = home.resolve("exported.yml");
        outputs.add(run("inspect", "--export-scenario", export.toString()));
        outputs.add(Files.readString(export));
        if (Files.isDirectory(patches)) {
            try (var files = Files.walk(patches)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    outputs.add(Files.readString(file));
                }
            }
        }

        for (String output : outputs) {
            for (String secret : PLANTED) {
                assertThat(output).as("%s in the output of:%n%s", secret, output).doesNotContain(secret);
            }
        }
        assertThat(String.join("\n", outputs)).as("the expression is kept, not resolved").doesNotContain("REGISTRY_PASSWORD=");
    }
}
