package dev.buildxlens.core.workflow;

import dev.buildxlens.core.diagnose.BuildCheck;
import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.FindingKind;
import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreIds;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a workflow's jobs and steps as a fresh runner would execute them, keeping track of what each job's daemon,
 * disk, builders and registry services hold ({@link RunnerState}), and diagnoses every build step with the same
 * engine as a live build ({@link BuildDiagnoser}). Jobs run on different machines: only artifacts and pushes to
 * real registries carry images between them.
 */
public final class WorkflowSimulator {

    /** {@code repoRoot} resolves Dockerfile paths; {@code job} limits the report to one job (empty: all). */
    public record Options(Path repoRoot, String job, ImageStoreKind imageStore) {
    }

    private static final Pattern STEP_OUTPUT = Pattern.compile("\\$\\{\\{\\s*steps\\.([A-Za-z0-9_-]+)\\.outputs\\.name\\s*}}");
    private static final Pattern ACTION = Pattern.compile("([^/@\\s]+/[^/@\\s]+)(?:/[^@\\s]*)?@(\\S+)");
    private static final Set<String> QUIET_ACTIONS = Set.of("actions/checkout", "docker/login-action", "docker/setup-qemu-action",
            "docker/metadata-action", "actions/cache", "actions/setup-node", "actions/setup-java", "actions/setup-python",
            "actions/setup-go", "actions/github-script");
    private static final Set<String> RUN_OPTIONS_WITH_VALUES = Set.of("-p", "--publish", "--name", "-v", "--volume", "-e", "--env",
            "--network", "--net", "-w", "--workdir", "--entrypoint", "-u", "--user", "--env-file", "--mount", "--platform",
            "-l", "--label", "--hostname", "-h", "--restart", "-m", "--memory", "--cpus", "--add-host", "--cap-add", "--device",
            "--pull", "--log-driver", "--health-cmd", "--ulimit", "--shm-size", "--tmpfs", "--gpus");

    /**
     * Where a finding comes from, for the fixes: the job, the step index of the build (or use), the setup-buildx step
     * that made the builder (-1: none), the step that put the image into the daemon (-1: unknown), and the build.
     */
    public record Provenance(String job, int stepIndex, int builderStepIndex, int imageStepIndex, ImageNeed need,
                             String dockerfile, List<String> platforms, List<String> cacheTo) {
    }

    /** The diagnosis, and for each of its findings (same order) where it comes from. */
    public record Result(Diagnosis diagnosis, List<Provenance> provenance) {
    }

    private final Workflow workflow;
    private final Options options;
    private final java.util.IdentityHashMap<Finding, Provenance> provenance = new java.util.IdentityHashMap<>();
    private final List<BuildCheck> builds = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Map<String, Set<String>>> artifacts = new LinkedHashMap<>();
    private final Map<String, String> producedInJob = new LinkedHashMap<>();
    private final Set<String> pushedRemote = new HashSet<>();
    private final Set<String> assumptions = new LinkedHashSet<>();

    private WorkflowSimulator(Workflow workflow, Options options) {
        this.workflow = workflow;
        this.options = options;
    }

    public static Diagnosis simulate(Workflow workflow, Options options) throws WorkflowException {
        return simulateWithProvenance(workflow, options).diagnosis();
    }

    public static Result simulateWithProvenance(Workflow workflow, Options options) throws WorkflowException {
        if (!options.job().isEmpty() && workflow.job(options.job()).isEmpty()) {
            throw new WorkflowException(workflow.file(), 0, "no job '" + options.job() + "' (jobs: "
                    + String.join(", ", workflow.jobs().stream().map(Workflow.Job::id).toList()) + ")");
        }
        WorkflowSimulator simulator = new WorkflowSimulator(workflow, options);
        simulator.assumptions.add("each job runs on a fresh GitHub-hosted runner whose Docker Engine uses the "
                + options.imageStore().label() + " image store (change with --assume-image-store)");
        simulator.assumptions.add("images from non-loopback registries (e.g. docker.io) are assumed to exist there: they are not queried");
        for (Workflow.Job job : order(workflow.jobs())) {
            simulator.runJob(job);
        }
        List<BuildCheck> builds = simulator.builds.stream().filter(b -> simulator.selected(b.job())).toList();
        List<Finding> findings = simulator.findings.stream().filter(f -> simulator.selected(f.job())).toList();
        List<Provenance> origins = findings.stream().map(f -> simulator.provenance.getOrDefault(f,
                new Provenance(f.job(), -1, -1, -1, null, "", List.of(), List.of()))).toList();
        return new Result(new Diagnosis(builds, findings, new ArrayList<>(simulator.assumptions)), origins);
    }

