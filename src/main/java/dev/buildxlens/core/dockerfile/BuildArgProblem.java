package dev.buildxlens.core.dockerfile;

/** A {@code FROM} whose image comes from an ARG that has no value: BuildKit stops with "base name should not be blank". */
public record BuildArgProblem(String file, int line, String variable, String written, String stage) {
}
