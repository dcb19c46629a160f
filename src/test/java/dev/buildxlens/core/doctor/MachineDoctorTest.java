package dev.buildxlens.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.report.DoctorReport;
import dev.buildxlens.core.scenario.ScenarioLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The doctor against a healthy world and a matrix of broken ones (a dead context, DOCKER_HOST over a context, a
 * missing plugin, a stale current pointer, a builder without the daemon's registry settings), in every format.
 */
class MachineDoctorTest {

    private static final String HEALTHY = """
            name: healthy
            runner: laptop
            daemon:
              imageStore: classic
              images:
                - tags: [my-base:latest]
            builders:
              - name: ci
                driver: docker-container
                status: running
            """;

    private static Snapshot world(String yaml) throws Exception {
        return ScenarioLoader.parse(yaml, "world.yml").snapshot();
    }

    private static List<Check> checks(Snapshot snapshot) {
        return MachineDoctor.checks(new DoctorInputs(snapshot, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static Check check(List<Check> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no check " + id + " in " + checks));
    }

    @Test
    void a_healthy_machine_has_no_error_and_exits_0() throws Exception {
        Snapshot snapshot = world(HEALTHY);
        List<Check> checks = checks(snapshot);
        assertThat(checks).extracting(Check::id).startsWith("engine").contains("buildx", "image-store", "builder:ci");
        assertThat(checks).allMatch(c -> c.status() != Check.Status.ERROR);
        assertThat(MachineDoctor.exitCode(snapshot, checks)).isZero();
        assertThat(DoctorReport.text(checks, false)).contains("[✓] Docker 27.0.3 answers").contains("No issues found");
    }

    @Test
    void a_dead_context_is_an_error_with_its_fix_and_exit_1() throws Exception {
        Snapshot snapshot = world(HEALTHY + """
                contexts:
                  - name: colima
                    host: unix:///home/dev/.colima/default/docker.sock
                    state: unreachable
                    error: "no socket at /home/dev/.colima/default/docker.sock (is dockerd running?)"
                  - name: remote
                    host: ssh://build@server
                    state: not-probed
                    error: "not probed (ssh:// is not supported yet)"
                """);
        List<Check> checks = checks(snapshot);
        assertThat(check(checks, "context:colima").status()).isEqualTo(Check.Status.ERROR);
        assertThat(check(checks, "context:colima").fix()).contains("docker context rm colima");
        assertThat(check(checks, "context:remote").status()).isEqualTo(Check.Status.WARNING);
        assertThat(check(checks, "context:remote").detail()).contains("ssh:// is not supported yet");
        assertThat(MachineDoctor.exitCode(snapshot, checks)).isEqualTo(1);
    }

    @Test
    void docker_host_over_a_chosen_context_is_the_clis_warning() throws Exception {
        Snapshot snapshot = world(HEALTHY);
        List<Check> checks = MachineDoctor.checks(new DoctorInputs(snapshot, Optional.of("tcp://10.0.0.5:2375"),
                Optional.of("desktop-linux"), Optional.empty()));
        Check warning = check(checks, "docker-host-overrides-context");
        assertThat(warning.status()).isEqualTo(Check.Status.WARNING);
        assertThat(warning.detail()).contains("DOCKER_HOST environment variable overrides the active context");
        assertThat(MachineDoctor.checks(new DoctorInputs(snapshot, Optional.of("tcp://10.0.0.5:2375"), Optional.of("default"),
                Optional.empty()))).extracting(Check::id).doesNotContain("docker-host-overrides-context");
    }

    @Test
    void a_missing_plugin_is_an_error_with_how_to_get_it() throws Exception {
        Snapshot snapshot = world(HEALTHY).withClient(dev.buildxlens.core.model.DockerClient.unknown("x"));
        snapshot = snapshot.withClient(new dev.buildxlens.core.model.DockerClient("/usr/bin/docker", "20.10.24",
                dev.buildxlens.core.model.DockerClient.Plugin.MISSING, "", "no docker-buildx in ~/.docker/cli-plugins", "linux"));
        Check buildx = check(checks(snapshot), "buildx");
        assertThat(buildx.status()).isEqualTo(Check.Status.ERROR);
        assertThat(buildx.fix()).contains("cli-plugins");
    }

    @Test
    void a_stale_current_pointer_is_a_warning_naming_the_builder_buildx_uses_instead() throws Exception {
        Snapshot snapshot = world(HEALTHY);
        List<Check> checks = MachineDoctor.checks(new DoctorInputs(snapshot, Optional.empty(), Optional.empty(), Optional.of("gone")));
        Check stale = check(checks, "current-builder");
        assertThat(stale.status()).isEqualTo(Check.Status.WARNING);
        assertThat(stale.title()).contains("gone");
        assertThat(stale.fix()).startsWith("docker buildx use ");
    }

    @Test
    void a_builder_without_the_daemons_registry_settings_gets_the_toml_that_fixes_it() throws Exception {
        Snapshot snapshot = world(HEALTHY.replace("  imageStore: classic\n",
                "  imageStore: classic\n  insecureRegistries: [registry.lab:5000]\n  registryMirrors: [\"https://mirror.gcr.io\"]\n"));
        Check trust = check(checks(snapshot), "registry-trust:ci");
        assertThat(trust.status()).isEqualTo(Check.Status.ERROR);
        assertThat(trust.fix()).contains("[registry.\"registry.lab:5000\"]", "http = true", "mirrors = [\"mirror.gcr.io\"]",
                "--buildkitd-config buildkitd.toml");
    }

    @Test
    void hidden_images_of_the_classic_store_are_counted_as_a_warning() throws Exception {
        Snapshot snapshot = world(HEALTHY.replace("  imageStore: classic\n", "  imageStore: containerd\n  hiddenImages: 12\n"));
        Check store = check(checks(snapshot), "image-store");
        assertThat(store.status()).isEqualTo(Check.Status.WARNING);
        assertThat(store.title()).contains("12 images are hidden in the classic store");
        assertThat(store.fix()).contains("containerd-snapshotter");
    }

    @Test
    void no_engine_exits_3_and_still_lists_the_checks() throws Exception {
        Snapshot healthy = world(HEALTHY);
        Snapshot noEngine = new Snapshot(healthy.takenAt(), healthy.origin(),
                dev.buildxlens.core.model.Daemon.unreachable("default", "unix:///var/run/docker.sock", List.of(
                        new dev.buildxlens.core.model.DiscoveryAttempt("well-known socket", "unix:///var/run/docker.sock", false,
                                "no socket at /var/run/docker.sock (is dockerd running?)"))),
                healthy.builders(), healthy.stores(), healthy.registries(), healthy.problems(), healthy.notes(), healthy.client());
        List<Check> checks = checks(noEngine);
        assertThat(check(checks, "engine").status()).isEqualTo(Check.Status.ERROR);
        assertThat(check(checks, "engine").more()).anyMatch(line -> line.contains("no socket at /var/run/docker.sock"));
        assertThat(MachineDoctor.exitCode(noEngine, checks)).isEqualTo(3);
        assertThat(checks).extracting(Check::id).contains("buildx");
    }

    @Test
    void every_format_carries_every_check_and_json_keeps_the_contract() throws Exception {
        Snapshot snapshot = world(HEALTHY + """
                contexts:
                  - name: colima
                    state: unreachable
                """);
        List<Check> checks = checks(snapshot);
        JsonNode json = JsonTrees.parse(DoctorReport.json(checks));
        assertThat(json.get("checks")).hasSize(checks.size());
        for (JsonNode node : json.get("checks")) {
            assertThat(node.has("id") && node.has("status") && node.has("title") && node.has("detail")).isTrue();
            assertThat(node.get("status").asText()).isIn("ok", "warning", "error");
        }
        String markdown = DoctorReport.markdown(checks);
        String issue = DoctorReport.githubIssue(checks, snapshot);
        String text = DoctorReport.text(checks, true);
        for (Check check : checks) {
            assertThat(markdown).contains(check.title().replace("<", "&lt;").replace(">", "&gt;"));
            assertThat(text).contains(check.title());
        }
        assertThat(text).contains("[✗] Context colima does not answer").contains("    Fix:");
        assertThat(issue).contains("### buildx-lens doctor").contains("```yaml").contains("name: \"reported-machine\"");
        // The issue body's scenario loads back as a world.
        String yaml = issue.substring(issue.indexOf("```yaml\n") + 8, issue.lastIndexOf("```"));
        assertThat(ScenarioLoader.parse(yaml, "issue.yml").snapshot().builder("ci")).isPresent();
    }

    private static final String BEHIND_A_PROXY = """
            name: behind-a-proxy
            runner: laptop
            daemon:
              imageStore: classic
              proxy:
                http: http://proxy.corp:3128
                https: http://builder:xxxxx@proxy.corp:3128
                noProxy: localhost,.corp
            builders:
              - name: direct
                driver: docker-container
                driverOpts:
                  network: host
              - name: proxied
                driver: docker-container
                driverOpts:
                  env.HTTPS_PROXY: http://proxy.corp:3128
              - name: cluster
                driver: kubernetes
            """;

    @Test
    void a_container_builder_without_the_daemons_proxy_is_warned_with_a_create_command_that_keeps_its_options() throws Exception {
        Snapshot snapshot = world(BEHIND_A_PROXY);
        List<Check> checks = checks(snapshot);
        Check direct = check(checks, "builder-proxy:direct");
        assertThat(direct.status()).isEqualTo(Check.Status.WARNING);
        assertThat(direct.detail()).contains("HTTPS proxy http://builder:xxxxx@proxy.corp:3128").contains("env.* driver options")
                .contains("put the real credentials into the URL");
        assertThat(direct.fix()).startsWith("docker buildx rm direct\ndocker buildx create --name direct --driver docker-container")
                .contains("--driver-opt network=host").contains("--driver-opt env.http_proxy=http://proxy.corp:3128")
                .contains("--driver-opt env.https_proxy=http://builder:xxxxx@proxy.corp:3128")
                .contains("--driver-opt env.no_proxy=localhost,.corp").contains("driver-opts: |");
        Check proxied = check(checks, "builder-proxy:proxied");
        assertThat(proxied.status()).as("a builder with its own proxy").isEqualTo(Check.Status.OK);
        assertThat(proxied.detail()).contains("env.HTTPS_PROXY");
        assertThat(checks).as("a kubernetes builder runs elsewhere: not judged").extracting(Check::id).doesNotContain("builder-proxy:cluster");
        assertThat(MachineDoctor.exitCode(snapshot, checks)).as("a warning, not an error: the network may not need the proxy").isZero();

        assertThat(checks(world(HEALTHY))).extracting(Check::id).noneMatch(id -> id.startsWith("builder-proxy:"));
        for (String output : List.of(dev.buildxlens.core.report.SnapshotText.write(snapshot), dev.buildxlens.core.report.SnapshotJson.write(snapshot),
                DoctorReport.text(checks, true), DoctorReport.json(checks))) {
            assertThat(output).contains("proxy.corp:3128").doesNotContain("builder:xxxxx");
        }

        var export = dev.buildxlens.core.scenario.ScenarioExport.export(snapshot, "exported", false);
        assertThat(export.yaml()).contains("https: \"http://proxy.corp:3128\"").doesNotContain("builder:xxxxx");
        assertThat(export.redacted()).contains("credentials in the daemon's https proxy URL");
        assertThat(world(export.yaml()).daemon().proxy().http()).isEqualTo("http://proxy.corp:3128");
    }
}