    private boolean selected(String job) {
        return options.job().isEmpty() || options.job().equals(job);
    }

    /** Jobs in an order where every job comes after the jobs it needs. */
    private static List<Workflow.Job> order(List<Workflow.Job> jobs) {
        List<Workflow.Job> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (ordered.size() < jobs.size() && progress) {
            progress = false;
            for (Workflow.Job job : jobs) {
                if (!done.contains(job.id()) && job.needs().stream().allMatch(n -> done.contains(n) || jobs.stream().noneMatch(j -> j.id().equals(n)))) {
                    ordered.add(job);
                    done.add(job.id());
                    progress = true;
                }
            }
        }
        jobs.stream().filter(j -> !done.contains(j.id())).forEach(ordered::add);
        return ordered;
    }

    // ---- one job ----

    private RunnerState lastState;

    private void runJob(Workflow.Job job) throws WorkflowException {
        RunnerState state = new RunnerState(job.id(), options.imageStore());
        lastState = state;
        Map<String, String> jobEnv = new LinkedHashMap<>(workflow.env());
        jobEnv.putAll(job.env());
        for (Workflow.Service service : job.services()) {
            if (Container.isRegistryImage(service.image())) {
                for (String port : service.ports()) {
                    String hostPort = hostPort(port);
                    if (hostPort != null) {
                        state.registryServices.put("localhost:" + hostPort, service.name());
                    }
                }
            }
        }
        Map<String, String> builderByStepId = new LinkedHashMap<>();
        for (Workflow.Step step : job.steps()) {
            state.step = step.index();
            Map<String, String> env = new LinkedHashMap<>(jobEnv);
            env.putAll(step.env());
            if (step.uses() != null) {
                runAction(job, step, state, env, builderByStepId);
            } else if (step.run() != null) {
                runScript(job, step, state, env, jobEnv);
            }
        }
    }

    /** {@code "5000:5000"} → 5000; {@code "127.0.0.1:5000:5000"} → 5000; a bare container port is published at random. */
    private static String hostPort(String spec) {
        String[] parts = spec.trim().split(":");
        if (parts.length >= 2 && parts[parts.length - 2].matches("\\d+")) {
            return parts[parts.length - 2];
        }
        return null;
    }

    private void runAction(Workflow.Job job, Workflow.Step step, RunnerState state, Map<String, String> env,
                           Map<String, String> builderByStepId) throws WorkflowException {
        Matcher matcher = ACTION.matcher(step.uses().trim());
        if (!matcher.matches()) {
            info(job, step, step.line(), "step uses '" + step.uses() + "': local or container actions are not analysed");
            return;
        }
        String action = matcher.group(1).toLowerCase(Locale.ROOT);
        int major = major(matcher.group(2));
        switch (action) {
            case "docker/setup-buildx-action" -> setupBuildx(job, step, state, major, builderByStepId);
            case "docker/build-push-action" -> build(job, step, state, env, BuildOptions.fromAction(step), builderByStepId,
                    step.line(), "build-push-action");
            case "actions/upload-artifact" -> upload(step, state);
            case "actions/download-artifact" -> download(step, state);
            case "docker/bake-action" -> info(job, step, step.line(), "docker/bake-action is not analysed yet");
            default -> {
                if (!QUIET_ACTIONS.contains(action)) {
                    info(job, step, step.line(), "action " + action + " is not analysed: images it loads, builds or pushes are unknown");
                }
            }
        }
    }

