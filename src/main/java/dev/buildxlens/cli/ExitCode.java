package dev.buildxlens.cli;

/**
 * Exit codes shared by every command. When several apply, the highest priority wins: 2 > 3 > 1 > 0.
 */
public enum ExitCode {
    OK(0, 0),
    FINDINGS(1, 1),
    DAEMON_UNREACHABLE(3, 2),
    USAGE(2, 3);

    private final int code;
    private final int priority;

    ExitCode(int code, int priority) {
        this.code = code;
        this.priority = priority;
    }

    public int code() {
        return code;
    }

    public ExitCode and(ExitCode other) {
        return other.priority > priority ? other : this;
    }
}
