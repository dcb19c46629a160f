package dev.buildxlens.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.pipeline.LogPipeline;
import dev.buildxlens.core.scenario.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A local build's log read on the machine it ran on: the named builder's driver and the daemon's store decide the
 * possible causes they can, and nothing else; a CI log, or one whose builder is not here, is left as the log says.
 */
class LogMachineCheckTest {

    private static final String WORLD = """
            name: here
            runner: laptop
            daemon:
              images:
                - tags: [my-base:latest]
            builders:
              - name: ctr
                driver: docker-container
                current: true
            """;

    private static String log(String builderLine) {
        return builderLine + """

                #2 [internal] load metadata for docker.io/library/my-base:latest
                #2 ERROR: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
                ERROR: failed to solve: my-base:latest: failed to resolve source metadata for docker.io/library/my-base:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
                """;
    }

    private static LogDiagnosis read(String text) throws Exception {
        return LogDiagnoser.diagnose(new LogReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "build.log"));
    }

    private static Snapshot world(String yaml) throws Exception {
        return ScenarioLoader.parse(yaml, "world.yml").snapshot();
    }

    /** The machine as the check asks for it: only when it needs it. */
    private static java.util.function.Supplier<Snapshot> machine(String yaml) {
        return () -> {
            try {
                return world(yaml);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void a_container_builder_here_and_the_image_in_the_store_make_local_image_invisible_a_finding_with_fixes() throws Exception {
        LogDiagnosis read = read(log("#0 building with \"ctr\" instance using docker-container driver"));
        assertThat(read.possible()).extracting(PossibleCause::id).containsExactly("local-image-invisible");
        LogPipeline.Result consulted = LogPipeline.consult(new LogPipeline.Result(read, null), machine(WORLD));
        Finding finding = consulted.diagnosis().findings().get(0);
        assertThat(finding.id()).isEqualTo("local-image-invisible");
        assertThat(finding.message()).isEqualTo("my-base:latest is in your daemon's image store right now; ctr (docker-container driver) cannot read it");
        assertThat(finding.evidence()).isNotEmpty();
        assertThat(consulted.diagnosis().possible()).isEmpty();
        assertThat(consulted.fixes().forFinding(finding.key())).extracting(p -> p.id()).containsExactly("use-docker-driver", "local-registry-bridge");
    }

    @Test
    void the_docker_driver_rules_out_the_invisible_image_and_an_absent_image_leaves_the_cause_open() throws Exception {
        // A log that names its builder but not its driver (setup-buildx's Name: line alone, say): here "default" is the
        // context's docker driver, which reads the daemon's store.
        LogDiagnosis read = read(log("#0 building with \"default\" instance using docker-container driver"));
        LogFacts f = read.facts();
        LogFacts nameOnly = new LogFacts(f.source(), f.kind(), f.lineCount(), new BuilderInfo("default", null, java.util.Map.of(), java.util.List.of()),
                f.versions(), f.failingStep(), f.failingImage(), f.failingRef(), f.operation(), f.imageLines(), f.errorLines(), f.symptoms(),
                f.outcome(), f.firstBuildFailure(), f.pullCommands(), f.loadRequested());
        LogDiagnosis byName = LogDiagnoser.diagnose(nameOnly);
        assertThat(byName.possible()).extracting(PossibleCause::id).containsExactly("local-image-invisible", "local-image-wrong-platform");
        LogDiagnosis docker = LogMachineCheck.consult(byName, machine(WORLD));
        assertThat(docker.findings()).isEmpty();
        assertThat(docker.possible()).extracting(PossibleCause::id).containsExactly("local-image-wrong-platform");
        assertThat(docker.notes()).anyMatch(n -> n.startsWith("not local-image-invisible: default uses the docker driver"));

        LogDiagnosis absent = LogMachineCheck.consult(read(log("#0 building with \"ctr\" instance using docker-container driver")), machine(WORLD.replace("my-base:latest", "other:1")));
        assertThat(absent.findings()).isEmpty();
        assertThat(absent.possible()).extracting(PossibleCause::id).containsExactly("local-image-invisible");
        assertThat(absent.notes()).contains("docker.io/library/my-base:latest is not in the daemon's image store right now");
    }

    @Test
    void a_ci_log_or_a_builder_not_on_this_machine_is_not_judged_by_it_and_no_probe_is_made_for_a_ci_log() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        LogDiagnosis ci = read("2024-05-01T10:00:00.0000000Z ##[group]Run docker/build-push-action@v5\n"
                + log("2024-05-01T10:00:01.0000000Z #0 building with \"ctr\" instance using docker-container driver"));
        LogDiagnosis judged = LogMachineCheck.consult(ci, () -> {
            probes.incrementAndGet();
            return null;
        });
        assertThat(probes).hasValue(0);
        assertThat(judged.possible()).isNotEmpty();
        assertThat(judged.findings()).isEmpty();
        assertThat(judged.notes()).anyMatch(n -> n.startsWith("a CI job's log"));

        LogDiagnosis elsewhere = LogMachineCheck.consult(read(log("#0 building with \"runner-builder\" instance using docker-container driver")), machine(WORLD));
        assertThat(elsewhere.findings()).isEmpty();
        assertThat(elsewhere.notes()).contains("the log's builder runner-builder is not on this machine: the log ran elsewhere");
    }

    @Test
    void an_image_in_another_contexts_engine_decides_it_with_that_contexts_fixes() throws Exception {
        LogDiagnosis read = read(log("#0 building with \"colima\" instance using docker driver"));
        assertThat(read.possible()).extracting(PossibleCause::id).containsExactly("local-image-wrong-platform");
        LogPipeline.Result consulted = LogPipeline.consult(new LogPipeline.Result(read, null), () -> {
            try {
                return dev.buildxlens.core.scenario.Scenarios.builtIn("image-in-other-context").snapshot();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(consulted.diagnosis().possible()).isEmpty();
        Finding finding = consulted.diagnosis().findings().get(0);
        assertThat(finding.id()).isEqualTo("image-in-other-context");
        assertThat(finding.message()).isEqualTo("my-base:latest is in the engine of context desktop-linux right now, not in the engine of "
                + "context colima where colima built");
        assertThat(consulted.fixes().forFinding(finding.key())).extracting(p -> p.id())
                .containsExactly("build-on-context-builder", "move-image-to-context", "switch-context");
        assertThat(consulted.fixes().forFinding(finding.key()).get(1).steps().get(0).snippets().get(0).content())
                .isEqualTo("docker --context desktop-linux save my-base:latest | docker load\n");
    }

    @Test
    void a_log_that_names_no_builder_is_not_worth_a_probe() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        LogDiagnosis unnamed = read(log(""));
        assertThat(unnamed.possible()).isNotEmpty();
        LogDiagnosis judged = LogMachineCheck.consult(unnamed, () -> {
            probes.incrementAndGet();
            return null;
        });
        assertThat(probes).hasValue(0);
        assertThat(judged.possible()).isEqualTo(unnamed.possible());
        assertThat(judged.notes()).contains("the log does not name its builder, so this machine's builders cannot be matched to it");
    }
}