    private static int major(String ref) {
        Matcher matcher = Pattern.compile("^v?(\\d+)").matcher(ref);
        return matcher.find() && ref.length() < 40 ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private void setupBuildx(Workflow.Job job, Workflow.Step step, RunnerState state, int major, Map<String, String> builderByStepId) {
        if (major >= 4) {
            for (String removed : List.of("config-inline", "config")) {
                Workflow.Input input = step.with().get(removed);
                if (input != null) {
                    String replacement = removed.equals("config") ? "buildkitd-config" : "buildkitd-config-inline";
                    add(FindingKind.ACTION_INPUT_REMOVED, job, step, input.line(), "",
                            "setup-buildx-action@v" + major + " no longer accepts '" + removed + "': use '" + replacement + "'",
                            "The input was removed in v4.0.0. The runner only prints a warning about an unexpected input, so "
                                    + "the BuildKit configuration it carried (for example a plain-HTTP registry) is silently lost.", "");
                }
            }
        }
        String driver = step.input("driver") == null || step.input("driver").isBlank() ? "docker-container" : step.input("driver").trim();
        boolean use = step.input("use") == null || BuildOptions.truthy(step.input("use"));
        String name;
        if (driver.equals("docker")) {
            name = RunnerState.CONTEXT;
        } else {
            name = step.input("name") != null && !step.input("name").isBlank() ? step.input("name").trim()
                    : "builder-" + (step.id() != null ? step.id() : "step" + (step.index() + 1));
            Map<String, String> opts = new LinkedHashMap<>();
            for (String opt : BuildOptions.list(step.input("driver-opts"), true)) {
                int equals = opt.indexOf('=');
                if (equals > 0) {
                    opts.put(opt.substring(0, equals).trim(), opt.substring(equals + 1).trim());
                }
            }
            state.builders.put(name, new RunnerState.SimBuilder(name, driver, opts));
        }
        state.builderSteps.put(name, step.index());
        if (use) {
            state.current = name;
        }
        if (step.id() != null) {
            builderByStepId.put(step.id(), name);
        }
    }

    private void upload(Workflow.Step step, RunnerState state) {
        String name = step.input("name") == null ? "artifact" : step.input("name").trim();
        Map<String, Set<String>> content = artifacts.computeIfAbsent(name, n -> new LinkedHashMap<>());
        for (String path : BuildOptions.list(step.input("path"), false)) {
            String normalized = stripSlash(path);
            state.files.forEach((file, tags) -> {
                if (file.equals(normalized) || file.startsWith(normalized + "/")) {
                    content.put(basename(file), tags);
                }
            });
        }
    }

    private void download(Workflow.Step step, RunnerState state) {
        String dir = step.input("path") == null ? "." : stripSlash(step.input("path").trim());
        String name = step.input("name");
        artifacts.forEach((artifact, content) -> {
            if (name == null || name.trim().equals(artifact)) {
                content.forEach((file, tags) -> state.files.put(dir + "/" + file, tags));
            }
        });
    }

    // ---- run: scripts ----

    private void runScript(Workflow.Job job, Workflow.Step step, RunnerState state, Map<String, String> env, Map<String, String> jobEnv)
            throws WorkflowException {
        Map<String, String> scriptEnv = new LinkedHashMap<>(env);
        for (ShellCommand command : ShellScript.parse(step.run(), step.runLine(), env)) {
            if (command.words().isEmpty() || command.is("export")) {
                scriptEnv.putAll(command.assignments());
                continue;
            }
            List<String> words = new ArrayList<>(command.words());
            if (words.get(0).equals("sudo")) {
                words.remove(0);
            }
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("echo") && String.join(" ", words).contains("GITHUB_ENV") && words.size() > 1) {
                // echo "NAME=value" >> $GITHUB_ENV sets the variable for the following steps.
                int equals = words.get(1).indexOf('=');
                if (equals > 0) {
                    jobEnv.put(words.get(1).substring(0, equals), words.get(1).substring(equals + 1));
                }
                continue;
            }
            Map<String, String> commandEnv = new LinkedHashMap<>(scriptEnv);
            commandEnv.putAll(command.assignments());
            if (words.get(0).equals("docker-compose") || words.size() > 1 && words.get(0).equals("docker") && words.get(1).equals("compose")) {
                if (words.contains("build") || words.contains("up")) {
                    info(job, step, command.line(), "docker compose builds are not analysed yet");
                }
                continue;
            }
            if (!words.get(0).equals("docker") || words.size() < 2) {
                continue;
            }
            docker(job, step, state, commandEnv, words.subList(1, words.size()), command.line());
        }
    }

