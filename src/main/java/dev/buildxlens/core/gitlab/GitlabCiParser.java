package dev.buildxlens.core.gitlab;

import dev.buildxlens.core.gitlab.GitlabPipeline.Job;
import dev.buildxlens.core.gitlab.GitlabPipeline.Runs;
import dev.buildxlens.core.gitlab.GitlabPipeline.ScriptLine;
import dev.buildxlens.core.gitlab.GitlabPipeline.Service;
import dev.buildxlens.core.gitlab.YNode.YList;
import dev.buildxlens.core.gitlab.YNode.YMap;
import dev.buildxlens.core.gitlab.YNode.YReference;
import dev.buildxlens.core.gitlab.YNode.YScalar;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.YamlDocument;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code .gitlab-ci.yml} the way GitLab composes a pipeline (docs: "CI/CD YAML syntax reference", "Optimize
 * GitLab CI/CD configuration files"): {@code include: local} files merged under the main file, YAML anchors and
 * {@code <<:} merge keys, {@code default} and the old global keywords, {@code extends} (deep merge, up to 11
 * levels), {@code !reference} (up to 10 levels), {@code parallel: matrix}, and literal {@code rules},
 * {@code only}/{@code except} and {@code when}.
 */
public final class GitlabCiParser {

    /** Top-level keys that are not jobs. */
    private static final Set<String> GLOBAL_KEYWORDS = Set.of("default", "include", "stages", "variables", "workflow", "image", "services",
            "cache", "before_script", "after_script", "spec");
    /** What {@code default} (and the old global keywords) can give a job. */
    private static final List<String> DEFAULTABLE = List.of("image", "services", "before_script", "after_script", "cache", "tags",
            "artifacts", "retry", "timeout", "interruptible", "hooks", "id_tokens");
    private static final List<String> DEFAULT_STAGES = List.of(".pre", "build", "test", "deploy", ".post");
    private static final int MAX_EXTENDS_DEPTH = 11;
    private static final int MAX_REFERENCE_DEPTH = 10;
    private static final int MAX_INCLUDES = 150;

    private final Path repoRoot;
    private final List<String> notFollowed = new ArrayList<>();
    private int includes;

    private GitlabCiParser(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    /**
     * Reads {@code file}; {@code include: local} paths resolve from {@code repoRoot}, and errors name files as
     * paths relative to it.
     */
    public static GitlabPipeline read(Path file, Path repoRoot) throws WorkflowException {
        GitlabCiParser parser = new GitlabCiParser(repoRoot.toAbsolutePath().normalize());
        return parser.pipeline(file.toAbsolutePath().normalize());
    }

    private GitlabPipeline pipeline(Path file) throws WorkflowException {
        String display = display(file);
        YMap root = withIncludes(file, display, new LinkedHashSet<>());
        List<String> stages = new ArrayList<>();
        YNode stagesNode = root.get("stages");
        if (stagesNode != null) {
            for (YNode stage : YNode.flatten(stagesNode)) {
                stages.add(text(stage, "stages"));
            }
        } else {
            stages.addAll(DEFAULT_STAGES);
        }
        Map<String, String> variables = variables(root.get("variables"));
        YMap defaults = defaults(root);
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, YNode> entry : root.entries().entrySet()) {
            String name = entry.getKey();
            if (GLOBAL_KEYWORDS.contains(name) || name.startsWith(".")) {
                continue;
            }
            if (!(entry.getValue() instanceof YMap body)) {
                throw new WorkflowException(entry.getValue().file(), entry.getValue().line(), "job '" + name + "' must be a mapping");
            }
            YMap resolved = applyDefaults(extended(name, body, root, 0, new ArrayList<>()), defaults);
            resolved = (YMap) references(resolved, root, 0);
            jobs.addAll(jobs(name, resolved));
        }
        return new GitlabPipeline(display, stages, variables, jobs, notFollowed);
    }

    // ---- files and includes ----

    private String display(Path file) {
        return file.startsWith(repoRoot) ? repoRoot.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    /** The file with its local includes merged under it (the including file wins, later includes over earlier). */
    private YMap withIncludes(Path file, String display, Set<Path> seen) throws WorkflowException {
        if (!seen.add(file)) {
            throw new WorkflowException(display, 0, "includes itself (through " + String.join(" → ", seen.stream().map(this::display).toList()) + ")");
        }
        Node node = YamlDocument.read(file, display);
        YNode converted = convert(node, display);
        if (!(converted instanceof YMap map)) {
            throw new WorkflowException(display, converted.line(), "the top level must be a mapping of keywords and jobs");
        }
        YNode include = map.get("include");
        if (include == null) {
            seen.remove(file);
            return map;
        }
        YNode merged = null;
        for (YNode item : YNode.flatten(include)) {
            for (Path included : localIncludes(item, display)) {
                if (++includes > MAX_INCLUDES) {
                    throw new WorkflowException(display, item.line(), "more than " + MAX_INCLUDES + " included files");
                }
                YMap content = withIncludes(included, display(included), seen);
                merged = merged == null ? content : YNode.merge(merged, content);
            }
        }
        seen.remove(file);
        Map<String, YNode> own = new LinkedHashMap<>(map.entries());
        own.remove("include");
        YMap main = new YMap(own, map.file(), map.line());
        return merged == null ? main : (YMap) YNode.merge(merged, main);
    }

    /** The files an include item names, when it is {@code local} (a path from the repository root, or a glob). */
    private List<Path> localIncludes(YNode item, String display) throws WorkflowException {
        String local;
        if (item instanceof YScalar scalar) {
            String value = scalar.value().trim();
            if (value.startsWith("http://") || value.startsWith("https://")) {
                notFollowed.add("include " + value + " (remote)");
                return List.of();
            }
            local = value;
        } else if (item instanceof YMap map && map.get("local") != null) {
            local = text(map.get("local"), "include: local");
        } else if (item instanceof YMap map) {
            String kind = map.entries().keySet().stream().filter(k -> Set.of("remote", "project", "template", "component").contains(k))
                    .findFirst().orElse("include");
            YNode what = map.get(kind);
            notFollowed.add("include " + kind + ": " + (what instanceof YScalar s ? s.value() : "…") + " (" + display + ":" + item.line()
                    + ")");
            return List.of();
        } else {
            throw new WorkflowException(display, item.line(), "include: an item must be a path or a mapping");
        }
        String relative = local.startsWith("/") ? local.substring(1) : local;
        if (relative.contains("$")) {
            notFollowed.add("include local: " + local + " (depends on a variable)");
            return List.of();
        }
        if (relative.contains("*")) {
            return glob(relative, display, item.line());
        }
        Path path = repoRoot.resolve(relative).normalize();
        if (!path.startsWith(repoRoot)) {
            throw new WorkflowException(display, item.line(), "include: local '" + local + "' is outside the repository");
        }
        if (!Files.isRegularFile(path)) {
            throw new WorkflowException(display, item.line(), "include: local '" + local + "': no such file in " + repoRoot);
        }
        return List.of(path);
    }

    /** {@code include: 'configs/*.yml'} (one directory) and {@code 'configs/**.yml'} (recursive), sorted as GitLab does. */
    private List<Path> glob(String pattern, String display, int line) throws WorkflowException {
        int slash = pattern.lastIndexOf('/', pattern.indexOf('*'));
        Path dir = repoRoot.resolve(slash < 0 ? "" : pattern.substring(0, slash)).normalize();
        String namePattern = slash < 0 ? pattern : pattern.substring(slash + 1);
        boolean recursive = namePattern.contains("**");
        String regex = namePattern.replace(".", "\\.").replace("**", "\u0000").replace("*", "[^/]*").replace("\u0000", ".*");
        List<Path> found = new ArrayList<>();
        try {
            if (recursive) {
                try (var walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).filter(p -> dir.relativize(p).toString().replace('\\', '/').matches(regex))
                            .forEach(found::add);
                }
            } else if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                    for (Path p : stream) {
                        if (Files.isRegularFile(p) && p.getFileName().toString().matches(regex)) {
                            found.add(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new WorkflowException(display, line, "include: local '" + pattern + "': " + e.getMessage());
        }
        found.sort(null);
        return found;
    }

    // ---- YAML to YNode ----

    private static YNode convert(Node node, String file) throws WorkflowException {
        int line = YamlDocument.line(node);
        if (node instanceof ScalarNode scalar) {
            // A block scalar (| or >) starts its text on the line after the indicator: where a script's commands are.
            boolean block = scalar.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL
                    || scalar.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.FOLDED;
            return new YScalar(scalar.getValue(), file, block ? line + 1 : line);
        }
        if (node instanceof SequenceNode sequence) {
            if ("!reference".equals(node.getTag().getValue())) {
                List<String> path = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    if (!(item instanceof ScalarNode key)) {
                        throw new WorkflowException(file, YamlDocument.line(item), "!reference takes a list of keys");
                    }
                    path.add(key.getValue());
                }
                return new YReference(path, file, line);
            }
            List<YNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, file));
            }
            return new YList(items, file, line);
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, YNode> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new WorkflowException(file, YamlDocument.line(tuple.getKeyNode()), "a key that is not a string");
            }
            if (key.getValue().equals("<<")) {
                // YAML merge keys (GitLab supports them): the merged mapping's keys, unless the mapping has its own.
                List<Node> sources = tuple.getValueNode() instanceof SequenceNode list ? list.getValue() : List.of(tuple.getValueNode());
                for (Node source : sources) {
                    if (convert(source, file) instanceof YMap map) {
                        map.entries().forEach(merged::putIfAbsent);
                    }
                }
                continue;
            }
            if (entries.containsKey(key.getValue())) {
                throw new WorkflowException(file, YamlDocument.line(key), "duplicate key '" + key.getValue() + "'");
            }
            entries.put(key.getValue(), convert(tuple.getValueNode(), file));
        }
        merged.forEach(entries::putIfAbsent);
        return new YMap(entries, file, line);
    }

    // ---- default, extends, !reference ----

    private static YMap defaults(YMap root) {
        Map<String, YNode> values = new LinkedHashMap<>();
        for (String key : DEFAULTABLE) {
            // The old global keywords (image:, services:, before_script: at the top level) act as defaults too.
            if (root.get(key) != null) {
                values.put(key, root.get(key));
            }
        }
        if (root.get("default") instanceof YMap defaults) {
            values.putAll(defaults.entries());
        }
        return new YMap(values, root.file(), root.line());
    }

    private static YMap applyDefaults(YMap job, YMap defaults) {
        boolean inherit = !(job.get("inherit") instanceof YMap settings && settings.get("default") instanceof YScalar s
                && s.value().equals("false"));
        if (!inherit) {
            return job;
        }
        Map<String, YNode> entries = new LinkedHashMap<>(job.entries());
        defaults.entries().forEach(entries::putIfAbsent);
        return new YMap(entries, job.file(), job.line());
    }

    /** The job with everything it {@code extends} merged under it, in order (later templates win over earlier). */
    private static YMap extended(String name, YMap job, YMap root, int depth, List<String> chain) throws WorkflowException {
        YNode extendsNode = job.get("extends");
        if (extendsNode == null) {
            return job;
        }
        if (depth >= MAX_EXTENDS_DEPTH) {
            throw new WorkflowException(job.file(), job.line(), "extends nests more than " + MAX_EXTENDS_DEPTH + " levels ("
                    + String.join(" → ", chain) + ")");
        }
        YNode merged = null;
        for (YNode parentName : YNode.flatten(extendsNode)) {
            String parent = text(parentName, "extends");
            if (chain.contains(parent) || parent.equals(name)) {
                throw new WorkflowException(parentName.file(), parentName.line(), "extends loop: " + name + " → " + parent);
            }
            if (!(root.get(parent) instanceof YMap parentBody)) {
                throw new WorkflowException(parentName.file(), parentName.line(), "job '" + name + "' extends '" + parent
                        + "', which is not defined");
            }
            List<String> next = new ArrayList<>(chain);
            next.add(name);
            YMap resolvedParent = extended(parent, parentBody, root, depth + 1, next);
            merged = merged == null ? resolvedParent : YNode.merge(merged, resolvedParent);
        }
        Map<String, YNode> own = new LinkedHashMap<>(job.entries());
        own.remove("extends");
        return (YMap) YNode.merge(merged, new YMap(own, job.file(), job.line()));
    }

    private static YNode references(YNode node, YMap root, int depth) throws WorkflowException {
        if (node instanceof YReference reference) {
            if (depth >= MAX_REFERENCE_DEPTH) {
                throw new WorkflowException(reference.file(), reference.line(), "!reference nests more than " + MAX_REFERENCE_DEPTH + " levels");
            }
            YNode target = root;
            for (int i = 0; i < reference.path().size(); i++) {
                String key = reference.path().get(i);
                if (!(target instanceof YMap map) || map.get(key) == null) {
                    throw new WorkflowException(reference.file(), reference.line(), "!reference " + reference.path() + ": '" + key
                            + "' is not defined");
                }
                target = map.get(key);
                if (i == 0 && target instanceof YMap job) {
                    // A job is referenced as it is after its extends (a template's stage, script…).
                    target = extended(key, job, root, 0, new ArrayList<>());
                }
            }
            return references(target, root, depth + 1);
        }
        if (node instanceof YMap map) {
            Map<String, YNode> entries = new LinkedHashMap<>();
            for (Map.Entry<String, YNode> entry : map.entries().entrySet()) {
                entries.put(entry.getKey(), references(entry.getValue(), root, depth));
            }
            return new YMap(entries, map.file(), map.line());
        }
        if (node instanceof YList list) {
            List<YNode> items = new ArrayList<>();
            for (YNode item : list.items()) {
                items.add(references(item, root, depth));
            }
            return new YList(items, list.file(), list.line());
        }
        return node;
    }

    // ---- one job ----

    private List<Job> jobs(String name, YMap body) throws WorkflowException {
        List<Map<String, String>> combinations = matrix(body.get("parallel"));
        List<Job> jobs = new ArrayList<>();
        for (Map<String, String> combination : combinations) {
            String label = combination.isEmpty() ? name : name + ": [" + String.join(", ", combination.values()) + "]";
            jobs.add(job(label, body, combination));
        }
        return jobs;
    }

    private Job job(String name, YMap body, Map<String, String> matrixVariables) throws WorkflowException {
        String stage = body.get("stage") == null ? "test" : text(body.get("stage"), "stage");
        String image = image(body.get("image"));
        List<Service> services = new ArrayList<>();
        for (YNode service : YNode.flatten(body.get("services"))) {
            services.add(service(service));
        }
        Map<String, String> variables = new LinkedHashMap<>(variables(body.get("variables")));
        variables.putAll(matrixVariables);
        List<ScriptLine> script = new ArrayList<>(script(body.get("before_script")));
        script.addAll(script(body.get("script")));
        List<String> needs = null;
        if (body.get("needs") != null) {
            needs = new ArrayList<>();
            for (YNode need : YNode.flatten(body.get("needs"))) {
                if (need instanceof YScalar scalar) {
                    needs.add(scalar.value());
                } else if (need instanceof YMap map && map.get("job") != null) {
                    needs.add(text(map.get("job"), "needs: job"));
                }
            }
        }
        List<String> dependencies = null;
        if (body.get("dependencies") != null) {
            dependencies = new ArrayList<>();
            for (YNode dependency : YNode.flatten(body.get("dependencies"))) {
                dependencies.add(text(dependency, "dependencies"));
            }
        }
        List<String> artifactPaths = new ArrayList<>();
        if (body.get("artifacts") instanceof YMap artifacts) {
            for (YNode path : YNode.flatten(artifacts.get("paths"))) {
                artifactPaths.add(text(path, "artifacts: paths"));
            }
        }
        Decision decision = decision(body);
        return new Job(name, body.file(), body.line(), stage, image, services, variables, script, script(body.get("after_script")), needs,
                dependencies, artifactPaths, decision.runs(), decision.why());
    }

    private static String image(YNode node) throws WorkflowException {
        if (node == null) {
            return "";
        }
        if (node instanceof YMap map) {
            return map.get("name") == null ? "" : text(map.get("name"), "image: name");
        }
        return text(node, "image");
    }

    private static Service service(YNode node) throws WorkflowException {
        String image;
        List<String> aliases = new ArrayList<>();
        Map<String, String> variables = Map.of();
        if (node instanceof YMap map) {
            image = map.get("name") == null ? "" : text(map.get("name"), "services: name");
            if (map.get("alias") != null) {
                // Several aliases may be given, separated by commas or spaces.
                for (String alias : text(map.get("alias"), "services: alias").split("[,\\s]+")) {
                    if (!alias.isBlank()) {
                        aliases.add(alias);
                    }
                }
            }
            variables = variables(map.get("variables"));
        } else {
            image = text(node, "services");
        }
        if (aliases.isEmpty()) {
            aliases.addAll(derivedHostnames(image));
        }
        return new Service(image, aliases, variables, node.line());
    }

    /**
     * The host names GitLab gives a service without an alias: the image name without its tag (or digest), with
     * {@code /} replaced by {@code __} and, as a second name, by {@code -}.
     */
    static List<String> derivedHostnames(String image) {
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(name.replace("/", "__"));
        names.add(name.replace("/", "-"));
        return List.copyOf(names);
    }

    private static Map<String, String> variables(YNode node) throws WorkflowException {
        Map<String, String> variables = new LinkedHashMap<>();
        if (node == null) {
            return variables;
        }
        if (!(node instanceof YMap map)) {
            throw new WorkflowException(node.file(), node.line(), "variables must be a mapping");
        }
        for (Map.Entry<String, YNode> entry : map.entries().entrySet()) {
            YNode value = entry.getValue();
            if (value instanceof YMap full) {
                value = full.get("value");
            }
            variables.put(entry.getKey(), value instanceof YScalar scalar ? scalar.value() : "");
        }
        return variables;
    }

    private static List<ScriptLine> script(YNode node) throws WorkflowException {
        List<ScriptLine> lines = new ArrayList<>();
        for (YNode item : YNode.flatten(node)) {
            if (!(item instanceof YScalar scalar)) {
                throw new WorkflowException(item.file(), item.line(), "a script line must be a string");
            }
            lines.add(new ScriptLine(scalar.value(), scalar.file(), scalar.line()));
        }
        return lines;
    }

    /** {@code parallel: matrix}: every combination of every entry (a value or a list of values per variable). */
    private static List<Map<String, String>> matrix(YNode parallel) throws WorkflowException {
        if (!(parallel instanceof YMap map) || map.get("matrix") == null) {
            return List.of(Map.of());
        }
        List<Map<String, String>> all = new ArrayList<>();
        for (YNode entry : YNode.flatten(map.get("matrix"))) {
            if (!(entry instanceof YMap variables)) {
                throw new WorkflowException(entry.file(), entry.line(), "parallel: matrix entries must be mappings");
            }
            List<Map<String, String>> combinations = new ArrayList<>(List.of(new LinkedHashMap<>()));
            for (Map.Entry<String, YNode> variable : variables.entries().entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> combination : combinations) {
                    for (YNode value : YNode.flatten(variable.getValue())) {
                        Map<String, String> extended = new LinkedHashMap<>(combination);
                        extended.put(variable.getKey(), text(value, "parallel: matrix"));
                        next.add(extended);
                    }
                }
                combinations = next;
            }
            all.addAll(combinations);
            if (all.size() > 200) {
                throw new WorkflowException(entry.file(), entry.line(), "parallel: matrix makes more than 200 jobs (GitLab's limit)");
            }
        }
        return all;
    }

    private record Decision(Runs runs, String why) {
    }

    /**
     * Whether the job runs, from what is literal: {@code when: never}, {@code rules} whose every reachable rule says
     * never, and {@code when: manual}. A rule with {@code if}, {@code changes} or {@code exists} may or may not match.
     */
    private static Decision decision(YMap body) throws WorkflowException {
        String when = body.get("when") instanceof YScalar s ? s.value().toLowerCase(Locale.ROOT) : "on_success";
        if (when.equals("never")) {
            return new Decision(Runs.NEVER, "when: never");
        }
        if (body.get("rules") != null) {
            boolean conditionalBefore = false;
            boolean mayRun = false;
            for (YNode rule : YNode.flatten(body.get("rules"))) {
                if (!(rule instanceof YMap map)) {
                    continue;
                }
                String ruleWhen = map.get("when") instanceof YScalar s ? s.value().toLowerCase(Locale.ROOT) : "on_success";
                boolean conditional = map.get("if") != null || map.get("changes") != null || map.get("exists") != null;
                if (!conditional) {
                    if (!ruleWhen.equals("never")) {
                        return conditionalBefore ? new Decision(Runs.MAYBE, "its rules depend on the pipeline")
                                : new Decision(ruleWhen.equals("manual") ? Runs.MAYBE : Runs.YES, ruleWhen.equals("manual") ? "when: manual" : "");
                    }
                    break;
                }
                conditionalBefore = true;
                mayRun |= !ruleWhen.equals("never");
            }
            return mayRun ? new Decision(Runs.MAYBE, "its rules depend on the pipeline")
                    : new Decision(Runs.NEVER, "no rule lets it run");
        }
        if (when.equals("manual")) {
            return new Decision(Runs.MAYBE, "when: manual");
        }
        if (body.get("only") != null || body.get("except") != null) {
            return new Decision(Runs.MAYBE, "only/except depend on the pipeline");
        }
        return new Decision(Runs.YES, "");
    }

    private static String text(YNode node, String what) throws WorkflowException {
        if (node instanceof YScalar scalar) {
            return scalar.value();
        }
        throw new WorkflowException(node.file(), node.line(), what + " must be a string");
    }
}
