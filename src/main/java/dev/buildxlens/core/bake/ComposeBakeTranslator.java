package dev.buildxlens.core.bake;

import dev.buildxlens.core.bake.hcl.SourceRange;
import dev.buildxlens.core.compose.BuildSection;
import dev.buildxlens.core.compose.ComposeException;
import dev.buildxlens.core.compose.ComposeProject;
import dev.buildxlens.core.compose.ComposeReader;
import dev.buildxlens.core.compose.ComposeRequest;
import dev.buildxlens.core.compose.ComposeService;
import dev.buildxlens.core.compose.KeyPosition;
import dev.buildxlens.core.compose.ServicePositions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose files given to bake, read by the Compose reader and turned into targets as buildx's {@code bake/compose.go}
 * does: one target per service with a build, named after it (dots become underscores), a {@code default} group of
 * them all; {@code additional_contexts} become {@code contexts} ({@code service:x} becomes {@code target:x}); with no
 * {@code tags}, the {@code image} is the tag.
 */
public final class ComposeBakeTranslator implements ComposeTranslator {

    private final Path directory;

    public ComposeBakeTranslator(Path directory) {
        this.directory = directory;
    }

    @Override
    public boolean isCompose(BakeSource source) {
        String text = source.text();
        return text.contains("services:") && !text.contains("target \"") && !text.strip().startsWith("{");
    }

    @Override
    public BakeConfig translate(List<BakeSource> composeFiles, Map<String, String> environment) throws BakeException {
        List<Path> files = composeFiles.stream().map(s -> directory.resolve(s.name())).toList();
        ComposeProject project;
        try {
            project = ComposeReader.read(ComposeRequest.of(files).withEnvironment(environment));
        } catch (ComposeException e) {
            throw new BakeException(BakeException.Kind.INVALID, null, e.getMessage());
        }
        List<TargetDefinition> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ComposeService service : project.buildableServices()) {
            BuildSection build = service.build().orElseThrow();
            String name = service.name().replace('.', '_');
            Map<String, String> contexts = new LinkedHashMap<>();
            build.additionalContexts().forEach((key, value) -> contexts.put(key,
                    value.startsWith(BuildSection.SERVICE_PREFIX) ? "target:" + value.substring(BuildSection.SERVICE_PREFIX.length()) : value));
            TargetDefinition.Builder target = TargetDefinition.builder(name)
                    .context(build.context())
                    .dockerfile(build.inlineDockerfile() ? null : build.dockerfile())
                    .dockerfileInline(build.inlineDockerfile() ? build.dockerfileInline() : null)
                    .args(build.args())
                    .contexts(contexts)
                    .tags(build.tags().isEmpty() && !service.image().isEmpty() ? List.of(service.image()) : build.tags())
                    .platforms(build.platforms())
                    .cacheFrom(build.cacheFrom())
                    .cacheTo(build.cacheTo())
                    .target(build.target().isEmpty() ? null : build.target())
                    .pull(build.pull() ? Boolean.TRUE : null)
                    .noCache(build.noCache() ? Boolean.TRUE : null);
            ServicePositions.last(service.positions().service()).ifPresent(position -> target.source(block(position, service.name())));
            targets.add(target.build());
            names.add(name);
        }
        return new BakeConfig(targets, List.of(new GroupDefinition("default", "", names, null)));
    }

    /** Where the service is written, as a block bake's positions can name (a compose target is never patched as HCL). */
    private BlockSource block(KeyPosition position, String service) {
        String file = directory.relativize(position.key().file().toAbsolutePath().normalize()).toString().replace('\\', '/');
        SourceRange at = new SourceRange(file, position.key().line(), position.key().column() + 1, 0, position.key().line(),
                position.key().column() + 1, 0);
        return new BlockSource(file, BakeSource.Format.COMPOSE, service, at, at, at, Map.of());
    }
}
