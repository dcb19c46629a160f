package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.YamlDocument;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Tells what kind of build file a path is, so {@code diagnose PATH} needs no flag: first by the names the tools
 * themselves look for (Compose's and Bake's default file names, {@code .gitlab-ci.yml}, {@code .github/workflows/},
 * {@code Dockerfile}), then by content (the top-level keys each format requires). A file that fits none, or fits
 * two, is an input error that says which option to give.
 */
public final class InputKinds {

    /** Compose's own file names (compose-go's DefaultFileNames and override names) and the common variants. */
    private static final Pattern COMPOSE_NAME = Pattern.compile("(docker-)?compose([.-][\\w.-]+)?\\.ya?ml");
    /** docker-bake.hcl, docker-bake.override.json, any .hcl (bake is the only HCL build file). */
    private static final Pattern BAKE_NAME = Pattern.compile("docker-bake([.-][\\w.-]+)?\\.(hcl|json)|.*\\.hcl");
    /** Dockerfile, Dockerfile.dev, app.Dockerfile, app.dockerfile, Containerfile. */
    private static final Pattern DOCKERFILE_NAME = Pattern.compile("(?i)(dockerfile|containerfile)([.-][\\w.-]+)?|[\\w.-]+\\.(dockerfile|containerfile)");
    private static final Pattern GITLAB_NAME = Pattern.compile("(.*\\.)?gitlab-ci\\.ya?ml");
    /** The first instruction of a Dockerfile, after comments, parser directives and blank lines. */
    private static final Pattern DOCKERFILE_START = Pattern.compile("(?is)(\\s*(#[^\\n]*)?\\n)*\\s*(FROM|ARG)\\s.*");
    private static final Pattern HCL_BLOCK = Pattern.compile("(?m)^\\s*(target|group|variable|function)\\s+\"[^\"]*\"\\s*\\{");
    private static final Pattern BAKE_JSON = Pattern.compile("(?s)\\s*\\{.*\"(target|group)\"\\s*:\\s*\\{.*");

    /** Keys that only GitLab CI has at the top level. */
    private static final Set<String> GITLAB_KEYS = Set.of("stages", "include", "default", "workflow", "before_script", "after_script");

    /**
     * Globs a file chooser offers for build files: every name {@link #detect} places by name, and the extensions whose
     * content it reads (YAML for workflows, GitLab CI and Compose; HCL and JSON for Bake).
     */
    public static final java.util.List<String> FILE_GLOBS = java.util.List.of("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile",
            "Containerfile", "Containerfile.*", "*.yml", "*.yaml", "*.hcl", "*.json", "*.log");

    private InputKinds() {
    }

    /**
     * The kind of {@code path}, whose text is {@code text}.
     *
     * @throws InputException when neither the name nor the content says, with the options to use instead
     */
    public static InputKind detect(Path path, String text) throws InputException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String normalizedPath = path.toString().replace('\\', '/');
        if (GITLAB_NAME.matcher(lower).matches()) {
            return InputKind.GITLAB_CI;
        }
        if ((normalizedPath.contains(".github/workflows/")) && (lower.endsWith(".yml") || lower.endsWith(".yaml"))) {
            return InputKind.GITHUB_WORKFLOW;
        }
        if (COMPOSE_NAME.matcher(lower).matches()) {
            return InputKind.COMPOSE;
        }
        if (BAKE_NAME.matcher(lower).matches()) {
            return InputKind.BAKE;
        }
        if (DOCKERFILE_NAME.matcher(name).matches() && !lower.matches(".*\\.(ya?ml|json|md|txt)")) {
            return InputKind.DOCKERFILE;
        }
        return byContent(path, lower, text);
    }

    private static InputKind byContent(Path path, String lower, String text) throws InputException {
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            return yamlKind(path, text);
        }
        if (lower.endsWith(".json")) {
            if (BAKE_JSON.matcher(text).matches()) {
                return InputKind.BAKE;
            }
            throw unknown(path, "a JSON file without \"target\" or \"group\"");
        }
        if (HCL_BLOCK.matcher(text).find()) {
            return InputKind.BAKE;
        }
        if (DOCKERFILE_START.matcher(text).matches()) {
            return InputKind.DOCKERFILE;
        }
        if (LOG_LINE.matcher(text).find()) {
            return InputKind.LOG;
        }
        throw unknown(path, "neither its name nor its first instruction (FROM or ARG) says");
    }

    /** {@code *.log}: a saved build or job log. */
    public static boolean isLogName(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".log");
    }

    /**
     * Lines only build output has: BuildKit's step headers ({@code #5 [2/3] RUN …}, {@code => [internal] load …}),
     * buildx's {@code ERROR: failed to solve}/{@code failed to build}, the {@code [+] Building} header, and
     * {@code #0 building with "X" instance}, a GitHub Actions log's {@code ##[group]}/{@code ##[error]}, and an
 * {@code ERROR:} or {@code error:} line. A file that is no build file and has one of them is read as a log (which
 * says so when nothing in it is recognised).
     */
    private static final Pattern LOG_LINE = Pattern.compile("(?m)^(\\S+\\s+)?(#\\d+ \\[|#0 building with |\\[\\+\\] Building |\\s*=> |"
            + "##\\[(group|endgroup|error)\\]|ERROR: |error: |failed to solve)");

    /** A YAML file by its top-level keys: jobs + on (GitHub), services (Compose), stages or script jobs (GitLab). */
    private static InputKind yamlKind(Path path, String text) throws InputException {
        Node root;
        try {
            root = YamlDocument.parse(text, path.toString());
        } catch (WorkflowException e) {
            throw new InputException(e.getMessage(), e);
        }
        if (!(root instanceof MappingNode mapping)) {
            throw unknown(path, "its top level is not a mapping");
        }
        Set<String> keys = new LinkedHashSet<>();
        boolean jobWithScript = false;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                keys.add(key.getValue());
                if (tuple.getValueNode() instanceof MappingNode job && has(job, "script")) {
                    jobWithScript = true;
                }
            }
        }
        Set<InputKind> kinds = new LinkedHashSet<>();
        if (keys.contains("jobs") && (keys.contains("on") || keys.contains("true"))) {
            // YAML 1.1 readers turn an unquoted `on` into true; snakeyaml-engine (YAML 1.2) keeps it, but be kind.
            kinds.add(InputKind.GITHUB_WORKFLOW);
        }
        if (keys.contains("services") && !jobWithScript) {
            kinds.add(InputKind.COMPOSE);
        }
        if (jobWithScript || keys.stream().anyMatch(GITLAB_KEYS::contains)) {
            kinds.add(InputKind.GITLAB_CI);
        }
        if (kinds.size() == 1) {
            return kinds.iterator().next();
        }
        throw unknown(path, kinds.isEmpty() ? "its top-level keys (" + String.join(", ", keys) + ") fit no build file"
                : "it could be " + String.join(" or ", kinds.stream().map(InputKind::description).toList()));
    }

    private static boolean has(MappingNode mapping, String key) {
        return mapping.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key));
    }

    private static InputException unknown(Path path, String why) {
        return new InputException(path + ": cannot tell what kind of build file this is (" + why + "); give it with --dockerfile, "
                + "--workflow, --gitlab-ci, --compose, --bake or --log");
    }
}
