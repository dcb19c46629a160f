package dev.buildxlens.core.doctor;

import java.util.List;

/**
 * One line of {@code buildx-lens doctor}: a stable {@code id} ({@code engine}, {@code context:colima},
 * {@code builder:ci} …), its status, a one-line {@code title}, the {@code detail} that says why, a {@code fix} to
 * copy (empty when none is needed), and {@code more}: what {@code -v} adds.
 */
public record Check(String id, Status status, String title, String detail, String fix, List<String> more) {

    /** ✓, ! or ✗; the JSON says {@code ok}, {@code warning}, {@code error}. */
    public enum Status {
        OK("ok", "✓"),
        WARNING("warning", "!"),
        ERROR("error", "✗");

        private final String label;
        private final String mark;

        Status(String label, String mark) {
            this.label = label;
            this.mark = mark;
        }

        public String label() {
            return label;
        }

        public String mark() {
            return mark;
        }
    }

    public Check {
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
        more = List.copyOf(more);
    }

    static Check ok(String id, String title, String detail, List<String> more) {
        return new Check(id, Status.OK, title, detail, "", more);
    }
}
