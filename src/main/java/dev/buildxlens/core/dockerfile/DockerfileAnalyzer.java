package dev.buildxlens.core.dockerfile;

import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.image.InvalidReferenceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which external images a Dockerfile build needs, following BuildKit's rules ({@code dockerfile2llb}): global ARGs
 * (before the first FROM) feed FROM lines only; a stage sees an ARG only after declaring it; build args override
 * declared ARGs; {@code FROM}, {@code COPY --from} and {@code RUN --mount ...,from=} name an earlier stage (case
 * insensitive, or by index for the latter two), a named context, or an image; {@code scratch} needs nothing; and
 * only the stages the target depends on are built. A pure function: text in, analysis out.
 */
public final class DockerfileAnalyzer {

    private static final String SCRATCH = "scratch";

    private DockerfileAnalyzer() {
    }

    private record Reference(String raw, String instruction, int line) {
    }

    /** A stage as declared, and what it refers to. */
    private static final class Stage {
        final int index;
        final String name;
        final int line;
        final Map<String, String> env = new HashMap<>();
        final Set<Integer> stageDeps = new LinkedHashSet<>();
        final List<ImageNeed> images = new ArrayList<>();
        final List<BuildArgProblem> argProblems = new ArrayList<>();
        NamedContext replacedBy;
        /** The stage's FROM --platform value, expanded; "" when it gives none. */
        String platform = "";

        Stage(int index, String name, int line) {
            this.index = index;
            this.name = name;
            this.line = line;
        }

        String label() {
            return name.isEmpty() ? "stage " + index : name;
        }
    }

