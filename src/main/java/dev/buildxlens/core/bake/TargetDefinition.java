package dev.buildxlens.core.bake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target as one or more blocks define it, before {@code inherits} and {@code --set} are applied (buildx's
 * {@code Target} struct). A null field is unset, which matters when definitions merge: a later definition replaces or
 * extends only what it sets ({@link #merge}). Map values are never null (bake skips null {@code args} and
 * {@code labels} when it merges, so they are left out when read). {@code origins} names, for each attribute this
 * definition sets, the attribute that set it last; {@code contextOrigins} the same for each {@code contexts} key.
 */
public record TargetDefinition(String name, String description, List<String> inherits, String context,
                               Map<String, String> contexts, String dockerfile, String dockerfileInline,
                               Map<String, String> args, Map<String, String> labels, List<String> tags,
                               List<String> platforms, List<String> cacheFrom, List<String> cacheTo, List<String> outputs,
                               String target, Boolean pull, Boolean noCache, String network, String call,
                               List<String> secrets, List<String> ssh, List<String> annotations, List<String> attest,
                               List<String> entitlements, List<String> noCacheFilter, String shmSize, List<String> ulimits,
                               Map<String, String> extraHosts, List<BlockSource> sources,
                               Map<String, AttributeSource> origins, Map<String, AttributeSource> contextOrigins) {

    public TargetDefinition {
        description = description == null ? "" : description;
        inherits = inherits == null ? List.of() : List.copyOf(inherits);
        contexts = map(contexts);
        args = map(args);
        labels = map(labels);
        extraHosts = map(extraHosts);
        tags = list(tags);
        platforms = list(platforms);
        cacheFrom = list(cacheFrom);
        cacheTo = list(cacheTo);
        outputs = list(outputs);
        secrets = list(secrets);
        ssh = list(ssh);
        annotations = list(annotations);
        attest = list(attest);
        entitlements = list(entitlements);
        noCacheFilter = list(noCacheFilter);
        ulimits = list(ulimits);
        sources = List.copyOf(sources);
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        contextOrigins = Collections.unmodifiableMap(new LinkedHashMap<>(contextOrigins));
    }

    private static List<String> list(List<String> value) {
        return value == null ? null : Collections.unmodifiableList(new ArrayList<>(value));
    }

    private static Map<String, String> map(Map<String, String> value) {
        return value == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.description = description;
        b.inherits = new ArrayList<>(inherits);
        b.context = context;
        b.contexts = copy(contexts);
        b.dockerfile = dockerfile;
        b.dockerfileInline = dockerfileInline;
        b.args = copy(args);
        b.labels = copy(labels);
        b.tags = copy(tags);
        b.platforms = copy(platforms);
        b.cacheFrom = copy(cacheFrom);
        b.cacheTo = copy(cacheTo);
        b.outputs = copy(outputs);
        b.target = target;
        b.pull = pull;
        b.noCache = noCache;
        b.network = network;
        b.call = call;
        b.secrets = copy(secrets);
        b.ssh = copy(ssh);
        b.annotations = copy(annotations);
        b.attest = copy(attest);
        b.entitlements = copy(entitlements);
        b.noCacheFilter = copy(noCacheFilter);
        b.shmSize = shmSize;
        b.ulimits = copy(ulimits);
        b.extraHosts = copy(extraHosts);
        b.sources = new ArrayList<>(sources);
        b.origins = new LinkedHashMap<>(origins);
        b.contextOrigins = new LinkedHashMap<>(contextOrigins);
        return b;
    }

    private static List<String> copy(List<String> value) {
        return value == null ? null : new ArrayList<>(value);
    }

    private static Map<String, String> copy(Map<String, String> value) {
        return value == null ? null : new LinkedHashMap<>(value);
    }

    /**
     * This definition with a later one merged over it, as buildx's {@code Target.Merge}: {@code context},
     * {@code dockerfile}, {@code target}, {@code pull}... and the lists {@code tags}, {@code platforms},
     * {@code cache-to} and {@code output} are replaced when the later one sets them; {@code args}, {@code labels},
     * {@code contexts} merge key by key; {@code cache-from}, {@code secret} and {@code ssh} are joined without
     * repeats; {@code annotations}, {@code attest}, {@code no-cache-filter}, {@code ulimits} and
     * {@code entitlements} are appended; {@code inherits} are appended.
     */
    public TargetDefinition merge(TargetDefinition later) {
        Builder b = toBuilder();
        if (later.context != null) {
            b.context = later.context;
        }
        if (later.dockerfile != null) {
            b.dockerfile = later.dockerfile;
        }
        if (later.dockerfileInline != null) {
            b.dockerfileInline = later.dockerfileInline;
        }
        b.args = putAll(b.args, later.args);
        b.contexts = putAll(b.contexts, later.contexts);
        b.labels = putAll(b.labels, later.labels);
        b.extraHosts = putAll(b.extraHosts, later.extraHosts);
        if (later.tags != null) {
            b.tags = new ArrayList<>(later.tags);
        }
        if (later.target != null) {
            b.target = later.target;
        }
        if (later.call != null) {
            b.call = later.call;
        }
        b.annotations = append(b.annotations, later.annotations, false);
        b.attest = append(b.attest, later.attest, true);
        b.secrets = append(b.secrets, later.secrets, true);
        b.ssh = append(b.ssh, later.ssh, true);
        if (later.platforms != null) {
            b.platforms = new ArrayList<>(later.platforms);
        }
        b.cacheFrom = append(b.cacheFrom, later.cacheFrom, true);
        if (later.cacheTo != null) {
            b.cacheTo = new ArrayList<>(later.cacheTo);
        }
        if (later.outputs != null) {
            b.outputs = new ArrayList<>(later.outputs);
        }
        if (later.pull != null) {
            b.pull = later.pull;
        }
        if (later.noCache != null) {
            b.noCache = later.noCache;
        }
        if (later.network != null) {
            b.network = later.network;
        }
        b.noCacheFilter = append(b.noCacheFilter, later.noCacheFilter, false);
        if (later.shmSize != null) {
            b.shmSize = later.shmSize;
        }
        b.ulimits = append(b.ulimits, later.ulimits, false);
        if (!later.description.isEmpty()) {
            b.description = later.description;
        }
        b.entitlements = append(b.entitlements, later.entitlements, false);
        b.inherits.addAll(later.inherits);
        for (BlockSource source : later.sources) {
            if (!b.sources.contains(source)) {
                b.sources.add(source);
            }
        }
        b.origins.putAll(later.origins);
        if (later.contexts != null) {
            for (String key : later.contexts.keySet()) {
                AttributeSource origin = later.contextOrigins.get(key);
                if (origin != null) {
                    b.contextOrigins.put(key, origin);
                } else {
                    b.contextOrigins.remove(key);
                }
            }
        }
        return b.build();
    }

    private static Map<String, String> putAll(Map<String, String> base, Map<String, String> later) {
        if (later == null) {
            return base;
        }
        Map<String, String> out = base == null ? new LinkedHashMap<>() : base;
        out.putAll(later);
        return out;
    }

    private static List<String> append(List<String> base, List<String> later, boolean distinct) {
        if (later == null) {
            return base;
        }
        List<String> out = base == null ? new ArrayList<>() : base;
        for (String value : later) {
            if (!distinct || !out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    /** Collects a definition; unset fields stay null. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private List<String> inherits = new ArrayList<>();
        private String context;
        private Map<String, String> contexts;
        private String dockerfile;
        private String dockerfileInline;
        private Map<String, String> args;
        private Map<String, String> labels;
        private List<String> tags;
        private List<String> platforms;
        private List<String> cacheFrom;
        private List<String> cacheTo;
        private List<String> outputs;
        private String target;
        private Boolean pull;
        private Boolean noCache;
        private String network;
        private String call;
        private List<String> secrets;
        private List<String> ssh;
        private List<String> annotations;
        private List<String> attest;
        private List<String> entitlements;
        private List<String> noCacheFilter;
        private String shmSize;
        private List<String> ulimits;
        private Map<String, String> extraHosts;
        private List<BlockSource> sources = new ArrayList<>();
        private Map<String, AttributeSource> origins = new LinkedHashMap<>();
        private Map<String, AttributeSource> contextOrigins = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder inherits(List<String> value) {
            inherits = new ArrayList<>(value);
            return this;
        }

        public Builder context(String value) {
            context = value;
            return this;
        }

        public Builder contexts(Map<String, String> value) {
            contexts = copy(value);
            return this;
        }

        public Builder dockerfile(String value) {
            dockerfile = value;
            return this;
        }

        public Builder dockerfileInline(String value) {
            dockerfileInline = value;
            return this;
        }

        public Builder args(Map<String, String> value) {
            args = copy(value);
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = copy(value);
            return this;
        }

        public Builder tags(List<String> value) {
            tags = copy(value);
            return this;
        }

        public Builder platforms(List<String> value) {
            platforms = copy(value);
            return this;
        }

        public Builder cacheFrom(List<String> value) {
            cacheFrom = copy(value);
            return this;
        }

        public Builder cacheTo(List<String> value) {
            cacheTo = copy(value);
            return this;
        }

        public Builder outputs(List<String> value) {
            outputs = copy(value);
            return this;
        }

        public Builder target(String value) {
            target = value;
            return this;
        }

        public Builder pull(Boolean value) {
            pull = value;
            return this;
        }

        public Builder noCache(Boolean value) {
            noCache = value;
            return this;
        }

        public Builder network(String value) {
            network = value;
            return this;
        }

        public Builder call(String value) {
            call = value;
            return this;
        }

        public Builder secrets(List<String> value) {
            secrets = copy(value);
            return this;
        }

        public Builder ssh(List<String> value) {
            ssh = copy(value);
            return this;
        }

        public Builder annotations(List<String> value) {
            annotations = copy(value);
            return this;
        }

        public Builder attest(List<String> value) {
            attest = copy(value);
            return this;
        }

        public Builder entitlements(List<String> value) {
            entitlements = copy(value);
            return this;
        }

        public Builder noCacheFilter(List<String> value) {
            noCacheFilter = copy(value);
            return this;
        }

        public Builder shmSize(String value) {
            shmSize = value;
            return this;
        }

        public Builder ulimits(List<String> value) {
            ulimits = copy(value);
            return this;
        }

        public Builder extraHosts(Map<String, String> value) {
            extraHosts = copy(value);
            return this;
        }

        public Builder source(BlockSource value) {
            sources.add(value);
            return this;
        }

        /** Records that {@code attribute} (bake's name, such as {@code cache-from}) was set by {@code origin}. */
        public Builder origin(String attribute, AttributeSource origin) {
            origins.put(attribute, origin);
            return this;
        }

        public Builder contextOrigin(String key, AttributeSource origin) {
            contextOrigins.put(key, origin);
            return this;
        }

        // Package-level access for --set, which edits resolved definitions.
        Map<String, String> argsMap() {
            if (args == null) {
                args = new LinkedHashMap<>();
            }
            return args;
        }

        Map<String, String> contextsMap() {
            if (contexts == null) {
                contexts = new LinkedHashMap<>();
            }
            return contexts;
        }

        Map<String, String> labelsMap() {
            if (labels == null) {
                labels = new LinkedHashMap<>();
            }
            return labels;
        }

        Map<String, String> extraHostsMap() {
            if (extraHosts == null) {
                extraHosts = new LinkedHashMap<>();
            }
            return extraHosts;
        }

        List<String> tagsList() {
            return tags;
        }

        List<String> platformsList() {
            return platforms;
        }

        List<String> outputsList() {
            return outputs;
        }

        List<String> cacheFromList() {
            return cacheFrom;
        }

        List<String> cacheToList() {
            return cacheTo;
        }

        List<String> secretsList() {
            return secrets;
        }

        List<String> sshList() {
            return ssh;
        }

        List<String> annotationsList() {
            return annotations;
        }

        List<String> attestList() {
            return attest;
        }

        List<String> entitlementsList() {
            return entitlements;
        }

        List<String> noCacheFilterList() {
            return noCacheFilter;
        }

        List<String> ulimitsList() {
            return ulimits;
        }

        void clearInherits() {
            inherits = new ArrayList<>();
        }

        void forgetOrigin(String attribute) {
            origins.remove(attribute);
        }

        void forgetContextOrigin(String key) {
            contextOrigins.remove(key);
        }

        public TargetDefinition build() {
            return new TargetDefinition(name, description, inherits, context, contexts, dockerfile, dockerfileInline, args,
                    labels, tags, platforms, cacheFrom, cacheTo, outputs, target, pull, noCache, network, call, secrets, ssh,
                    annotations, attest, entitlements, noCacheFilter, shmSize, ulimits, extraHosts, sources, origins,
                    contextOrigins);
        }
    }
}
