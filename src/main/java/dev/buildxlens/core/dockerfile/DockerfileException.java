package dev.buildxlens.core.dockerfile;

/** A Dockerfile BuildKit would reject; the message starts with {@code file:line:}. */
public final class DockerfileException extends Exception {

    private final String file;
    private final int line;

    public DockerfileException(String file, int line, String message) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