    public static DockerfileAnalysis analyze(ParsedDockerfile dockerfile, DockerfileInputs inputs) throws DockerfileException {
        String file = dockerfile.file();
        char escape = dockerfile.escape();
        Map<String, NamedContext> contexts = new HashMap<>();
        for (NamedContext context : inputs.contexts()) {
            // docker buildx build (and build-push-action) normalise the keys before BuildKit sees them (buildx
            // parseContextNames): --build-context a:latest=… is the key "a", docker.io/library/a=… too. Bake does not.
            contexts.put(inputs.contextKeys() == ContextKeys.VERBATIM ? context.name() : contextKey(context.name()), context);
        }
        Map<String, String> builtins = platformArgs(inputs.platforms());
        Map<String, String> globals = new HashMap<>(builtins);
        Set<String> declaredGlobals = new LinkedHashSet<>();
        List<Stage> stages = new ArrayList<>();
        Stage stage = null;

        for (Instruction instruction : dockerfile.instructions()) {
            if (stage == null && !instruction.keyword().equals("ARG") && !instruction.keyword().equals("FROM")) {
                throw new DockerfileException(file, instruction.line(), "no build stage in current context: "
                        + instruction.keyword() + " before the first FROM (only ARG may come before it)");
            }
            switch (instruction.keyword()) {
                case "ARG" -> {
                    Map<String, String> scope = stage == null ? globals : stage.env;
                    for (String word : ShellWords.split(instruction.arguments(), escape)) {
                        declareArg(word, scope, stage == null ? declaredGlobals : null, globals, declaredGlobals, inputs, file, instruction, escape);
                    }
                }
                case "FROM" -> {
                    stage = from(instruction, stages, globals, contexts, file, escape);
                    stages.add(stage);
                }
                case "ENV" -> env(instruction, stage, file, escape);
                case "COPY" -> {
                    for (String value : flagValues(instruction, escape, "from")) {
                        refer(stage, stages, contexts, new Reference(expand(value, stage.env, file, instruction, escape),
                                "COPY --from", instruction.line()), file, true);
                    }
                }
                case "RUN" -> {
                    for (String mount : flagValues(instruction, escape, "mount")) {
                        String from = mountFrom(expand(mount, stage.env, file, instruction, escape));
                        if (from != null) {
                            refer(stage, stages, contexts, new Reference(from, "RUN --mount from", instruction.line()), file, true);
                        }
                    }
                }
                default -> {
                    // Other instructions neither name images nor change what FROM lines see.
                }
            }
        }
        if (stages.isEmpty()) {
            throw new DockerfileException(file, 1, "the Dockerfile has no FROM instruction");
        }

        Stage target = stages.get(stages.size() - 1);
        if (!inputs.target().isEmpty()) {
            target = stages.stream().filter(s -> s.name.equals(inputs.target().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new DockerfileException(file, 1, "target stage \"" + inputs.target() + "\" could not be found"));
        }
        List<Stage> reachable = reachable(target, stages);
        List<ImageNeed> images = new ArrayList<>();
        List<BuildArgProblem> problems = new ArrayList<>();
        for (Stage s : reachable) {
            images.addAll(s.images);
            problems.addAll(s.argProblems);
        }
        return new DockerfileAnalysis(file, reachable.stream().map(Stage::label).toList(), target.label(), images, problems,
                BuildKitOnly.uses(dockerfile));
    }

    /** BuildKit predefines these for FROM lines; the first requested platform sets TARGET*, BUILD* is the builder's. */
    private static Map<String, String> platformArgs(List<String> platforms) {
        String target = platforms.isEmpty() ? "linux/amd64" : platforms.get(0);
        Map<String, String> args = new HashMap<>();
        put(args, "TARGET", target);
        put(args, "BUILD", "linux/amd64");
        return args;
    }

    private static void put(Map<String, String> args, String prefix, String platform) {
        String[] parts = platform.split("/");
        args.put(prefix + "PLATFORM", platform);
        args.put(prefix + "OS", parts[0]);
        args.put(prefix + "ARCH", parts.length > 1 ? parts[1] : "");
        args.put(prefix + "VARIANT", parts.length > 2 ? parts[2] : "");
    }

    private static void declareArg(String word, Map<String, String> scope, Set<String> declaring, Map<String, String> globals,
                                   Set<String> declaredGlobals, DockerfileInputs inputs, String file, Instruction instruction,
                                   char escape) throws DockerfileException {
        int equals = word.indexOf('=');
        String name = equals < 0 ? word : word.substring(0, equals);
        if (inputs.buildArgs().containsKey(name)) {
            scope.put(name, inputs.buildArgs().get(name));
        } else if (equals >= 0) {
            scope.put(name, expand(word.substring(equals + 1), scope, file, instruction, escape));
        } else if (declaring == null && (declaredGlobals.contains(name) || name.matches("(TARGET|BUILD)(PLATFORM|OS|ARCH|VARIANT)"))) {
            // A stage ARG without a default takes the global ARG's value, or the automatic platform value.
            scope.put(name, globals.get(name));
        } else {
            scope.remove(name);
        }
        if (declaring != null) {
            declaring.add(name);
        }
    }

    private static void env(Instruction instruction, Stage stage, String file, char escape) throws DockerfileException {
        List<String> words = ShellWords.split(instruction.arguments(), escape);
        if (!words.isEmpty() && !words.get(0).contains("=")) {
            // Legacy form: ENV NAME value with spaces
            String value = instruction.arguments().substring(instruction.arguments().indexOf(words.get(0)) + words.get(0).length()).strip();
            stage.env.put(words.get(0), expand(value, stage.env, file, instruction, escape));
            return;
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                stage.env.put(word.substring(0, equals), expand(word.substring(equals + 1), stage.env, file, instruction, escape));
            }
        }
    }

