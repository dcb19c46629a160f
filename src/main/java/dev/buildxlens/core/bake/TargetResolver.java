package dev.buildxlens.core.bake;

import dev.buildxlens.core.bake.hcl.SourceRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Resolves requested targets and groups as buildx's {@code ReadTargets} does: names with glob characters match groups
 * and targets; a group expands (nested groups too, each once); a target merges what it {@code inherits} (in order, each
 * parent resolved with its own overrides first), then itself, then its {@code --set} overrides; targets named by a
 * {@code target:} context are resolved too, as {@code cacheonly} linked targets, with buildx's checks (no self-link,
 * no loop, platforms a subset). An {@code inherits} loop is not an error in buildx: the repeated link is skipped, and
 * a warning says so.
 */
final class TargetResolver {

    private static final Pattern GLOB_CHARS = Pattern.compile("[*?\\[\\]]");

    private final BakeConfig config;
    private final Overrides overrides;
    private final List<BakeWarning> warnings = new ArrayList<>();
    private final Map<String, Set<String>> overridden = new HashMap<>();

    TargetResolver(BakeConfig config, Overrides overrides) {
        this.config = config;
        this.overrides = overrides;
    }

    BakeResolution resolve(List<String> requested, String localPlatform) throws BakeException {
        List<String> names = new ArrayList<>();
        for (String name : requested.isEmpty() ? List.of("default") : requested) {
            names.addAll(matchNames(name.replace('.', '_')));
        }
        names = new ArrayList<>(new LinkedHashSet<>(names));

        Map<String, TargetDefinition> targets = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : names) {
            Expansion expansion = group(name, new HashMap<>());
            for (String targetName : new LinkedHashSet<>(expansion.targets)) {
                targets.put(targetName, resolveTarget(targetName, null));
            }
            for (String groupName : new LinkedHashSet<>(expansion.groups)) {
                findGroup(groupName).ifPresent(g -> groups.put(groupName, g.targets()));
            }
        }
        for (String name : names) {
            if (groups.containsKey("default") && name.equals("default")) {
                continue;
            }
            groups.computeIfAbsent("default", k -> new ArrayList<>());
            List<String> members = new ArrayList<>(groups.get("default"));
            members.add(name);
            groups.put("default", members);
        }
        if (groups.containsKey("default")) {
            groups.put("default", new ArrayList<>(new TreeSet<>(groups.get("default"))));
        }

