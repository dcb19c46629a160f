package dev.buildxlens.bench;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.report.SnapshotJson;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Warmed-loop micro-benchmarks of the analysis core, to spot regressions (not JMH: a plain loop is enough to see
 * a factor of two, and needs nothing beyond the app's own classes). Each case runs for a warm-up second, then in
 * batches for two seconds; it prints the median and the 90th percentile time per operation over the batches.
 * Run with src/test/bench/core.sh.
 */
public final class CoreBenchmarks {

    private static final long WARM_UP_NANOS = 1_000_000_000L;
    private static final long MEASURE_NANOS = 2_000_000_000L;

    /** Something to time; returns a value so the JIT cannot drop the work. */
    @FunctionalInterface
    private interface Case {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path workload = Path.of(args.length > 0 ? args[0] : "src/test/bench/workload");
        String dockerfile = Files.readString(workload.resolve("Dockerfile"));
        String workflowText = Files.readString(workload.resolve(".github/workflows/ci.yml"));
        Snapshot big = withImages(Scenarios.builtIn("classic-ci").snapshot(), 10_000);
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(dockerfile, "Dockerfile"), DockerfileInputs.none());
        BuildRequest request = new BuildRequest(analysis, dev.buildxlens.core.build.BuildSpec.newBuilder().dockerfile("Dockerfile").build(),
                dev.buildxlens.core.diagnose.BuildSite.local("Dockerfile"));

        System.out.printf("%-52s %12s %12s %10s%n", "case", "median", "p90", "ops");
        measure("Dockerfile parse + resolve (303 lines)", () ->
                DockerfileAnalyzer.analyze(DockerfileParser.parse(dockerfile, "Dockerfile"), DockerfileInputs.none()));
        measure("workflow parse + simulate (10 jobs)", () -> {
            Workflow workflow = WorkflowParser.parse(workflowText, "ci.yml");
            return WorkflowSimulator.simulate(workflow, new WorkflowSimulator.Options(workload, "", ImageStoreKind.CLASSIC));
        });
        measure("visibility check: diagnose a build, 10,000 images", () -> BuildDiagnoser.diagnose(copy(big), request));
        measure("  same, second build on the same snapshot", () -> BuildDiagnoser.diagnose(big, request));
        measure("snapshot to JSON, 10,000 images", () -> SnapshotJson.write(big));
    }

    /** The scenario's world with {@code count} more images in the daemon, tagged like the benchmark's. */
    static Snapshot withImages(Snapshot snapshot, int count) {
        Daemon d = snapshot.daemon();
        List<Image> images = new ArrayList<>(d.images());
        for (int i = 0; i < count; i++) {
            List<String> tags = i % 10 == 9 ? List.of() : List.of("lens-bench/app-" + i % 50 + ":v" + i, "lens-bench/svc-" + i % 7 + ":" + i);
            images.add(new Image(String.format(Locale.ROOT, "sha256:%064x", i), tags, List.of(), 1024, Instant.EPOCH.plusSeconds(i)));
        }
        Daemon daemon = new Daemon(d.reachable(), d.context(), d.host(), d.serverVersion(), d.apiVersion(), d.os(), d.arch(),
                d.storageDriver(), d.imageStore(), d.insecureRegistries(), d.registryMirrors(), images, d.containers(), d.attempts());
        return new Snapshot(snapshot.takenAt(), snapshot.origin(), daemon, snapshot.builders(), snapshot.stores(),
                snapshot.registries(), snapshot.problems(), snapshot.notes());
    }

    /** An equal snapshot that is a different object, so nothing cached for {@code snapshot} applies. */
    private static Snapshot copy(Snapshot s) {
        return new Snapshot(s.takenAt(), s.origin(), s.daemon(), s.builders(), s.stores(), s.registries(), s.problems(), s.notes());
    }

    private static void measure(String name, Case work) throws Exception {
        Object sink = null;
        long end = System.nanoTime() + WARM_UP_NANOS;
        int batch = 1;
        while (System.nanoTime() < end) {
            sink = work.run();
        }
        // Size a batch to about 20 ms so the clock's resolution does not matter.
        long t0 = System.nanoTime();
        sink = work.run();
        long one = Math.max(1, System.nanoTime() - t0);
        batch = (int) Math.max(1, 20_000_000L / one);
        List<Double> perOp = new ArrayList<>();
        long ops = 0;
        end = System.nanoTime() + MEASURE_NANOS;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink = work.run();
            }
            perOp.add((System.nanoTime() - start) / (double) batch);
            ops += batch;
        }
        double[] sorted = perOp.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("%-52s %12s %12s %10d%n", name, human(sorted[sorted.length / 2]),
                human(sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)]), ops);
        if (sink == null) {
            System.out.println("(no result)");
        }
    }

    private static String human(double nanos) {
        return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
}
