package dev.buildxlens.core.build;

import dev.buildxlens.core.dockerfile.NamedContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flags of {@code docker buildx build} (and of {@code docker build}, which the CLI forwards to it), read into a
 * {@link BuildSpec}: the one place that knows which flags take a value, used by the command line and by the
 * workflow simulator for {@code run:} scripts alike. Flags that do not change where images come from or go are
 * accepted and skipped with their value.
 */
public final class BuildFlags {

    /** Flags whose value is the next word (or follows {@code =}). */
    private static final Set<String> WITH_VALUE = Set.of("-t", "--tag", "-f", "--file", "--build-arg", "--build-context",
            "--target", "--platform", "--builder", "-o", "--output", "--cache-to", "--cache-from", "--progress", "--label",
            "--secret", "--ssh", "--network", "--iidfile", "--metadata-file", "--provenance", "--sbom", "--attest",
            "--shm-size", "--ulimit", "--add-host", "--allow", "--annotation", "--call", "--cgroup-parent",
            "--no-cache-filter", "--policy", "-m", "--memory", "--memory-swap", "-c", "--cpu-shares", "--cpuset-cpus",
            "--cpuset-mems", "--cpu-period", "--cpu-quota", "--isolation", "--security-opt", "--build-context-from");

    /** Flags that are switches. */
    private static final Set<String> SWITCHES = Set.of("--load", "--push", "--pull", "--no-cache", "-q", "--quiet", "--rm",
            "--force-rm", "--squash", "--compress", "--disable-content-trust", "--check", "--debug");

    private BuildFlags() {
    }

    /** A flag value buildx itself would refuse, said the way the user should read it. */
    public static final class InvalidFlagException extends Exception {
        public InvalidFlagException(String message) {
            super(message);
        }
    }

    /** True for a flag of {@code docker buildx build} this class knows (its name, without {@code =value}). */
    public static boolean known(String flag) {
        return WITH_VALUE.contains(flag) || SWITCHES.contains(flag);
    }

    public static boolean takesValue(String flag) {
        return WITH_VALUE.contains(flag);
    }

    /**
     * Applies one flag to the build. {@code value} is null for a switch. {@code environment} resolves a
     * {@code --build-arg NAME} without a value, as docker does (from the environment; left out when unset).
     */
    public static void apply(BuildSpec.Builder spec, String flag, String value, Map<String, String> environment)
            throws InvalidFlagException {
        switch (flag) {
            case "--load" -> spec.load(true);
            case "--push" -> spec.push(true);
            case "--pull" -> spec.pull(true);
            case "-t", "--tag" -> spec.tag(value);
            case "-f", "--file" -> spec.dockerfile(value);
            case "--build-arg" -> {
                int equals = value.indexOf('=');
                if (equals == 0) {
                    throw new InvalidFlagException("--build-arg '" + value + "' must be NAME=VALUE");
                }
                if (equals < 0) {
                    // docker reads `--build-arg NAME` from the environment and drops it when unset.
                    Optional.ofNullable(environment.get(value)).ifPresent(v -> spec.buildArg(value, v));
                } else {
                    spec.buildArg(value.substring(0, equals), value.substring(equals + 1));
                }
            }
            case "--build-context" -> {
                int equals = value.indexOf('=');
                if (equals <= 0 || equals == value.length() - 1) {
                    throw new InvalidFlagException("--build-context '" + value
                            + "' must be NAME=VALUE (docker-image://REF, oci-layout://PATH or a directory)");
                }
                spec.context(new NamedContext(value.substring(0, equals), value.substring(equals + 1)));
            }
            case "--target" -> spec.target(value);
            case "--platform" -> {
                for (String platform : value.split(",")) {
                    if (!platform.isBlank()) {
                        spec.platform(platform.trim());
                    }
                }
            }
            case "--builder" -> spec.builder(value);
            case "-o", "--output" -> spec.output(value);
            case "--cache-to" -> spec.cacheTo(value);
            default -> {
                // Known flags that do not change where images come from or go; unknown ones are refused by callers.
            }
        }
    }

    /**
     * The words after {@code docker buildx build} or {@code docker build}, as the CLI reads them: {@code --flag value},
     * {@code --flag=value}, switches, and one positional word, the context. Unknown flags are skipped (a script may use
     * flags of a newer buildx); invalid values are skipped too, because the build would stop before it starts.
     */
    public static BuildSpec parse(List<String> words, Map<String, String> environment) {
        BuildSpec.Builder spec = BuildSpec.newBuilder();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("<") || word.equals(">")) {
                i++; // a redirection and its file: not the build context
                continue;
            }
            if (!word.startsWith("-") || word.equals("-")) {
                positional.add(word);
                continue;
            }
            String flag = word;
            String value = null;
            int equals = word.indexOf('=');
            if (word.startsWith("--") && equals > 0) {
                flag = word.substring(0, equals);
                value = word.substring(equals + 1);
            } else if (!word.startsWith("--") && word.length() > 2 && takesValue(word.substring(0, 2))) {
                // -tname, -fFile: a short flag glued to its value
                flag = word.substring(0, 2);
                value = word.substring(2);
            }
            if (takesValue(flag) && value == null) {
                value = i + 1 < words.size() ? words.get(++i) : "";
            }
            try {
                apply(spec, flag, value, environment);
            } catch (InvalidFlagException e) {
                // The build would not start; what it would need is unknown, so the flag adds nothing.
            }
        }
        if (!positional.isEmpty()) {
            spec.contextDir(positional.get(positional.size() - 1));
        }
        return spec.build();
    }
}