        Set<String> linked = new LinkedHashSet<>();
        for (String name : new ArrayList<>(targets.keySet())) {
            loadLinks(name, targets.get(name), targets, new ArrayList<>(), linked);
        }
        List<BakeTarget> out = new ArrayList<>();
        for (Map.Entry<String, TargetDefinition> entry : targets.entrySet()) {
            out.add(toTarget(entry.getKey(), entry.getValue(), linked.contains(entry.getKey())));
        }
        return new BakeResolution(out, groups, warnings, localPlatform);
    }

    /** buildx {@code matchNames}: a plain name as is; a glob matched against group then target names. */
    private List<String> matchNames(String pattern) throws BakeException {
        if (!GLOB_CHARS.matcher(pattern).find()) {
            return List.of(pattern);
        }
        Pattern glob = Overrides.glob(pattern);
        List<String> names = new ArrayList<>();
        config.groups().stream().map(GroupDefinition::name).filter(n -> glob.matcher(n).matches()).forEach(names::add);
        config.targets().stream().map(TargetDefinition::name).filter(n -> glob.matcher(n).matches()).forEach(names::add);
        if (names.isEmpty()) {
            throw new BakeException(BakeException.Kind.UNKNOWN_TARGET, null, "could not find any target matching \"" + pattern + "\"");
        }
        return names;
    }

    private record Expansion(List<String> targets, List<String> groups) {
    }

    /** buildx {@code Config.group}: the targets a name stands for and the groups met on the way. */
    private Expansion group(String name, Map<String, Expansion> visited) {
        Expansion known = visited.get(name);
        if (known != null) {
            return known;
        }
        GroupDefinition group = findGroup(name).orElse(null);
        if (group == null) {
            return new Expansion(List.of(name), List.of());
        }
        visited.put(name, new Expansion(List.of(), List.of()));
        List<String> targets = new ArrayList<>();
        List<String> groups = new ArrayList<>(List.of(name));
        for (String member : group.targets()) {
            Expansion inner = group(member, visited);
            targets.addAll(inner.targets.isEmpty() ? List.of(member) : inner.targets);
            groups.addAll(inner.groups);
        }
        Expansion result = new Expansion(targets, groups);
        visited.put(name, result);
        return result;
    }

    private java.util.Optional<GroupDefinition> findGroup(String name) {
        return config.groups().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    private java.util.Optional<TargetDefinition> findTarget(String name) {
        return config.targets().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** buildx {@code ResolveTarget}: the merged target with bake's defaults for context and Dockerfile. */
    private TargetDefinition resolveTarget(String name, SourceRange requestedAt) throws BakeException {
        TargetDefinition merged = target(name, new HashMap<>(), requestedAt, null);
        TargetDefinition.Builder b = merged.toBuilder();
        b.clearInherits();
        if (merged.context() == null) {
            b.context(".");
        } else if (!merged.context().startsWith("cwd://") && !BakeTarget.isRemote(merged.context())) {
            // As --print shows it: buildx toBuildOpt cleans the context path and writes it back to the target.
            b.context(Paths.clean(merged.context()));
        }
        if (merged.dockerfile() == null || merged.dockerfile().isEmpty()) {
            b.dockerfile("Dockerfile");
        }
        return b.build();
    }

    private static final TargetDefinition IN_PROGRESS = TargetDefinition.builder("").build();

    /** buildx {@code Config.target}: parents first, then the target's own definition, then its overrides. */
    private TargetDefinition target(String name, Map<String, TargetDefinition> visited, SourceRange requestedAt, String child)
            throws BakeException {
        TargetDefinition known = visited.get(name);
        if (known == IN_PROGRESS) {
            TargetDefinition inheriting = findTarget(child).orElseThrow();
            AttributeSource at = inheriting.origins().get("inherits");
            warnings.add(new BakeWarning(at == null ? null : at.valueRange(), "inherits loop: " + child + " inherits " + name
                    + ", which is still being resolved; buildx skips this link"));
            return null;
        }
        if (known != null) {
            return known;
        }
        visited.put(name, IN_PROGRESS);
        TargetDefinition definition = findTarget(name).orElseThrow(() -> unknownTarget(name, requestedAt));
        TargetDefinition parents = TargetDefinition.builder(name).build();
        for (String parent : definition.inherits()) {
            AttributeSource inheritsAt = definition.origins().get("inherits");
            TargetDefinition resolved = target(parent, visited, inheritsAt == null ? requestedAt : inheritsAt.valueRange(), name);
            if (resolved != null) {
                parents = parents.merge(resolved);
            }
        }
        TargetDefinition merged = TargetDefinition.builder(name).build().merge(parents).merge(definition);
        TargetDefinition.Builder b = merged.toBuilder();
        Set<String> changed = Overrides.apply(b, overrides.forTarget(name));
        overridden.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(changed);
        TargetDefinition result = normalize(b.build(), definition.sources());
        visited.put(name, result);
        return result;
    }

    private BakeException unknownTarget(String name, SourceRange at) {
        Set<String> known = new TreeSet<>();
        config.targets().forEach(t -> known.add(t.name()));
        config.groups().forEach(g -> known.add(g.name()));
        String hint = known.isEmpty() ? "; the files define no targets" : "; the files define " + String.join(", ", known);
        return new BakeException(BakeException.Kind.UNKNOWN_TARGET, at, "failed to find target " + name + hint);
    }

    /** buildx {@code Target.normalize}; the sources become the target's own blocks (not its parents'). */
    private static TargetDefinition normalize(TargetDefinition t, List<BlockSource> ownSources) {
        TargetDefinition.Builder copy = t.toBuilder();
        copy.tags(distinctNonEmpty(t.tags()));
        copy.platforms(distinctNonEmpty(t.platforms()));
        copy.cacheFrom(distinctNonEmpty(t.cacheFrom()));
        copy.cacheTo(distinctNonEmpty(t.cacheTo()));
        copy.outputs(distinctNonEmpty(t.outputs()));
        copy.secrets(distinctNonEmpty(t.secrets()));
        copy.ssh(distinctNonEmpty(t.ssh()));
        copy.annotations(distinctNonEmpty(t.annotations()));
        copy.attest(distinctNonEmpty(t.attest()));
        copy.noCacheFilter(distinctNonEmpty(t.noCacheFilter()));
        copy.ulimits(distinctNonEmpty(t.ulimits()));
        List<String> entitlements = t.entitlements() == null ? new ArrayList<>() : new ArrayList<>(t.entitlements());
        if ("host".equals(t.network())) {
            entitlements.add("network.host");
        }
        copy.entitlements(distinctNonEmpty(entitlements));
        if (t.contexts() != null) {
            Map<String, String> contexts = new LinkedHashMap<>();
            t.contexts().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    contexts.put(k, v);
                }
            });
            copy.contexts(contexts.isEmpty() ? null : contexts);
        }
        return withSources(copy.build(), ownSources);
    }

    private static TargetDefinition withSources(TargetDefinition t, List<BlockSource> sources) {
        return new TargetDefinition(t.name(), t.description(), t.inherits(), t.context(), t.contexts(), t.dockerfile(),
                t.dockerfileInline(), t.args(), t.labels(), t.tags(), t.platforms(), t.cacheFrom(), t.cacheTo(), t.outputs(),
                t.target(), t.pull(), t.noCache(), t.network(), t.call(), t.secrets(), t.ssh(), t.annotations(), t.attest(),
                t.entitlements(), t.noCacheFilter(), t.shmSize(), t.ulimits(), t.extraHosts(), sources, t.origins(),
                t.contextOrigins());
    }

    private static List<String> distinctNonEmpty(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (!value.isEmpty() && !out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    /** buildx {@code loadLinks}. */
    private void loadLinks(String name, TargetDefinition t, Map<String, TargetDefinition> targets, List<String> visited,
                           Set<String> linked) throws BakeException {
        List<String> path = new ArrayList<>(visited);
        path.add(name);
        if (t.contexts() == null) {
            return;
        }
        for (Map.Entry<String, String> context : t.contexts().entrySet()) {
            if (!context.getValue().startsWith("target:")) {
                continue;
            }
            String target = context.getValue().substring("target:".length());
            AttributeSource origin = t.contextOrigins().get(context.getKey());
            SourceRange at = origin == null ? null : origin.objectKeys().getOrDefault(context.getKey(), origin.valueRange());
            if (target.equals(name)) {
                throw new BakeException(BakeException.Kind.CYCLE, at, "target " + target + " cannot link to itself");
            }
            if (path.contains(target)) {
                throw new BakeException(BakeException.Kind.CYCLE, at, "infinite loop from " + name + " to " + target);
            }
            TargetDefinition linkedTarget = targets.get(target);
            if (linkedTarget == null) {
                TargetDefinition resolved = resolveTarget(target, at);
                linkedTarget = resolved.toBuilder().outputs(List.of("type=cacheonly")).build();
                targets.put(target, linkedTarget);
                linked.add(target);
            }
            loadLinks(target, linkedTarget, targets, path, linked);
            List<String> platforms = t.platforms() == null ? List.of() : t.platforms();
            List<String> linkedPlatforms = linkedTarget.platforms() == null ? List.of() : linkedTarget.platforms();
            if (platforms.size() > 1 && linkedPlatforms.size() > 1 && !linkedPlatforms.containsAll(platforms)) {
                throw new BakeException(BakeException.Kind.INVALID, at, "target " + target + " can't be used by " + name
                        + " because its platforms " + linkedPlatforms + " are not a subset of " + platforms);
            }
        }
    }

    private BakeTarget toTarget(String name, TargetDefinition t, boolean linked) {
        return new BakeTarget(name, t.description(), t.context(), t.dockerfile(), java.util.Optional.ofNullable(t.dockerfileInline()),
                orEmpty(t.args()), orEmpty(t.labels()), listOrEmpty(t.tags()), listOrEmpty(t.platforms()), orEmpty(t.contexts()),
                t.target() == null ? "" : t.target(), listOrEmpty(t.outputs()), listOrEmpty(t.cacheFrom()), listOrEmpty(t.cacheTo()),
                Boolean.TRUE.equals(t.pull()), Boolean.TRUE.equals(t.noCache()), t.network() == null ? "" : t.network(),
                t.call() == null ? "" : t.call(), listOrEmpty(t.secrets()), listOrEmpty(t.ssh()), linked, t.sources(),
                t.origins(), t.contextOrigins(), overridden.getOrDefault(name, Set.of()));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
