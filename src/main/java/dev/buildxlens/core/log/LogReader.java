package dev.buildxlens.core.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a build log as a stream, line by line, and never holds it whole: a CI log can be hundreds of megabytes, and
 * only a few dozen lines matter. Logs over {@link #DEFAULT_LIMIT} bytes are refused with {@link LogTooLargeException}
 * (checked from the file size before reading, and counted while reading a pipe). A line longer than
 * {@link #MAX_LINE} characters is cut there (a minified blob or a progress bar without newlines must not fill memory).
 * Bytes that are not UTF-8 are replaced, never fatal: logs are pasted from everywhere.
 */
public final class LogReader {

    /** 200 MB: the documented limit (README, "Guarantees and limits"). */
    public static final long DEFAULT_LIMIT = 200L * 1024 * 1024;
    static final int MAX_LINE = 64 * 1024;

    private final long limit;

    public LogReader() {
        this(DEFAULT_LIMIT);
    }

    /** A reader with another limit (tests use a small one to check the boundary without writing 200 MB). */
    public LogReader(long limit) {
        this.limit = limit;
    }

    public LogFacts read(Path file) throws IOException {
        if (Files.size(file) > limit) {
            throw new LogTooLargeException(file.toString(), limit);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads {@code in} to its end (or to the limit); {@code source} names the log in evidence ({@code -} for stdin). */
    public LogFacts read(InputStream in, String source) throws IOException {
        LimitedStream limited = new LimitedStream(in, limit, source);
        Reader reader = new InputStreamReader(limited, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        LogScanner scanner = new LogScanner(source);
        char[] buffer = new char[16 * 1024];
        StringBuilder line = new StringBuilder();
        boolean pending = false;
        int number = 0;
        int read;
        while ((read = reader.read(buffer)) >= 0) {
            for (int i = 0; i < read; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    scanner.accept(++number, line.toString());
                    line.setLength(0);
                    pending = false;
                } else {
                    pending = true;
                    if (line.length() < MAX_LINE) {
                        line.append(c);
                    }
                }
            }
        }
        if (pending) {
            scanner.accept(++number, line.toString());
        }
        return scanner.facts();
    }

    /** "200 MB" for the limit in messages. */
    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes + " bytes";
    }

    /** Counts bytes as they are read and stops with {@link LogTooLargeException} once the limit is passed. */
    private static final class LimitedStream extends java.io.FilterInputStream {
        private final long limit;
        private final String source;
        private long count;

        LimitedStream(InputStream in, long limit, String source) {
            super(in);
            this.limit = limit;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws LogTooLargeException {
            count += n;
            if (count > limit) {
                throw new LogTooLargeException(source, limit);
            }
        }
    }
}
