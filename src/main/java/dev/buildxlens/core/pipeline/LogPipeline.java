package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.log.LogDiagnoser;
import dev.buildxlens.core.log.LogDiagnosis;
import dev.buildxlens.core.log.LogFixPlanner;
import dev.buildxlens.core.log.LogReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The way from a build log to findings and fixes, for the command line and the app alike: read (streamed, limited),
 * diagnose, plan. A log needs no live machine: everything comes from its lines.
 */
public final class LogPipeline {

    private LogPipeline() {
    }

    /** A log's diagnosis and the fixes for what it establishes. */
    public record Result(LogDiagnosis diagnosis, FixPlans fixes) {
    }

    public static Result run(Path log) throws IOException {
        return plan(LogDiagnoser.diagnose(new LogReader().read(log)));
    }

    /** {@code source} names the log in evidence ({@code -} for standard input). */
    public static Result run(InputStream log, String source) throws IOException {
        return plan(LogDiagnoser.diagnose(new LogReader().read(log, source)));
    }

    private static Result plan(LogDiagnosis diagnosis) {
        return new Result(diagnosis, LogFixPlanner.plan(diagnosis, Path.of("")));
    }
}
