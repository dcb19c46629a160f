package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.testing.DockerCli;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.SecondDaemon;
import dev.buildxlens.testing.TestBuilderStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 on the real engine: a second dockerd behind its own context (started with {@code --insecure-registry} for a
 * non-loopback name), an arm64 image made offline, builder store files with and without a BuildKit config, and the
 * Docker CLI's {@code DOCKER_BUILDKIT=1 docker build} (dockerd's own BuildKit, the docker driver) as the oracle for
 * every verdict it can give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaptopWorldDockerTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER_IMAGE = "lens-ctx-" + RUN + "/base:1";
    private static final String ARM_IMAGE = "lens-arm-" + RUN + "/base:1";
    private static final String INSECURE = "registry.lab:5000";

    @TempDir
    Path temp;
    private SecondDaemon second;
    private DockerTestSupport.Daemon main;
    private Path docker;

    @BeforeAll
    void start() throws Exception {
        main = DockerTestSupport.connect();
        docker = DockerCli.find().orElseThrow();
        second = new SecondDaemon(Files.createTempDirectory("lens-second-")).start(List.of("--insecure-registry", INSECURE));
        byte[] base = dockerSaveArchive(OTHER_IMAGE, "amd64", "", "other context");
        assertThat(load(second.host(), base).exitCode()).isZero();
        assertThat(load("unix:///var/run/docker.sock", dockerSaveArchive(ARM_IMAGE, "arm64", "", "arm64 only")).exitCode()).isZero();
    }

    @AfterAll
    void stop() throws Exception {
        DockerCli.run(docker, "unix:///var/run/docker.sock", Map.of(), List.of("rmi", "-f", ARM_IMAGE), null);
        if (second != null) {
            second.stop();
        }
        if (main != null) {
            main.close();
        }
    }

    private record Result(int code, String out, String err) {
    }

    /** A docker config with a context {@code second} for the second daemon; the default context stays current. */
    private Environment environment(Path root, boolean secondCurrent) throws IOException {
        Path config = root.resolve("docker-config");
        Path meta = config.resolve("contexts/meta/" + sha256Hex("second"));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"second\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + second.host() + "\",\"SkipTLSVerify\":false}}}");
        if (secondCurrent) {
            Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"second\"}");
        }
        return Environment.system().without("DOCKER_HOST").without("DOCKER_CONTEXT")
                .with("DOCKER_CONFIG", config.toString()).with("BUILDX_CONFIG", root.resolve("buildx").toString());
    }

    private static Result cli(Environment env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path dockerfile(String text) throws IOException {
        Path dir = Files.createTempDirectory(temp, "ctx");
        Files.writeString(dir.resolve("Dockerfile"), text);
        return dir;
    }

    private DockerCli.Result oracle(String host, Path dir, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", "--progress=plain"));
        args.addAll(List.of(extra));
        args.add(dir.toString());
        return DockerCli.run(Path.of("/usr/bin/docker"), host, Map.of("DOCKER_BUILDKIT", "1"), args, dir);
    }

    @Test
    void inspect_lists_every_context_and_the_other_engines_images() throws Exception {
        Result result = cli(environment(temp.resolve("inspect"), false), "inspect", "--format", "json");
        JsonNode contexts = JsonTrees.parse(result.out()).get("contexts");
        assertThat(contexts).hasSize(2);
        assertThat(contexts.get(0).get("name").asText()).isEqualTo("default");
        assertThat(contexts.get(0).get("current").asBoolean()).isTrue();
        JsonNode other = contexts.get(1);
        assertThat(other.get("name").asText()).isEqualTo("second");
        assertThat(other.get("reachable").asBoolean()).isTrue();
        assertThat(other.get("storeId").asText()).isEqualTo("daemon:second");
        assertThat(other.get("images").get("count").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode stores = JsonTrees.parse(result.out()).get("stores");
        assertThat(stores.findValuesAsText("id")).contains("daemon:default", "daemon:second");
    }

    @Test
    void an_image_only_in_the_other_engine_is_reported_and_the_oracle_agrees() throws Exception {
        Path dir = dockerfile("FROM " + OTHER_IMAGE + "\nLABEL lens=1\n");
        Environment env = environment(temp.resolve("other"), false);
        Result diagnosis = cli(env, "diagnose", "--dockerfile", dir.resolve("Dockerfile").toString(), dir.toString(), "--format", "json");
        assertThat(diagnosis.code()).isEqualTo(1);
        assertThat(JsonTrees.parse(diagnosis.out()).get("findings").findValuesAsText("id")).containsExactly("image-in-other-context");
        DockerCli.Result here = oracle("unix:///var/run/docker.sock", dir);
        assertThat(here.exitCode()).as(here.output()).isNotZero();
        // Its twin: on the other context's own builder.
        Result twin = cli(env, "diagnose", "--dockerfile", dir.resolve("Dockerfile").toString(), dir.toString(), "--builder", "second",
                "--format", "json");
        assertThat(JsonTrees.parse(twin.out()).get("findings")).isEmpty();
        DockerCli.Result there = oracle(second.host(), dir);
        assertThat(there.exitCode()).as(there.output()).isZero();
    }

    @Test
    void an_arm64_only_image_is_the_wrong_platform_for_an_amd64_build_and_the_right_one_for_arm64() throws Exception {
        Path dir = dockerfile("FROM " + ARM_IMAGE + "\nLABEL lens=1\n");
        Environment env = Environment.system().without("DOCKER_CONTEXT").with("DOCKER_HOST", "unix:///var/run/docker.sock")
                .with("DOCKER_CONFIG", Files.createDirectories(temp.resolve("arm-config")).toString())
                .with("BUILDX_CONFIG", temp.resolve("arm-buildx").toString());
        Result diagnosis = cli(env, "diagnose", "--dockerfile", dir.resolve("Dockerfile").toString(), dir.toString(), "--format", "json");
        assertThat(JsonTrees.parse(diagnosis.out()).get("findings").findValuesAsText("id")).containsExactly("local-image-wrong-platform");
        DockerCli.Result amd64 = oracle("unix:///var/run/docker.sock", dir);
        assertThat(amd64.exitCode()).as(amd64.output()).isNotZero();
        assertThat(amd64.output()).contains("docker.io/" + ARM_IMAGE);
        for (String platform : List.of("linux/arm64", "linux/arm64/v8")) {
            Result twin = cli(env, "diagnose", "--dockerfile", dir.resolve("Dockerfile").toString(), dir.toString(), "--platform", platform,
                    "--format", "json");
            assertThat(JsonTrees.parse(twin.out()).get("findings")).as(platform).isEmpty();
            DockerCli.Result arm = oracle("unix:///var/run/docker.sock", dir, "--platform", platform);
            assertThat(arm.exitCode()).as(platform + ": " + arm.output()).isZero();
        }
    }

    /**
     * Rows of fixtures/platform/dockerd-20.10-oracle.tsv re-checked on every run: the no-variant fallback, a lower arm
     * variant, and an amd64 level above the engine's; each verdict of diagnose against dockerd's own build.
     */
    @Test
    void the_platform_rule_and_dockerds_buildkit_agree_on_the_engine() throws Exception {
        record Row(String arch, String variant, String target, boolean usedLocally) {
        }
        List<Row> rows = List.of(new Row("arm", "", "linux/arm/v6", true), new Row("arm", "v7", "linux/arm/v6", false),
                new Row("amd64", "v2", "linux/amd64", false), new Row("amd64", "", "linux/amd64/v2", true));
        Environment env = Environment.system().without("DOCKER_CONTEXT").with("DOCKER_HOST", "unix:///var/run/docker.sock")
                .with("DOCKER_CONFIG", Files.createDirectories(temp.resolve("rows-config")).toString())
                .with("BUILDX_CONFIG", temp.resolve("rows-buildx").toString());
        int index = 0;
        for (Row row : rows) {
            String image = "lens-row-" + RUN + "/base:" + (index++);
            assertThat(load("unix:///var/run/docker.sock", dockerSaveArchive(image, row.arch(), row.variant(), image)).exitCode()).isZero();
            try {
                Path dir = dockerfile("FROM " + image + "\nLABEL lens=1\n");
                Result diagnosis = cli(env, "diagnose", "--dockerfile", dir.resolve("Dockerfile").toString(), dir.toString(),
                        "--platform", row.target(), "--format", "json");
                DockerCli.Result build = oracle("unix:///var/run/docker.sock", dir, "--platform", row.target());
                String what = row + ": " + build.output();
                assertThat(build.exitCode() == 0).as(what).isEqualTo(row.usedLocally());
                assertThat(JsonTrees.parse(diagnosis.out()).get("findings").findValuesAsText("id")).as(what)
                        .isEqualTo(row.usedLocally() ? List.of() : List.of("local-image-wrong-platform"));
            } finally {
                DockerCli.run(docker, "unix:///var/run/docker.sock", Map.of(), List.of("rmi", "-f", image), null);
            }
        }
    }

    @Test
    void a_container_builder_without_the_daemons_insecure_registry_setting_is_reported_and_with_it_is_not() throws Exception {
        Path dir = dockerfile("FROM " + INSECURE + "/team/base:1\n");
        Path root = temp.resolve("trust");
        TestBuilderStore.in(root).builder("ci", "docker-container", second.host(), Map.of()).current(second.host(), "ci");
        Environment env = TestBuilderStore.in(root).environment(second.host());
        Result diagnosis = cli(env, "diagnose", "--dockerfile", dir.resolve("Dockerfile").toString(), dir.toString(), "--format", "json");
        JsonNode findings = JsonTrees.parse(diagnosis.out()).get("findings");
        assertThat(findings.findValuesAsText("id")).containsExactly("registry-config-not-inherited");
        assertThat(findings.get(0).get("severity").asText()).isEqualTo("error");
        Result doctor = cli(env, "doctor", "--format", "json");
        assertThat(JsonTrees.parse(doctor.out()).get("checks").findValuesAsText("id")).contains("registry-trust:ci");

        Path fixed = temp.resolve("trust-fixed");
        TestBuilderStore.in(fixed).builderWithConfig("ci", "docker-container", second.host(),
                "[registry.\"" + INSECURE + "\"]\n  http = true\n").current(second.host(), "ci");
        Result twin = cli(TestBuilderStore.in(fixed).environment(second.host()), "diagnose", "--dockerfile",
                dir.resolve("Dockerfile").toString(), dir.toString(), "--format", "json");
        assertThat(JsonTrees.parse(twin.out()).get("findings")).isEmpty();
    }

    @Test
    void doctor_on_this_machine_follows_the_exit_code_rule() throws Exception {
        Environment env = environment(temp.resolve("doctor"), false);
        Result healthy = cli(env, "doctor");
        assertThat(healthy.out()).contains("[✓] Docker").contains("Context second answers");
        // No buildx plugin on this machine: that is an ✗, so 1.
        assertThat(healthy.code()).isEqualTo(healthy.out().contains("[✗]") ? 1 : 0);
        Path dead = temp.resolve("dead");
        Environment deadEnv = environment(dead, false);
        Path meta = dead.resolve("docker-config/contexts/meta/" + sha256Hex("gone"));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"gone\",\"Endpoints\":{\"docker\":{\"Host\":\"unix://" + dead.resolve("none.sock") + "\"}}}");
        Result withDead = cli(deadEnv, "doctor", "--format", "markdown");
        assertThat(withDead.code()).isEqualTo(1);
        assertThat(withDead.out()).contains("Context gone does not answer");
        Result noEngine = cli(deadEnv.with("DOCKER_HOST", "unix://" + dead.resolve("none.sock")).with("DOCKER_CONTEXT", "second"), "doctor");
        assertThat(noEngine.code()).isEqualTo(3);
        assertThat(noEngine.out()).contains("No Docker engine answers").contains("DOCKER_HOST overrides").doesNotContain("Exception");
    }

    // ---- an image made offline: a docker save archive whose config names the platform ----

    private DockerCli.Result load(String host, byte[] archive) throws Exception {
        Path file = Files.createTempFile("lens-image", ".tar");
        file.toFile().deleteOnExit();
        Files.write(file, archive);
        return DockerCli.run(docker, host, Map.of(), List.of("load", "-i", file.toString()), null);
    }

    static byte[] dockerSaveArchive(String reference, String architecture, String variant, String content) throws Exception {
        byte[] layer = tar(Map.of("hello.txt", content.getBytes(StandardCharsets.UTF_8)));
        String diffId = "sha256:" + sha256(layer);
        String config = "{\"architecture\":\"" + architecture + "\"," + (variant.isEmpty() ? "" : "\"variant\":\"" + variant + "\",")
                + "\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
                + "\"created\":\"2026-01-01T00:00:00Z\",\"history\":[{\"created\":\"2026-01-01T00:00:00Z\"}]}";
        String configName = sha256(config.getBytes(StandardCharsets.UTF_8)) + ".json";
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + reference + "\"],\"Layers\":[\"layer/layer.tar\"]}]";
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(configName, config.getBytes(StandardCharsets.UTF_8));
        files.put("layer/layer.tar", layer);
        files.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        return tar(files);
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256Hex(String text) throws IOException {
        try {
            return sha256(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
