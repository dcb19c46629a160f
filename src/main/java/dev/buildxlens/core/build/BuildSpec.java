package dev.buildxlens.core.build;

import dev.buildxlens.core.dockerfile.ContextKeys;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.NamedContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code docker buildx build} as the user asked for it, whether written on a command line, as
 * build-push-action inputs, in the app's Diagnose tab or in a lesson: the Dockerfile and context, what goes into
 * the Dockerfile (build args, named contexts, target, platforms), the builder, where the result goes, and how the
 * named contexts' keys reach BuildKit ({@link ContextKeys}). Made
 * with {@link #newBuilder()}; fixes derive changed copies with {@link #toBuilder()}.
 */
public record BuildSpec(String dockerfile, String contextDir, Map<String, String> buildArgs, List<NamedContext> contexts,
                        String target, List<String> platforms, String builder, boolean load, boolean push, boolean pull,
                        List<String> outputs, List<String> cacheTo, List<String> tags, ContextKeys contextKeys) {

    public BuildSpec {
        contextKeys = contextKeys == null ? ContextKeys.NORMALISED : contextKeys;
        dockerfile = dockerfile == null ? "" : dockerfile;
        contextDir = contextDir == null || contextDir.isEmpty() ? "." : contextDir;
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        contexts = List.copyOf(contexts);
        target = target == null ? "" : target;
        platforms = List.copyOf(platforms);
        builder = builder == null ? "" : builder;
        outputs = List.copyOf(outputs);
        cacheTo = List.copyOf(cacheTo);
        tags = List.copyOf(tags);
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().dockerfile(dockerfile).contextDir(contextDir).target(target).builder(builder)
                .load(load).push(push).pull(pull).contextKeys(contextKeys);
        b.buildArgs.putAll(buildArgs);
        b.contexts.addAll(contexts);
        b.platforms.addAll(platforms);
        b.outputs.addAll(outputs);
        b.cacheTo.addAll(cacheTo);
        b.tags.addAll(tags);
        return b;
    }

    /** What the build adds to the Dockerfile, for the analysis. */
    public DockerfileInputs dockerfileInputs() {
        return new DockerfileInputs(buildArgs, contexts, target, platforms, contextKeys);
    }

    /** The exports of {@code --output}, parsed as buildx parses them. */
    public List<ExportSpec> exports() {
        return outputs.stream().map(ExportSpec::parse).toList();
    }

    /** The cache exports of {@code --cache-to}, parsed as buildx parses them. */
    public List<CacheSpec> cacheExports() {
        return cacheTo.stream().map(CacheSpec::parse).toList();
    }

    public boolean multiPlatform() {
        return platforms.size() > 1;
    }

    /** Collects the parts of a build; every list keeps the order the user gave. */
    public static final class Builder {
        private String dockerfile = "";
        private String contextDir = ".";
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final List<NamedContext> contexts = new ArrayList<>();
        private String target = "";
        private final List<String> platforms = new ArrayList<>();
        private String builder = "";
        private boolean load;
        private boolean push;
        private boolean pull;
        private ContextKeys contextKeys = ContextKeys.NORMALISED;
        private final List<String> outputs = new ArrayList<>();
        private final List<String> cacheTo = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();

        private Builder() {
        }

        public Builder dockerfile(String value) {
            dockerfile = value;
            return this;
        }

        public Builder contextDir(String value) {
            contextDir = value;
            return this;
        }

        public Builder buildArg(String name, String value) {
            buildArgs.put(name, value);
            return this;
        }

        public Builder buildArgs(Map<String, String> values) {
            buildArgs.putAll(values);
            return this;
        }

        /** A named context; one given again under the same name replaces the first, as buildx does. */
        public Builder context(NamedContext context) {
            contexts.removeIf(c -> c.name().equals(context.name()));
            contexts.add(context);
            return this;
        }

        public Builder contexts(List<NamedContext> values) {
            values.forEach(this::context);
            return this;
        }

        public Builder target(String value) {
            target = value;
            return this;
        }

        public Builder platform(String value) {
            if (!platforms.contains(value)) {
                platforms.add(value);
            }
            return this;
        }

        public Builder platforms(List<String> values) {
            platforms.clear();
            values.forEach(this::platform);
            return this;
        }

        public Builder builder(String value) {
            builder = value;
            return this;
        }

        public Builder load(boolean value) {
            load = value;
            return this;
        }

        public Builder push(boolean value) {
            push = value;
            return this;
        }

        public Builder pull(boolean value) {
            pull = value;
            return this;
        }

        public Builder output(String value) {
            outputs.add(value);
            return this;
        }

        public Builder outputs(List<String> values) {
            outputs.clear();
            outputs.addAll(values);
            return this;
        }

        public Builder cacheTo(String value) {
            cacheTo.add(value);
            return this;
        }

        public Builder cacheTo(List<String> values) {
            cacheTo.clear();
            cacheTo.addAll(values);
            return this;
        }

        public Builder tag(String value) {
            tags.add(value);
            return this;
        }

        /** How the named contexts' keys reach BuildKit: normalised (buildx build), or as written (bake, Compose). */
        public Builder contextKeys(ContextKeys value) {
            contextKeys = value;
            return this;
        }

        public BuildSpec build() {
            return new BuildSpec(dockerfile, contextDir, buildArgs, contexts, target, platforms, builder, load, push, pull,
                    outputs, cacheTo, tags, contextKeys);
        }
    }
}
