package dev.buildxlens.core.log;

import java.io.IOException;

/** A log bigger than the reader's limit: reading stops there, and the message names the limit (the CLI exits 2). */
public final class LogTooLargeException extends IOException {

    private final long limit;

    public LogTooLargeException(String source, long limit) {
        super(source + ": the log is larger than the limit of " + LogReader.describe(limit)
                + " that Buildx Lens reads; cut it to the failing build (the last few thousand lines) and try again");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
