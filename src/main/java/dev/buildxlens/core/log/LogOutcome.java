package dev.buildxlens.core.log;

/** Whether the log shows a failure, a finished build, or neither (an excerpt that stops before the end). */
public enum LogOutcome {
    FAILURE("failure"), SUCCESS("success"), SUCCESS_EXCERPT("success-excerpt");

    private final String label;

    LogOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
