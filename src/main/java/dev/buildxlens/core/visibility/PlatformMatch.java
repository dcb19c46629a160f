package dev.buildxlens.core.visibility;

import dev.buildxlens.core.model.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the docker driver uses a local image of one platform for a build that asks for another: the daemon's
 * {@code OnlyPlatformWithFallback} (moby {@code daemon/images/image.go}, used by {@code builder-next}'s
 * {@code platformMatches} since moby PR #42951, the fix of moby#42893). Two rules:
 * <ul>
 *   <li>containerd's {@code platforms.Only}: the target and what runs on it — lower amd64 levels and {@code 386} for
 *       {@code amd64}, {@code arm/v8}…{@code v5} for {@code arm64}, lower arm variants for {@code arm/vN};</li>
 *   <li>an image with no variant at all matches any target of the same OS and architecture.</li>
 * </ul>
 * Both sides are normalised first ({@code aarch64} = {@code arm64} = {@code arm64/v8}, {@code x86_64} = {@code amd64}).
 * Checked case by case against dockerd 20.10.24 (Debian, built with containerd 1.6's platform matching) in
 * {@code PlatformMatchTest}; an upstream static 20.10 binary vendors an older containerd without the {@code 386} and
 * {@code arm} entries for 64-bit targets.
 */
public final class PlatformMatch {

    private PlatformMatch() {
    }

    public static boolean usesLocal(Platform image, Platform target) {
        Platform local = image.normalized();
        Platform wanted = target.normalized();
        if (!local.os().equals(wanted.os())) {
            return false;
        }
        if (runsOn(wanted).contains(local)) {
            return true;
        }
        return image.variant().isEmpty() && local.architecture().equals(wanted.architecture());
    }

    /** containerd's {@code platformVector}: the platforms a target runs, itself first. */
    static List<Platform> runsOn(Platform target) {
        List<Platform> out = new ArrayList<>();
        out.add(target);
        String os = target.os();
        switch (target.architecture()) {
            case "amd64" -> {
                for (int level = level(target.variant(), 1); level >= 2; level--) {
                    out.add(new Platform(os, "amd64", "v" + level));
                }
                out.add(new Platform(os, "amd64", ""));
                out.add(new Platform(os, "386", ""));
            }
            case "arm64" -> {
                out.add(new Platform(os, "arm64", "v8"));
                for (int variant = 8; variant >= 5; variant--) {
                    out.add(new Platform(os, "arm", "v" + variant));
                }
            }
            case "arm" -> {
                for (int variant = level(target.variant(), 7); variant >= 5; variant--) {
                    out.add(new Platform(os, "arm", "v" + variant));
                }
            }
            default -> {
                // Other architectures run only themselves.
            }
        }
        return out;
    }

    private static int level(String variant, int none) {
        if (variant.isEmpty()) {
            return none;
        }
        try {
            return Integer.parseInt(variant.replaceFirst("^v", ""));
        } catch (NumberFormatException e) {
            return none;
        }
    }
}
