package dev.buildxlens.core.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker CLI that would run the user's commands, and its buildx plugin. Fixes are written for it: without the
 * plugin {@code docker buildx ...} cannot run, and what plain {@code docker build} does depends on the client's version
 * (docker/cli {@code cmd/docker/builder.go}: from 23.0 {@code DOCKER_BUILDKIT=1} needs the plugin, and without it
 * {@code docker build} falls back to the legacy builder). {@code path} is empty when no {@code docker} is on PATH;
 * {@code version} is empty when unknown; {@code os} is where it runs ({@link #thisOs()}), empty in worlds that are not this
 * machine.
 */
public record DockerClient(String path, String version, Plugin buildx, String buildxVersion, String detail, String os) {

    /** What is known of the buildx plugin. */
    public enum Plugin {
        INSTALLED, MISSING, FAILED, UNKNOWN
    }

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    public DockerClient {
        path = path == null ? "" : path;
        version = version == null ? "" : version;
        buildxVersion = buildxVersion == null ? "" : buildxVersion;
        detail = detail == null ? "" : detail;
        os = os == null ? "" : os;
    }

    /** The operating system the CLI runs on, as Go names it: {@code linux}, {@code darwin}, {@code windows}. */
    public static String thisOs() {
        String name = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("windows") ? "windows" : name.startsWith("mac") ? "darwin" : "linux";
    }

    /** A world that is not this machine (a lesson, a simulated runner): a current CLI with buildx, as the lesson assumes. */
    public static DockerClient assumedWithBuildx(String why) {
        return new DockerClient("", "", Plugin.INSTALLED, "", why, "");
    }

    public static DockerClient unknown(String why) {
        return new DockerClient("", "", Plugin.UNKNOWN, "", why, "");
    }

    public boolean hasBuildx() {
        return buildx == Plugin.INSTALLED;
    }

    /** The client's major and minor version, when known ({@code 20.10.24+dfsg1} → 20, 10). */
    public Optional<int[]> majorMinor() {
        Matcher matcher = VERSION.matcher(version);
        return matcher.find() ? Optional.of(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))})
                : Optional.empty();
    }

    /**
     * Whether {@code DOCKER_BUILDKIT=1 docker build} builds on the daemon's own BuildKit without the plugin: true for
     * clients before 23.0, false from 23.0, empty when the version is unknown.
     */
    public Optional<Boolean> embeddedBuildKitWithoutPlugin() {
        return majorMinor().map(v -> v[0] < 23);
    }
}
