package dev.buildxlens.core.compose;

import java.util.List;
import java.util.Optional;

/**
 * Where a service's keys are written. Each list holds every definition of the key in merge order: one per
 * {@code -f} file (or included file) that writes it, the extended service's first when the service uses
 * {@code extends}. The last one is what a scalar resolves to; for a list or mapping the definitions add up
 * (Compose merges them). Empty when the key is written nowhere. {@code service} is the service's own key under
 * {@code services:} in each file that defines it.
 */
public record ServicePositions(List<KeyPosition> service, List<KeyPosition> image, List<KeyPosition> build,
                               List<KeyPosition> context, List<KeyPosition> dockerfile, List<KeyPosition> args,
                               List<KeyPosition> target, List<KeyPosition> platforms, List<KeyPosition> tags,
                               List<KeyPosition> additionalContexts, List<KeyPosition> pull, List<KeyPosition> pullPolicy,
                               List<KeyPosition> dependsOn, List<KeyPosition> profiles) {

    public ServicePositions {
        service = List.copyOf(service);
        image = List.copyOf(image);
        build = List.copyOf(build);
        context = List.copyOf(context);
        dockerfile = List.copyOf(dockerfile);
        args = List.copyOf(args);
        target = List.copyOf(target);
        platforms = List.copyOf(platforms);
        tags = List.copyOf(tags);
        additionalContexts = List.copyOf(additionalContexts);
        pull = List.copyOf(pull);
        pullPolicy = List.copyOf(pullPolicy);
        dependsOn = List.copyOf(dependsOn);
        profiles = List.copyOf(profiles);
    }

    /** The last definition of a key (the one an override wins with), if any. */
    public static Optional<KeyPosition> last(List<KeyPosition> definitions) {
        return definitions.isEmpty() ? Optional.empty() : Optional.of(definitions.get(definitions.size() - 1));
    }
}
