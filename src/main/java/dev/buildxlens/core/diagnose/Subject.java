package dev.buildxlens.core.diagnose;

/**
 * What a finding is about, as data: fixes and the app read these fields, never the finding's message.
 * {@code job}/{@code stepIndex} locate a workflow step (null / -1 for a build on this machine); {@code image} is the
 * image reference as the build names it (familiar form) or empty; {@code builder} the builder that runs the build;
 * {@code arg} an ARG name; {@code input} an action input; {@code source} where in the Dockerfile the image or ARG is
 * used ({@code app/Dockerfile:3}), and {@code detail} the option value a build-level finding is about
 * ({@code type=gha,mode=max}); {@code unit} the Bake target or Compose service the build is (null for a single build).
 */
public record Subject(String job, int stepIndex, String image, String builder, String arg, String input, String source,
                      String detail, BuildUnit unit) {

    public Subject(String job, int stepIndex, String image, String builder, String arg, String input, String source, String detail) {
        this(job, stepIndex, image, builder, arg, input, source, detail, null);
    }

    public Subject {
        image = image == null ? "" : image;
        builder = builder == null ? "" : builder;
        arg = arg == null ? "" : arg;
        input = input == null ? "" : input;
        source = source == null ? "" : source;
        detail = detail == null ? "" : detail;
    }

    public static Subject of(String builder) {
        return new Subject(null, -1, "", builder, "", "", "", "");
    }

    public Subject withImage(String value) {
        return new Subject(job, stepIndex, value, builder, arg, input, source, detail, unit);
    }

    public Subject withArg(String value) {
        return new Subject(job, stepIndex, image, builder, value, input, source, detail, unit);
    }

    public Subject withInput(String value) {
        return new Subject(job, stepIndex, image, builder, arg, value, source, detail, unit);
    }

    public Subject withSource(String value) {
        return new Subject(job, stepIndex, image, builder, arg, input, value, detail, unit);
    }

    public Subject withDetail(String value) {
        return new Subject(job, stepIndex, image, builder, arg, input, source, value, unit);
    }

    public Subject inStep(String jobId, int index) {
        return new Subject(jobId, index, image, builder, arg, input, source, detail, unit);
    }

    /** The same subject in one target or service of a project. */
    public Subject inUnit(BuildUnit value) {
        return new Subject(job, stepIndex, image, builder, arg, input, source, detail, value);
    }
}
