package dev.buildxlens.core.log;

/** Where a log comes from, judged from its own format markers (INDEX.md of the log corpus names the same kinds). */
public enum LogKind {
    PLAIN("plain"), TTY("tty"), GITHUB_ACTIONS("github-actions"), GITLAB("gitlab"), COMPOSE("compose"), CLI("cli");

    private final String label;

    LogKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