    private void docker(Workflow.Job job, Workflow.Step step, RunnerState state, Map<String, String> env, List<String> args, int line)
            throws WorkflowException {
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (verb.equals("image") && !rest.isEmpty()) {
            verb = rest.get(0);
            rest = rest.subList(1, rest.size());
        }
        if (verb.equals("buildx") && !rest.isEmpty()) {
            String sub = rest.get(0);
            List<String> subArgs = rest.subList(1, rest.size());
            switch (sub) {
                case "build", "b" -> build(job, step, state, env, BuildOptions.fromCommand(subArgs), Map.of(), line, "docker buildx build");
                case "create" -> buildxCreate(state, subArgs, step);
                case "use" -> subArgs.stream().filter(w -> !w.startsWith("-")).findFirst().ifPresent(name -> state.current = name);
                case "bake" -> info(job, step, line, "docker buildx bake is not analysed yet");
                default -> {
                    // ls, inspect, imagetools, prune: nothing changes where images live for a build.
                }
            }
            return;
        }
        switch (verb) {
            case "build" -> {
                BuildOptions options = BuildOptions.fromCommand(rest);
                // docker build is buildx build with --load unless another output was asked for.
                options.load = options.load || options.outputs.isEmpty() && !options.push;
                build(job, step, state, env, options, Map.of(), line, "docker build");
            }
            case "load" -> load(state, rest);
            case "pull" -> rest.stream().filter(w -> !w.startsWith("-")).findFirst().map(ImageReference::parseOrNull)
                    .ifPresent(ref -> state.addToDaemon(ref, "docker pull", true));
            case "tag" -> {
                List<String> refs = rest.stream().filter(w -> !w.startsWith("-")).toList();
                if (refs.size() == 2) {
                    ImageReference source = ImageReference.parseOrNull(refs.get(0));
                    ImageReference target = ImageReference.parseOrNull(refs.get(1));
                    if (source != null && target != null) {
                        use(job, step, state, source, line, "docker tag");
                        // The new name is a new repository: nothing says a registry has it yet.
                        state.addToDaemon(target, "docker tag " + source.familiar(), false);
                    }
                }
            }
            case "push" -> rest.stream().filter(w -> !w.startsWith("-")).findFirst().map(ImageReference::parseOrNull).ifPresent(ref -> {
                use(job, step, state, ref, line, "docker push");
                pushFromDaemon(job, step, state, ref, line);
            });
            case "save" -> save(state, rest);
            case "run", "create" -> {
                List<String> runArgs = rest;
                String how = "docker " + verb;
                runImage(runArgs).ifPresent(ref -> {
                    use(job, step, state, ref, line, how);
                    if (Container.isRegistryImage(ref.familiar())) {
                        registryFromRun(state, runArgs);
                    }
                });
            }
            default -> {
                // Other docker commands do not move images between stores.
            }
        }
    }

