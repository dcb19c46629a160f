package dev.buildxlens.core.bake;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * What a bake run takes from outside its files: the environment (variable overrides, {@code args} without a value),
 * {@code --var} values (which win over the environment), the built-in variables {@code BAKE_CMD_CONTEXT} and
 * {@code BAKE_LOCAL_PLATFORM}, and the clock and home directory for {@code timestamp()} and {@code homedir()}.
 */
public record BakeOptions(Map<String, String> environment, Map<String, String> vars, String cmdContext,
                          String localPlatform, Clock clock, String homeDir) {

    public BakeOptions {
        environment = Map.copyOf(environment);
        vars = Map.copyOf(vars);
    }

    /** The options of a local run: bake's defaults for the built-ins, the system clock, the user's home. */
    public static BakeOptions of(Map<String, String> environment) {
        String home = environment.getOrDefault("HOME", System.getProperty("user.home", ""));
        return new BakeOptions(environment, Map.of(), "cwd://", hostPlatform(), Clock.systemUTC(), home);
    }

    public BakeOptions withVars(Map<String, String> values) {
        return new BakeOptions(environment, values, cmdContext, localPlatform, clock, homeDir);
    }

    public BakeOptions withClock(Clock value) {
        return new BakeOptions(environment, vars, cmdContext, localPlatform, value, homeDir);
    }

    public BakeOptions withLocalPlatform(String value) {
        return new BakeOptions(environment, vars, cmdContext, value, clock, homeDir);
    }

    /**
     * Whether variables may read the environment: buildx stops when {@code BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP} parses
     * as true (Go's {@code strconv.ParseBool}).
     */
    public boolean environmentLookupAllowed() {
        String value = environment.get("BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP");
        return value == null || !switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    /** A variable's override: {@code --var} first, then the environment when allowed. Null when none. */
    String lookup(String name) {
        if (vars.containsKey(name)) {
            return vars.get(name);
        }
        return environmentLookupAllowed() ? environment.get(name) : null;
    }

    /** The client platform as containerd formats it, for this JVM's OS and architecture. */
    static String hostPlatform() {
        String os = System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT);
        String goos = os.contains("win") ? "windows" : os.contains("mac") || os.contains("darwin") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        String goarch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "arm" -> "arm/v7";
            default -> arch;
        };
        return goos + "/" + goarch;
    }
}
