package dev.buildxlens.core.fix;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.model.Secrets;
import java.util.ArrayList;
import java.util.List;

/** A {@link BuildSpec} written back as the command that runs it, quoted for a POSIX shell. */
public final class BuildCommands {

    private BuildCommands() {
    }

    /** {@code docker buildx build ...} with every option of the build. */
    public static String buildx(BuildSpec spec) {
        List<String> words = new ArrayList<>(List.of("docker", "buildx", "build"));
        if (!spec.builder().isEmpty()) {
            words.add("--builder");
            words.add(spec.builder());
        }
        common(spec, words);
        for (NamedContext context : spec.contexts()) {
            words.add("--build-context");
            words.add(context.name() + "=" + context.value());
        }
        target(spec, words);
        if (!spec.platforms().isEmpty()) {
            words.add("--platform");
            words.add(String.join(",", spec.platforms()));
        }
        for (String output : spec.outputs()) {
            words.add("--output");
            words.add(output);
        }
        for (String cache : spec.cacheTo()) {
            words.add("--cache-to");
            words.add(cache);
        }
        if (spec.load()) {
            words.add("--load");
        }
        if (spec.push()) {
            words.add("--push");
        }
        if (spec.pull()) {
            words.add("--pull");
        }
        words.add(spec.contextDir());
        return ShellQuote.command(words);
    }

    /**
     * Plain {@code docker build} without the buildx plugin: {@code DOCKER_BUILDKIT=1} on clients before 23.0 (the
     * daemon's own BuildKit), {@code DOCKER_BUILDKIT=0} (the legacy builder) from 23.0. Both read and write the
     * daemon's image store. Only the options such a build knows are written; callers check the build needs no more.
     */
    public static String plainDockerBuild(BuildSpec spec, boolean buildkit) {
        List<String> words = new ArrayList<>(List.of("docker", "build"));
        common(spec, words);
        target(spec, words);
        if (spec.platforms().size() == 1) {
            words.add("--platform");
            words.add(spec.platforms().get(0));
        }
        if (buildkit) {
            for (String output : spec.outputs()) {
                words.add("--output");
                words.add(output);
            }
        }
        if (spec.pull()) {
            words.add("--pull");
        }
        words.add(spec.contextDir());
        return "DOCKER_BUILDKIT=" + (buildkit ? "1" : "0") + " " + ShellQuote.command(words);
    }

    private static void common(BuildSpec spec, List<String> words) {
        if (!spec.dockerfile().isEmpty()) {
            words.add("-f");
            words.add(spec.dockerfile());
        }
        for (String tag : spec.tags()) {
            words.add("-t");
            words.add(tag);
        }
        spec.buildArgs().forEach((k, v) -> {
            words.add("--build-arg");
            // A secret-looking value is never printed: `--build-arg NAME` makes docker take it from the
            // environment of the shell the user pastes the command into.
            words.add(Secrets.looksSecret(k) ? k : k + "=" + v);
        });
    }

    private static void target(BuildSpec spec, List<String> words) {
        if (!spec.target().isEmpty()) {
            words.add("--target");
            words.add(spec.target());
        }
    }
}
