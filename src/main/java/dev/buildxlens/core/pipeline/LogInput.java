package dev.buildxlens.core.pipeline;

import java.nio.file.Path;

/** A build log on disk (a saved job log, a pasted error): read on its own, it needs no machine and names no build files. */
public record LogInput(Path file) implements BuildInput {
}
