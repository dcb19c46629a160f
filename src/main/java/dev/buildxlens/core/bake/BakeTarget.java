package dev.buildxlens.core.bake;

import dev.buildxlens.core.dockerfile.ContextKeys;
import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.NamedContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One target as {@code docker buildx bake --print} shows it: {@code inherits} applied, {@code --set} applied,
 * {@code context} defaulting to {@code .} and {@code dockerfile} to {@code Dockerfile} (relative to the context),
 * repeated tags and platforms dropped, {@code contexts} with empty values dropped and keys exactly as written (bake does
 * not normalise them: {@link ContextKeys#VERBATIM}). {@code linked} marks a target built only because another one's
 * {@code contexts} names it ({@code target:NAME}); bake gives it a {@code cacheonly} output.
 *
 * <p>Positions: {@code sources} are the blocks that define this target itself, in merge order (several files, a
 * compose service); {@code origins} name, per attribute, where its effective value was written (possibly in an
 * inherited target's block), {@code contextOrigins} the same per {@code contexts} key; {@code overridden} lists the
 * attributes a {@code --set} changed.
 */
public record BakeTarget(String name, String description, String context, String dockerfile,
                         Optional<String> dockerfileInline, Map<String, String> args, Map<String, String> labels,
                         List<String> tags, List<String> platforms, Map<String, String> contexts, String target,
                         List<String> outputs, List<String> cacheFrom, List<String> cacheTo, boolean pull, boolean noCache,
                         String network, String call, List<String> secrets, List<String> ssh, boolean linked,
                         List<BlockSource> sources, Map<String, AttributeSource> origins,
                         Map<String, AttributeSource> contextOrigins, Set<String> overridden) {

    public BakeTarget {
        args = unmodifiable(args);
        labels = unmodifiable(labels);
        contexts = unmodifiable(contexts);
        tags = List.copyOf(tags);
        platforms = List.copyOf(platforms);
        outputs = List.copyOf(outputs);
        cacheFrom = List.copyOf(cacheFrom);
        cacheTo = List.copyOf(cacheTo);
        secrets = List.copyOf(secrets);
        ssh = List.copyOf(ssh);
        sources = List.copyOf(sources);
        origins = unmodifiable(origins);
        contextOrigins = unmodifiable(contextOrigins);
        overridden = Set.copyOf(overridden);
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The block a patch of this target should edit: its last HCL or JSON definition (a later file overrides earlier
     * ones, so an attribute added there wins). Empty when the target comes only from a compose file.
     */
    public Optional<BlockSource> patchBlock() {
        for (int i = sources.size() - 1; i >= 0; i--) {
            if (sources.get(i).format() != BakeSource.Format.COMPOSE) {
                return Optional.of(sources.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * This target as one {@code docker buildx build} for the diagnoser: the Dockerfile path joined to the context as
     * bake does (relative to the directory bake runs in), {@code cwd://} prefixes dropped, the platform {@code local}
     * resolved to {@code localPlatform}, outputs kept as outputs ({@code --load} and {@code --push} are outputs in
     * bake). The named contexts keep their keys as written; the result says they are {@link ContextKeys#VERBATIM}.
     */
    public BakeBuild toBuild(String localPlatform) {
        BuildSpec.Builder spec = BuildSpec.newBuilder().contextKeys(ContextKeys.VERBATIM);
        String contextPath = stripCwd(context);
        spec.contextDir(contextPath);
        spec.dockerfile(dockerfilePath(contextPath));
        spec.buildArgs(args);
        List<NamedContext> named = new ArrayList<>();
        contexts.forEach((key, value) -> named.add(new NamedContext(key, stripCwd(value))));
        spec.contexts(named);
        spec.target(target);
        List<String> resolvedPlatforms = new ArrayList<>();
        for (String platform : platforms) {
            resolvedPlatforms.add(platform.equals("local") ? localPlatform : platform);
        }
        spec.platforms(resolvedPlatforms);
        spec.outputs(outputs);
        spec.cacheTo(cacheTo);
        tags.forEach(spec::tag);
        spec.pull(pull);
        return new BakeBuild(this, spec.build(), dockerfileInline, ContextKeys.VERBATIM);
    }

    private String dockerfilePath(String contextPath) {
        if (dockerfile.startsWith("cwd://")) {
            return Paths.clean(dockerfile.substring("cwd://".length()));
        }
        if (isRemote(contextPath) || dockerfile.startsWith("/") || isRemote(dockerfile)) {
            return dockerfile;
        }
        return Paths.clean(contextPath + "/" + dockerfile);
    }

    private static String stripCwd(String value) {
        return value.startsWith("cwd://") ? Paths.clean(value.substring("cwd://".length())) : value;
    }

    /** buildx {@code urlutil.IsRemoteURL}, near enough: a git or HTTP URL. */
    static boolean isRemote(String value) {
        return value.startsWith("http://") || value.startsWith("https://") || value.startsWith("git://")
                || value.startsWith("git@") || value.startsWith("ssh://") || value.startsWith("github.com/");
    }
}