    private static Stage from(Instruction instruction, List<Stage> stages, Map<String, String> globals,
                              Map<String, NamedContext> contexts, String file, char escape) throws DockerfileException {
        List<String> words = new ArrayList<>(ShellWords.split(instruction.arguments(), escape));
        String platformFlag = "";
        while (!words.isEmpty() && words.get(0).startsWith("--")) {
            String flag = words.remove(0);
            if (flag.startsWith("--platform=")) {
                platformFlag = flag.substring("--platform=".length());
            }
        }
        if (words.isEmpty()) {
            throw new DockerfileException(file, instruction.line(), "FROM requires an image");
        }
        String name = "";
        if (words.size() == 3 && words.get(1).equalsIgnoreCase("as")) {
            name = words.get(2).toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z][a-z0-9-_.]*")) {
                throw new DockerfileException(file, instruction.line(), "invalid name for build stage: \"" + words.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
        } else if (words.size() != 1) {
            throw new DockerfileException(file, instruction.line(), "FROM requires either one or three arguments");
        }
        Stage stage = new Stage(stages.size(), name, instruction.line());
        if (!platformFlag.isEmpty()) {
            try {
                // FROM --platform expands the global ARGs and BuildKit's own (BUILDPLATFORM, TARGETPLATFORM …).
                stage.platform = ShellWords.expand(platformFlag, globals, escape).value();
            } catch (ShellWords.ExpansionException e) {
                throw new DockerfileException(file, instruction.line(), e.getMessage());
            }
        }
        String written = words.get(0);
        ShellWords.Expansion expansion;
        try {
            expansion = ShellWords.expand(written, globals, escape);
        } catch (ShellWords.ExpansionException e) {
            throw new DockerfileException(file, instruction.line(), e.getMessage());
        }
        if (!name.isEmpty() && namedContext(contexts, name) != null) {
            // --build-context <stage>=... replaces the whole stage.
            stage.replacedBy = namedContext(contexts, name);
        }
        if (expansion.value().isBlank()) {
            if (expansion.unset().isEmpty()) {
                throw new DockerfileException(file, instruction.line(), "base name (" + written + ") should not be blank");
            }
            stage.argProblems.add(new BuildArgProblem(file, instruction.line(), expansion.unset().iterator().next(), written, stage.label()));
            return stage;
        }
        if (stage.replacedBy == null) {
            refer(stage, stages, contexts, new Reference(expansion.value(), "FROM", instruction.line()), file, false);
            // FROM <stage> inherits that stage's environment for later expansions.
            stage.stageDeps.stream().findFirst().ifPresent(dep -> stage.env.putAll(stages.get(dep).env));
        }
        return stage;
    }

    /** Resolves a FROM / --from value to an earlier stage, a named context, or an external image. */
    private static void refer(Stage stage, List<Stage> stages, Map<String, NamedContext> contexts, Reference reference,
                              String file, boolean indexAllowed) throws DockerfileException {
        String value = reference.raw();
        if (value.isEmpty()) {
            throw new DockerfileException(file, reference.line(), reference.instruction() + " names an empty stage or image");
        }
        if (indexAllowed && value.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(value);
            if (index >= stage.index) {
                throw new DockerfileException(file, reference.line(), "invalid from flag value " + value
                        + ": refers to current or future build stage");
            }
            stage.stageDeps.add(index);
            return;
        }
        Optional<Stage> earlier = stages.stream().filter(s -> s.index < stage.index && !s.name.isEmpty()
                && s.name.equals(value.toLowerCase(Locale.ROOT))).findFirst();
        if (earlier.isPresent()) {
            stage.stageDeps.add(earlier.get().index);
            return;
        }
        NamedContext context = namedContext(contexts, value);
        if (context != null) {
            need(stage, context.kind() == NamedContext.Kind.DOCKER_IMAGE ? context.imageRef() : value, reference, file, context);
            return;
        }
        if (SCRATCH.equals(value)) {
            return;
        }
        need(stage, value, reference, file, null);
    }

    /**
     * BuildKit looks a named context up by the familiar name without {@code :latest} ({@code FROM alpine:latest} and
     * {@code FROM docker.io/library/alpine} both ask for {@code alpine}; {@code FROM alpine:3} for {@code alpine:3};
     * dockerui {@code NamedContext}), and compares that key with the context names as the user gave them.
     */
    static NamedContext namedContext(Map<String, NamedContext> contexts, String value) {
        return contexts.get(contextKey(value));
    }

