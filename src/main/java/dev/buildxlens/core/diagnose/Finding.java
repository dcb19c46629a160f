package dev.buildxlens.core.diagnose;

import java.util.List;

/**
 * One thing that will go wrong (or is worth knowing) about a build. {@code id} is stable and documented;
 * {@code job} and {@code step} are null for a Dockerfile build on the live machine.
 */
public record Finding(String id, Severity severity, String message, String explanation, String file, int line,
                      String job, String step, String image, String builder, List<String> fixes) {

    public Finding {
        fixes = List.copyOf(fixes);
    }
}