    private void buildxCreate(RunnerState state, List<String> args, Workflow.Step step) {
        String name = "";
        String driver = "docker-container";
        boolean use = false;
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String flag = word.contains("=") && word.startsWith("--") ? word.substring(0, word.indexOf('=')) : word;
            String value = word.contains("=") && word.startsWith("--") ? word.substring(word.indexOf('=') + 1)
                    : i + 1 < args.size() ? args.get(i + 1) : "";
            boolean inline = word.contains("=") && word.startsWith("--");
            switch (flag) {
                case "--name" -> name = value;
                case "--driver" -> driver = value;
                case "--driver-opt" -> {
                    for (String opt : value.split(",")) {
                        int equals = opt.indexOf('=');
                        if (equals > 0) {
                            opts.put(opt.substring(0, equals), opt.substring(equals + 1));
                        }
                    }
                }
                case "--use" -> use = true;
                default -> {
                    continue;
                }
            }
            if (!inline && !flag.equals("--use")) {
                i++;
            }
        }
        if (name.isEmpty()) {
            name = "builder-step" + (step.index() + 1);
        }
        state.builders.put(name, new RunnerState.SimBuilder(name, driver, opts));
        if (use) {
            state.current = name;
        }
    }

    private void load(RunnerState state, List<String> args) {
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if ((word.equals("-i") || word.equals("--input") || word.equals("<")) && i + 1 < args.size()) {
                file = args.get(i + 1);
            } else if (word.startsWith("--input=")) {
                file = word.substring("--input=".length());
            }
        }
        if (file == null) {
            state.unknownLoads.add("(stdin)");
            return;
        }
        Set<String> tags = state.files.get(stripSlash(file));
        if (tags == null) {
            state.unknownLoads.add(stripSlash(file));
            return;
        }
        for (String tag : tags) {
            ImageReference reference = ImageReference.parseOrNull(tag);
            if (reference != null) {
                state.addToDaemon(reference, "docker load " + file, false);
            }
        }
    }

    private void save(RunnerState state, List<String> args) {
        String file = null;
        List<String> images = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if ((word.equals("-o") || word.equals("--output") || word.equals(">")) && i + 1 < args.size()) {
                file = args.get(++i);
            } else if (word.startsWith("--output=")) {
                file = word.substring("--output=".length());
            } else if (!word.startsWith("-")) {
                images.add(word);
            }
        }
        if (file != null) {
            Set<String> tags = new LinkedHashSet<>();
            for (String image : images) {
                ImageReference reference = ImageReference.parseOrNull(image);
                if (reference != null) {
                    tags.add(reference.normalized());
                }
            }
            state.files.put(stripSlash(file), tags);
        }
    }

    private static java.util.Optional<ImageReference> runImage(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.startsWith("-")) {
                if (!word.contains("=") && RUN_OPTIONS_WITH_VALUES.contains(word)) {
                    i++;
                }
                continue;
            }
            return java.util.Optional.ofNullable(ImageReference.parseOrNull(word));
        }
        return java.util.Optional.empty();
    }

    /** {@code docker run -d -p 5000:5000 registry:2} starts a registry on the runner's localhost. */
    private static void registryFromRun(RunnerState state, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String spec = word.startsWith("--publish=") ? word.substring(10) : word.startsWith("-p") && word.length() > 2 ? word.substring(2)
                    : (word.equals("-p") || word.equals("--publish")) && i + 1 < args.size() ? args.get(i + 1) : null;
            if (spec != null) {
                String port = hostPort(spec);
                if (port != null) {
                    state.registryServices.put("localhost:" + port, "docker run");
                }
            }
        }
    }

    // ---- builds ----

    private void build(Workflow.Job job, Workflow.Step step, RunnerState state, Map<String, String> env, BuildOptions build,
                       Map<String, String> builderByStepId, int line, String how) throws WorkflowException {
        String builderName = resolveBuilder(build.builder, env, state, builderByStepId);
        if (!state.builders.containsKey(builderName)) {
            info(job, step, line, how + " uses builder '" + builderName + "', which no earlier step creates: not analysed");
            return;
        }
        if (build.context.contains("${{") || build.context.contains("://") || build.file.contains("${{")) {
            info(job, step, line, how + ": the build context or Dockerfile is an expression or a URL (" + build.context + "): not analysed");
            return;
        }
        Path repo = options.repoRoot();
        Path dockerfilePath = build.file.isEmpty() ? repo.resolve(build.context).resolve("Dockerfile").normalize()
                : repo.resolve(build.file).normalize();
        String display = repo.toAbsolutePath().normalize().relativize(dockerfilePath.toAbsolutePath().normalize()).toString();
        if (!Files.exists(dockerfilePath)) {
            info(job, step, line, how + ": " + display + " is not in the repository (" + repo + "): not analysed");
            return;
        }
        List<NamedContext> contexts = new ArrayList<>();
        for (String[] pair : build.buildContexts) {
            contexts.add(new NamedContext(pair[0], pair[1]));
        }
        DockerfileAnalysis analysis;
        try {
            analysis = DockerfileAnalyzer.analyze(DockerfileFiles.read(dockerfilePath, display),
                    new DockerfileInputs(build.buildArgs, contexts, build.target, build.platforms));
        } catch (DockerfileException e) {
            throw new WorkflowException(workflow.file(), line, "job " + job.id() + ", step " + step.label() + ": " + e.getMessage());
        }

        Set<String> flagged = new HashSet<>();
        for (ImageNeed need : analysis.images()) {
            if (need.reference() == null || state.inDaemon(need.reference())) {
                continue;
            }
            assumeLoadedByName(state, need.reference());
            if (!state.inDaemon(need.reference()) && use(job, step, state, need.reference(), line, how + " (" + need.instruction() + ", "
                    + display + ":" + need.line() + ")")) {
                flagged.add(need.reference().normalized());
            }
        }

        Snapshot snapshot = state.snapshot();
        BuildRequest request = new BuildRequest(analysis, builderName, build.platforms, build.load, build.push, build.outputs,
                build.cacheTo, build.pull, workflow.file(), line, job.id(), step.label());
        BuildDiagnoser.Result result;
        try {
            result = BuildDiagnoser.diagnose(snapshot, request);
        } catch (UnknownBuilderException e) {
            throw new IllegalStateException("the simulated runner always has the builder it selected", e);
        }
        for (Finding finding : result.findings()) {
            boolean inDockerfile = !finding.file().equals(workflow.file());
            Finding located = new Finding(finding.id(), finding.severity(),
                    finding.message() + (inDockerfile ? " (" + finding.file() + ":" + finding.line() + ")" : ""),
                    finding.explanation(), workflow.file(), line, job.id(), step.label(), finding.image(), finding.builder(), finding.fixes());
            findings.add(located);
            ImageNeed need = analysis.images().stream().filter(n -> n.reference() != null && n.reference().familiar().equals(finding.image())
                    && (!inDockerfile || n.line() == finding.line())).findFirst().orElse(null);
            RunnerState.LocalImage origin = need == null ? null : state.daemonImages.get(need.reference().normalized());
            provenance.put(located, new Provenance(job.id(), step.index(), state.builderSteps.getOrDefault(builderName, -1),
                    origin == null ? -1 : origin.stepIndex(), need, display, build.platforms, build.cacheTo));
        }
        List<ImageCheck> checks = result.check().images().stream()
                .map(c -> flagged.contains(c.normalized())
                        ? new ImageCheck(c.ref(), c.normalized(), c.instruction(), c.file(), c.line(), c.stage(), c.foundIn(), false) : c)
                .toList();
        builds.add(new BuildCheck(workflow.file(), line, job.id(), step.label(), result.check().builder(), checks));

        effects(job, step, state, build, builderName, snapshot, line);
    }

    /** What a build leaves behind: tags in the daemon, pushed tags, tarballs, or results stuck in the builder's cache. */
    private void effects(Workflow.Job job, Workflow.Step step, RunnerState state, BuildOptions build, String builderName,
                         Snapshot snapshot, int line) {
        RunnerState.SimBuilder builder = state.builders.get(builderName);
        List<ImageReference> tags = build.tags.stream().map(ImageReference::parseOrNull).filter(java.util.Objects::nonNull).toList();
        boolean exported = false;
        boolean push = build.push;
        for (String output : build.outputs) {
            String type = attribute(output, "type");
            if (type.equals("docker") && !attribute(output, "dest").isEmpty()) {
                Set<String> content = new LinkedHashSet<>();
                tags.forEach(t -> content.add(t.normalized()));
                state.files.put(stripSlash(attribute(output, "dest")), content);
                exported = true;
            } else if (type.equals("registry") || type.equals("image") && "true".equals(attribute(output, "push"))) {
                push = true;
            } else if (type.equals("docker") || type.equals("image")) {
                exported = type.equals("docker");
                if (type.equals("docker")) {
                    tags.forEach(t -> state.addToDaemon(t, "built and loaded at step " + step.label(), false));
                }
            } else if (!type.isEmpty()) {
                exported = true;
            }
        }
        boolean load = build.load || build.outputs.isEmpty() && builder.defaultLoad();
        for (ImageReference tag : tags) {
            if (load) {
                state.addToDaemon(tag, "built and loaded at step " + step.label(), false);
            }
            producedInJob.putIfAbsent(tag.normalized(), job.id());
            if (push) {
                pushFromBuilder(job, step, state, tag, builderName, snapshot, line);
            }
            if (!load && !push && !exported) {
                state.unloaded.put(tag.normalized(), new RunnerState.Unloaded(step.label(), line, builderName, step.index()));
            }
        }
    }

    private void pushFromBuilder(Workflow.Job job, Workflow.Step step, RunnerState state, ImageReference tag, String builderName,
                                 Snapshot snapshot, int line) {
        if (!RegistryHosts.isLoopback(tag.domain())) {
            pushedRemote.add(tag.normalized());
            return;
        }
        if (!state.registryServices.containsKey(tag.domain())) {
            registryMissing(job, step, tag, line);
            return;
        }
        Access access = snapshot.builder(builderName).flatMap(b -> b.accessTo(StoreIds.registry(tag.domain())))
                .map(StoreAccess::access).orElse(Access.CANNOT_READ);
        if (access != Access.CAN_READ) {
            add(FindingKind.LOCALHOST_REGISTRY_UNREACHABLE, job, step, line, tag.familiar(),
                    "builder " + builderName + " cannot reach " + tag.domain() + " to push " + tag.familiar(),
                    "The registry service publishes its port on the runner, but BuildKit runs in its own container whose "
                            + "localhost is the container itself. setup-buildx-action needs 'driver-opts: network=host' for "
                            + "the builder to reach " + tag.domain() + ".", builderName);
            return;
        }
        state.recordPush(tag);
    }

    private void pushFromDaemon(Workflow.Job job, Workflow.Step step, RunnerState state, ImageReference tag, int line) {
        if (!RegistryHosts.isLoopback(tag.domain())) {
            pushedRemote.add(tag.normalized());
        } else if (!state.registryServices.containsKey(tag.domain())) {
            registryMissing(job, step, tag, line);
        } else {
            state.recordPush(tag);
        }
    }

    private void registryMissing(Workflow.Job job, Workflow.Step step, ImageReference tag, int line) {
        add(FindingKind.LOCALHOST_REGISTRY_MISSING, job, step, line, tag.familiar(),
                "no registry runs on " + tag.domain() + " in job " + job.id() + " to push " + tag.familiar() + " to",
                "Nothing publishes port " + tag.domain().substring(tag.domain().lastIndexOf(':') + 1) + " on this runner: add a "
                        + "'registry:2' service with 'ports: [\"" + tag.domain().substring(tag.domain().lastIndexOf(':') + 1)
                        + ":5000\"]' to the job. The push fails with 'connection refused'.", "");
    }

    /**
     * Checks a use of an image that is not in the daemon (docker run/tag/push, or a build's FROM): a result that
     * stayed in a builder's cache, or an image made in another job. Returns true when it reported a finding.
     */
    private boolean use(Workflow.Job job, Workflow.Step step, RunnerState state, ImageReference reference, int line, String how) {
        if (state.inDaemon(reference)) {
            return false;
        }
        RunnerState.Unloaded unloaded = state.unloaded.get(reference.normalized());
        if (unloaded != null) {
            add(FindingKind.RESULT_NOT_LOADED, job, step, line, reference.familiar(),
                    reference.familiar() + " was built at step " + unloaded.step() + " on builder " + unloaded.builder()
                            + " but never loaded, so " + how + " cannot find it",
                    "A docker-container builder keeps its results in its own cache unless the build loads them (load: true / "
                            + "--load), pushes them, or exports them; buildx warns 'No output specified with docker-container "
                            + "driver'. The daemon never received " + reference.familiar() + ".", unloaded.builder());
            return true;
        }
        String producer = producedInJob.get(reference.normalized());
        if (producer != null && !producer.equals(job.id()) && !pushedRemote.contains(reference.normalized())) {
            add(FindingKind.IMAGE_FROM_OTHER_JOB, job, step, line, reference.familiar(),
                    reference.familiar() + " was produced in job " + producer + ", but job " + job.id() + " runs on another machine",
                    "Every job starts on a fresh runner with an empty Docker daemon. Hand the image over: export it to a "
                            + "tarball (outputs: type=docker,dest=...), upload it as an artifact and docker load it here, or push "
                            + "it to a registry both jobs can reach.", "");
            return true;
        }
        return false;
    }

    /** A {@code docker load} of a file we could not follow, named after the image: assume it holds that image. */
    private void assumeLoadedByName(RunnerState state, ImageReference reference) {
        String last = reference.path().substring(reference.path().lastIndexOf('/') + 1);
        for (String file : state.unknownLoads) {
            String base = basename(file).replaceFirst("\\.tar(\\.gz)?$", "");
            if (base.equals(last) || base.equals(reference.path().replace('/', '_')) || base.equals(last + "-" + reference.tag())
                    || base.equals(last + "_" + reference.tag())) {
                state.addToDaemon(reference, "docker load " + file, false);
                assumptions.add("'docker load " + file + "' is assumed to hold " + reference.familiar() + " (from the file name)");
            }
        }
    }

    private static String resolveBuilder(String requested, Map<String, String> env, RunnerState state, Map<String, String> byStepId) {
        if (requested != null && !requested.isBlank()) {
            Matcher matcher = STEP_OUTPUT.matcher(requested);
            if (matcher.matches() && byStepId.containsKey(matcher.group(1))) {
                return byStepId.get(matcher.group(1));
            }
            return requested.trim();
        }
        String variable = env.get("BUILDX_BUILDER");
        return variable != null && !variable.isBlank() ? variable.trim() : state.current;
    }

    // ---- findings ----

    private void add(FindingKind kind, Workflow.Job job, Workflow.Step step, int line, String image, String message,
                     String explanation, String builder) {
        Finding finding = new Finding(kind.id(), kind.severity(), message, explanation, workflow.file(), line, job.id(), step.label(),
                image, builder, kind.fixes());
        findings.add(finding);
        int builderStep = -1;
        int producer = -1;
        if (kind == FindingKind.RESULT_NOT_LOADED) {
            ImageReference reference = ImageReference.parseOrNull(image);
            RunnerState.Unloaded unloaded = reference == null ? null : lastState.unloaded.get(reference.normalized());
            producer = unloaded == null ? -1 : unloaded.stepIndex();
        }
        if (lastState != null) {
            builderStep = lastState.builderSteps.getOrDefault(builder, -1);
        }
        provenance.put(finding, new Provenance(job.id(), step.index(), builderStep, producer, null, "", List.of(), List.of()));
    }

    private void info(Workflow.Job job, Workflow.Step step, int line, String message) {
        add(FindingKind.NOT_ANALYSED, job, step, line, "", message, "Buildx Lens follows setup-buildx-action, build-push-action, "
                + "artifacts and docker commands in run: steps; this step is outside that, so what it does to images is unknown.", "");
    }

    private static String attribute(String spec, String key) {
        for (String part : spec.split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase(key)) {
                return part.substring(equals + 1).trim();
            }
            if (equals < 0 && key.equals("type") && !part.isBlank()) {
                return part.trim();
            }
        }
        return "";
    }

    private static String stripSlash(String path) {
        String trimmed = path.trim();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.startsWith("./") ? trimmed.substring(2) : trimmed;
    }

    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
