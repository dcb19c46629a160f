package dev.buildxlens.core.model;

/**
 * The engine behind one Docker context: its own daemon and image store. Docker Desktop, colima, OrbStack, a
 * {@code setup-docker-action} daemon and remote hosts are separate contexts with separate image stores, so an image
 * loaded into one is not in another. {@code daemon} is what the probe read ({@link Daemon#unreachable} when it did
 * not answer or was not asked); {@code state} says which.
 */
public record ContextEngine(String name, String host, boolean current, State state, String error, Daemon daemon) {

    /** Whether the context's engine was asked and answered. */
    public enum State {
        REACHABLE("reachable"),
        UNREACHABLE("unreachable"),
        /** Not asked: an endpoint the probe cannot speak to (ssh://), or over the cap on contexts probed. */
        NOT_PROBED("not probed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ContextEngine {
        error = error == null ? "" : error;
    }

    /** The engine of the current context, as the probe's daemon says. */
    public static ContextEngine current(Daemon daemon) {
        return new ContextEngine(daemon.context(), daemon.host(), true,
                daemon.reachable() ? State.REACHABLE : State.UNREACHABLE,
                daemon.reachable() ? "" : "the daemon does not answer", daemon);
    }

    public boolean reachable() {
        return state == State.REACHABLE;
    }

    public String storeId() {
        return StoreIds.daemon(name);
    }
}
