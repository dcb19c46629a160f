package dev.buildxlens.core.diagnose;

/**
 * One build of a project that makes several: a Bake target or a Compose service. Findings and builds name it, so two
 * targets that need the same image are two findings.
 */
public record BuildUnit(Kind kind, String name) {

    public enum Kind {
        TARGET("target"), SERVICE("service");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The JSON field and the word people read: target, service. */
        public String label() {
            return label;
        }
    }

    public static BuildUnit target(String name) {
        return new BuildUnit(Kind.TARGET, name);
    }

    public static BuildUnit service(String name) {
        return new BuildUnit(Kind.SERVICE, name);
    }

    @Override
    public String toString() {
        return kind.label() + " " + name;
    }
}