    /** The name BuildKit looks a named context up by: the familiar name without {@code :latest} (dockerui NamedContext). */
    public static String contextKey(String value) {
        ImageReference reference = ImageReference.parseOrNull(value);
        if (reference == null) {
            return value;
        }
        String key = reference.familiar();
        return key.endsWith(":latest") ? key.substring(0, key.length() - ":latest".length()) : key;
    }

    private static void need(Stage stage, String raw, Reference reference, String file, NamedContext context) throws DockerfileException {
        if (context != null && context.kind() != NamedContext.Kind.DOCKER_IMAGE) {
            stage.images.add(new ImageNeed(raw, null, reference.instruction(), file, reference.line(), stage.label(), context));
            return;
        }
        if (raw.contains("${{")) {
            // A workflow expression the simulation could not know reached the name: judged as far as it is known.
            stage.images.add(new ImageNeed(raw, null, reference.instruction(), file, reference.line(), stage.label(), context));
            return;
        }
        try {
            ImageReference parsed = ImageReference.parse(raw);
            stage.images.add(new ImageNeed(raw, parsed, reference.instruction(), file, reference.line(), stage.label(), context,
                    reference.instruction().equals("FROM") ? stage.platform : ""));
        } catch (InvalidReferenceException e) {
            throw new DockerfileException(file, reference.line(), e.getMessage()
                    + (context == null ? "" : " (from --build-context " + context.name() + ")"));
        }
    }

    private static List<Stage> reachable(Stage target, List<Stage> stages) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Stage> todo = new ArrayDeque<>();
        todo.push(target);
        while (!todo.isEmpty()) {
            Stage s = todo.pop();
            if (!seen.add(s.index)) {
                continue;
            }
            if (s.replacedBy != null) {
                continue;
            }
            for (int dep : s.stageDeps) {
                todo.push(stages.get(dep));
            }
        }
        List<Stage> out = new ArrayList<>();
        for (Stage s : stages) {
            if (seen.contains(s.index)) {
                out.add(s.replacedBy != null ? replaced(s) : s);
            }
        }
        return out;
    }

    /** A stage replaced by a named context needs what the context names, and nothing of its own. */
    private static Stage replaced(Stage s) {
        Stage stand = new Stage(s.index, s.name, s.line);
        NamedContext context = s.replacedBy;
        ImageReference reference = context.kind() == NamedContext.Kind.DOCKER_IMAGE ? ImageReference.parseOrNull(context.imageRef()) : null;
        String raw = context.kind() == NamedContext.Kind.DOCKER_IMAGE ? context.imageRef() : context.value();
        if (context.kind() != NamedContext.Kind.DOCKER_IMAGE || reference != null) {
            stand.images.add(new ImageNeed(raw, reference, "FROM (stage replaced by --build-context " + context.name() + ")",
                    "", s.line, s.label(), context));
        }
        return stand;
    }

    /** Values of {@code --name=value} flags at the start of the arguments. */
    private static List<String> flagValues(Instruction instruction, char escape, String name) {
        List<String> values = new ArrayList<>();
        for (String word : ShellWords.split(instruction.arguments(), escape)) {
            if (!word.startsWith("--")) {
                break;
            }
            String prefix = "--" + name + "=";
            if (word.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                values.add(word.substring(prefix.length()));
            }
        }
        return values;
    }

    /** The {@code from=} of a {@code --mount} CSV, or null. */
    private static String mountFrom(String mount) {
        for (String field : mount.split(",")) {
            int equals = field.indexOf('=');
            if (equals > 0 && field.substring(0, equals).trim().equalsIgnoreCase("from")) {
                return field.substring(equals + 1).trim();
            }
        }
        return null;
    }

    private static String expand(String word, Map<String, String> variables, String file, Instruction instruction, char escape)
            throws DockerfileException {
        try {
            return ShellWords.expand(word, variables, escape).value();
        } catch (ShellWords.ExpansionException e) {
            throw new DockerfileException(file, instruction.line(), e.getMessage());
        }
    }
}
