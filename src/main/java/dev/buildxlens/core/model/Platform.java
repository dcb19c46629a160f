package dev.buildxlens.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * An OS/architecture/variant triple as images and builds name it ({@code linux/arm64/v8}). {@link #normalized()}
 * follows containerd's {@code platforms.Normalize}: {@code aarch64} is {@code arm64}, {@code x86_64} is
 * {@code amd64}, a missing arm64 variant is {@code v8}, a missing 32-bit arm variant is {@code v7}, and amd64's
 * {@code v1} is dropped. Comparing normalised platforms is what moby PR #42951 fixed in the daemon's lookup
 * ({@code arm64} used to miss {@code arm64/v8}, moby#42893).
 */
public record Platform(String os, String architecture, String variant) {

    public Platform {
        os = os == null ? "" : os.toLowerCase(Locale.ROOT);
        architecture = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
        variant = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code os[/arch[/variant]]}; empty for a blank or malformed value. */
    public static Optional<Platform> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            return Optional.empty();
        }
        return Optional.of(new Platform(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : ""));
    }

    /** The platform of a daemon that reports {@code OSType} and {@code Architecture} ({@code x86_64}, {@code aarch64}). */
    public static Optional<Platform> ofEngine(String os, String arch) {
        if (os == null || os.isBlank() || arch == null || arch.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Platform(os, arch, "").normalized());
    }

    public Platform normalized() {
        String arch = architecture;
        String v = variant;
        switch (arch) {
            case "i386", "i486", "i586", "i686" -> {
                arch = "386";
                v = "";
            }
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (v.equals("v1")) {
                    v = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                if (v.isEmpty() || v.equals("8")) {
                    v = "v8";
                }
            }
            case "armhf" -> {
                arch = "arm";
                v = "v7";
            }
            case "armel" -> {
                arch = "arm";
                v = "v6";
            }
            case "arm" -> {
                if (v.isEmpty() || v.equals("7")) {
                    v = "v7";
                } else if (v.matches("[5-8]")) {
                    v = "v" + v;
                }
            }
            default -> {
                // Other architectures have no aliases in containerd.
            }
        }
        return new Platform(os, arch, v);
    }

    /** True when both name the same platform once normalised ({@code linux/arm64} and {@code linux/arm64/v8}). */
    public boolean sameAs(Platform other) {
        return normalized().equals(other.normalized());
    }

    @Override
    public String toString() {
        return os + (architecture.isEmpty() ? "" : "/" + architecture) + (variant.isEmpty() ? "" : "/" + variant);
    }
}
