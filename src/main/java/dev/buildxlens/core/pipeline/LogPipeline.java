package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.log.LogDiagnoser;
import dev.buildxlens.core.log.LogDiagnosis;
import dev.buildxlens.core.log.LogFixPlanner;
import dev.buildxlens.core.log.LogReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

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

    /** A log larger than this is diagnosed whole but not kept as text to show: the app shows its evidence lines only. */
    public static final long SHOWN_LIMIT = 20L * 1024 * 1024;

    /**
     * The log read on the machine it may come from: possible causes that the machine's picture decides (the named
     * builder's driver, the image in the daemon's store) become findings or are ruled out ({@link LogMachineCheck});
     * {@code machine} is only asked for when that can matter.
     */
    public static Result consult(Result result, java.util.function.Supplier<dev.buildxlens.core.model.Snapshot> machine) {
        LogDiagnosis consulted = dev.buildxlens.core.log.LogMachineCheck.consult(result.diagnosis(), machine);
        return consulted == result.diagnosis() ? result : plan(consulted);
    }

    /** A log as the app and {@code diagnose FILE.log} see it: a pipeline result like any build file's. */
    static PipelineResult result(LogInput input, java.util.function.Supplier<dev.buildxlens.core.model.Snapshot> machine) throws InputException {
        Path file = input.file();
        try {
            Result result = consult(run(file), machine);
            String text = java.nio.file.Files.size(file) <= SHOWN_LIMIT
                    ? new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8) : "";
            return new PipelineResult(input, text, result.diagnosis().diagnosis(), result.fixes(), null,
                    List.of(file.toAbsolutePath().normalize()), result.diagnosis());
        } catch (dev.buildxlens.core.log.LogTooLargeException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static Result plan(LogDiagnosis diagnosis) {
        return new Result(diagnosis, LogFixPlanner.plan(diagnosis, Path.of("")));
    }
}
