package dev.buildxlens.core.compose;

import java.nio.file.Path;

/** A place in a file: 1-based line, 0-based column (the number of characters before it on its line). */
public record SourcePosition(Path file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + (column + 1);
    }
}
