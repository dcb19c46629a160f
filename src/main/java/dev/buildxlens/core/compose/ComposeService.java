package dev.buildxlens.core.compose;

import dev.buildxlens.core.build.BuildSpec;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One service of the project as Compose resolves it.
 *
 * @param image      {@code image:} as written (interpolated); empty when absent
 * @param imageName  the image Compose builds or runs: {@code image}, or {@code <project>-<service>} when absent
 *                   (compose {@code api.GetImageNameOrDefault})
 * @param pullPolicy {@code pull_policy:}; {@code if_not_present} reads as {@code missing}; empty when absent
 * @param profiles   the profiles the service is enabled under; empty for always
 */
public record ComposeService(String name, String image, String imageName, Optional<BuildSection> build,
                             List<Dependency> dependsOn, String pullPolicy, List<String> profiles, ServicePositions positions) {

    public ComposeService {
        dependsOn = List.copyOf(dependsOn);
        profiles = List.copyOf(profiles);
    }

    /** Compose's {@code HasProfile}: no profiles, or one of them active, or {@code *} active. */
    public boolean enabledWith(Collection<String> activeProfiles) {
        return profiles.isEmpty() || activeProfiles.contains("*") || profiles.stream().anyMatch(activeProfiles::contains);
    }

    /**
     * The build as {@code docker compose build} hands it to bake (Compose's default since v2.37): context and
     * Dockerfile relative to the project directory (empty Dockerfile for {@code dockerfile_inline}, whose text is in
     * {@link BuildSection#dockerfileInline()}), args, additional contexts as named contexts with their values
     * unchanged ({@code service:NAME} included, which bake turns into {@code target:NAME}), target, platforms, pull,
     * cache exports, the tags plus {@link #imageName()}, and the output: loaded into the image store for a single
     * platform ({@code type=docker}), {@code type=image,push=false} for several (not loaded, compose#12700). The
     * builder is left empty: Compose uses the current one. Empty for a service without {@code build:}.
     */
    public Optional<BuildSpec> buildSpec() {
        return build.map(section -> {
            // Compose hands its builds to bake, which passes the additional_contexts keys as written.
            BuildSpec.Builder spec = BuildSpec.newBuilder()
                    .contextKeys(dev.buildxlens.core.dockerfile.ContextKeys.VERBATIM)
                    .contextDir(section.context())
                    .dockerfile(section.dockerfilePath())
                    .buildArgs(section.args())
                    .contexts(section.namedContexts())
                    .target(section.target())
                    .platforms(section.platforms())
                    .pull(section.pull())
                    .cacheTo(section.cacheTo());
            section.tags().forEach(spec::tag);
            if (!section.tags().contains(imageName)) {
                spec.tag(imageName);
            }
            if (section.platforms().size() > 1) {
                spec.output("type=image,push=false");
            } else {
                spec.load(true);
            }
            return spec.build();
        });
    }
}
