package dev.buildxlens.core.workflow;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.build.DockerCommand;
import dev.buildxlens.core.build.ExportSpec;
import dev.buildxlens.core.diagnose.BuildCheck;
import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.BuildSite;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.FindingKind;
import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.diagnose.Subject;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.ImageNeed;
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
import java.util.Optional;
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

    /**
     * The diagnosis; every build that ran, for the fixes; and for findings about an image made elsewhere (by finding
     * key) the step that made it.
     */
    public record Result(Diagnosis diagnosis, List<SimulatedBuild> builds, Map<String, ImageOrigin> origins) {
        public Result {
            builds = List.copyOf(builds);
            origins = Map.copyOf(origins);
        }

        /** The build a step ran (the last one, for a script that builds several times). */
        public Optional<SimulatedBuild> buildAt(String job, int stepIndex) {
            SimulatedBuild found = null;
            for (SimulatedBuild build : builds) {
                if (build.job().equals(job) && build.stepIndex() == stepIndex) {
                    found = build;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    private static final Pattern STEP_OUTPUT = Pattern.compile("\\$\\{\\{\\s*steps\\.([A-Za-z0-9_-]+)\\.outputs\\.name\\s*}}");
    private static final Pattern ACTION = Pattern.compile("([^/@\\s]+/[^/@\\s]+)(?:/[^@\\s]*)?@(\\S+)");
    private static final Set<String> QUIET_ACTIONS = Set.of("actions/checkout", "docker/login-action", "docker/setup-qemu-action",
            "docker/metadata-action", "actions/cache", "actions/setup-node", "actions/setup-java", "actions/setup-python",
            "actions/setup-go", "actions/github-script");

    private final Workflow workflow;
    private final Options options;
    private final List<BuildCheck> checks = new ArrayList<>();
    private final List<SimulatedBuild> builds = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, ImageOrigin> origins = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<String>>> artifacts = new LinkedHashMap<>();
    private final Map<String, ImageOrigin> producedInJob = new LinkedHashMap<>();
    private final Set<String> pushedRemote = new HashSet<>();
    private final Set<String> assumptions = new LinkedHashSet<>();

    private WorkflowSimulator(Workflow workflow, Options options) {
        this.workflow = workflow;
        this.options = options;
    }

    public static Result simulate(Workflow workflow, Options options) throws WorkflowException {
        if (!options.job().isEmpty() && workflow.job(options.job()).isEmpty()) {
            throw new WorkflowException(workflow.file(), 0, "no job '" + options.job() + "' (jobs: "
                    + String.join(", ", workflow.jobs().stream().map(Workflow.Job::id).toList()) + ")");
        }
        WorkflowSimulator simulator = new WorkflowSimulator(workflow, options);
        simulator.assumptions.add("each job runs on a fresh GitHub-hosted runner whose Docker Engine uses the "
                + options.imageStore().label() + " image store (change with --assume-image-store)");
        simulator.assumptions.add("images from non-loopback registries (e.g. docker.io) are assumed to exist there: they are not queried");
        for (Workflow.Job job : order(workflow.jobs())) {
            simulator.new JobRun(job).run();
        }
        List<BuildCheck> checks = simulator.checks.stream().filter(b -> simulator.selected(b.job())).toList();
        List<Finding> findings = simulator.findings.stream().filter(f -> simulator.selected(f.job())).toList();
        return new Result(new Diagnosis(checks, findings, new ArrayList<>(simulator.assumptions)), simulator.builds, simulator.origins);
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

    /** {@code "5000:5000"} → 5000; {@code "127.0.0.1:5000:5000"} → 5000; a bare container port is published at random (null). */
    public static String hostPortOf(String spec) {
        String[] parts = spec.trim().split(":");
        if (parts.length >= 2 && parts[parts.length - 2].matches("\\d+")) {
            return parts[parts.length - 2];
        }
        return null;
    }

    private static int major(String ref) {
        Matcher matcher = Pattern.compile("^v?(\\d+)").matcher(ref);
        return matcher.find() && ref.length() < 40 ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** One job on its own fresh runner: everything that changes while its steps run is in {@link #state}. */
    private final class JobRun {
        private final Workflow.Job job;
        private final RunnerState state;
        private final Map<String, String> jobEnv;
        private final Map<String, String> builderByStepId = new LinkedHashMap<>();

        JobRun(Workflow.Job job) {
            this.job = job;
            this.state = new RunnerState(job.id(), options.imageStore());
            this.jobEnv = new LinkedHashMap<>(workflow.env());
            jobEnv.putAll(job.env());
        }

        void run() throws WorkflowException {
            for (Workflow.Service service : job.services()) {
                if (Container.isRegistryImage(service.image())) {
                    for (String port : service.ports()) {
                        String hostPort = hostPortOf(port);
                        if (hostPort != null) {
                            state.registryServices.put("localhost:" + hostPort, service.name());
                        }
                    }
                }
            }
            for (Workflow.Step step : job.steps()) {
                state.step = step.index();
                Map<String, String> env = new LinkedHashMap<>(jobEnv);
                env.putAll(step.env());
                if (step.uses() != null) {
                    action(step, env);
                } else if (step.run() != null) {
                    script(step, env);
                }
            }
        }

        private void action(Workflow.Step step, Map<String, String> env) throws WorkflowException {
            Matcher matcher = ACTION.matcher(step.uses().trim());
            if (!matcher.matches()) {
                info(step, step.line(), step.uses().trim(), "step uses '" + step.uses() + "': local or container actions are not analysed");
                return;
            }
            String action = matcher.group(1).toLowerCase(Locale.ROOT);
            int major = major(matcher.group(2));
            switch (action) {
                case "docker/setup-buildx-action" -> setupBuildx(step, major);
                case "docker/build-push-action" -> build(step, env, ActionInputs.buildPushAction(step), step.line(), "build-push-action", true);
                case "actions/upload-artifact" -> upload(step);
                case "actions/download-artifact" -> download(step);
                case "docker/bake-action" -> info(step, step.line(), action, "docker/bake-action is not analysed yet");
                default -> {
                    if (!QUIET_ACTIONS.contains(action)) {
                        info(step, step.line(), action, "action " + action + " is not analysed: images it loads, builds or pushes are unknown");
                    }
                }
            }
        }

        private void setupBuildx(Workflow.Step step, int major) {
            if (major >= 4) {
                for (String removed : List.of("config-inline", "config")) {
                    Workflow.Input input = step.with().get(removed);
                    if (input != null) {
                        String replacement = removed.equals("config") ? "buildkitd-config" : "buildkitd-config-inline";
                        add(FindingKind.ACTION_INPUT_REMOVED, step, input.line(),
                                "setup-buildx-action@v" + major + " no longer accepts '" + removed + "': use '" + replacement + "'",
                                "The input was removed in v4.0.0. The runner only prints a warning about an unexpected input, so "
                                        + "the BuildKit configuration it carried (for example a plain-HTTP registry) is silently lost.",
                                subject(step, "").withInput(removed));
                    }
                }
            }
            String driver = step.input("driver") == null || step.input("driver").isBlank() ? "docker-container" : step.input("driver").trim();
            boolean use = step.input("use") == null || ActionInputs.truthy(step.input("use"));
            String name;
            if (driver.equals("docker")) {
                name = RunnerState.CONTEXT;
            } else {
                name = step.input("name") != null && !step.input("name").isBlank() ? step.input("name").trim()
                        : "builder-" + (step.id() != null ? step.id() : "step" + (step.index() + 1));
                Map<String, String> opts = new LinkedHashMap<>();
                for (String opt : ActionInputs.list(step.input("driver-opts"), true)) {
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

        private void upload(Workflow.Step step) {
            String name = step.input("name") == null ? "artifact" : step.input("name").trim();
            Map<String, Set<String>> content = artifacts.computeIfAbsent(name, n -> new LinkedHashMap<>());
            for (String path : ActionInputs.list(step.input("path"), false)) {
                String normalized = stripSlash(path);
                state.files.forEach((file, tags) -> {
                    if (file.equals(normalized) || file.startsWith(normalized + "/")) {
                        content.put(basename(file), tags);
                    }
                });
            }
        }

        private void download(Workflow.Step step) {
            String dir = step.input("path") == null ? "." : stripSlash(step.input("path").trim());
            String name = step.input("name");
            artifacts.forEach((artifact, content) -> {
                if (name == null || name.trim().equals(artifact)) {
                    content.forEach((file, tags) -> state.files.put(dir + "/" + file, tags));
                }
            });
        }

        // ---- run: scripts ----

        private void script(Workflow.Step step, Map<String, String> env) throws WorkflowException {
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
                if (words.get(0).equals("docker-compose")) {
                    words.set(0, "compose");
                    docker(step, commandEnv, DockerCommand.parse(words, commandEnv), command.line());
                } else if (words.get(0).equals("docker") && words.size() > 1) {
                    docker(step, commandEnv, DockerCommand.parse(words.subList(1, words.size()), commandEnv), command.line());
                }
            }
        }

        private void docker(Workflow.Step step, Map<String, String> env, DockerCommand command, int line) throws WorkflowException {
            if (command instanceof DockerCommand.Build b && b.buildx()) {
                build(step, env, b.spec(), line, "docker buildx build", false);
            } else if (command instanceof DockerCommand.Build b) {
                // docker build is buildx build with --load unless another output was asked for.
                BuildSpec spec = b.spec().load() || !b.spec().outputs().isEmpty() || b.spec().push() ? b.spec()
                        : b.spec().toBuilder().load(true).build();
                build(step, env, spec, line, "docker build", false);
            } else if (command instanceof DockerCommand.BuildxCreate create) {
                String name = create.name().isEmpty() ? "builder-step" + (step.index() + 1) : create.name();
                state.builders.put(name, new RunnerState.SimBuilder(name, create.driver(), create.driverOpts()));
                if (create.use()) {
                    state.current = name;
                }
            } else if (command instanceof DockerCommand.BuildxUse use) {
                state.current = use.name();
            } else if (command instanceof DockerCommand.Bake) {
                info(step, line, "docker buildx bake", "docker buildx bake is not analysed yet");
            } else if (command instanceof DockerCommand.ComposeBuild) {
                info(step, line, "docker compose", "docker compose builds are not analysed yet");
            } else if (command instanceof DockerCommand.Load load) {
                load(load.file());
            } else if (command instanceof DockerCommand.Save save) {
                save(save);
            } else if (command instanceof DockerCommand.Pull pull) {
                state.addToDaemon(pull.image(), "docker pull", true);
            } else if (command instanceof DockerCommand.Tag tag) {
                use(step, tag.source(), line, "docker tag");
                // The new name is a new repository: nothing says a registry has it yet.
                state.addToDaemon(tag.target(), "docker tag " + tag.source().familiar(), false);
            } else if (command instanceof DockerCommand.Push push) {
                use(step, push.image(), line, "docker push");
                pushFromDaemon(step, push.image(), line);
            } else if (command instanceof DockerCommand.Run run) {
                use(step, run.image(), line, "docker " + run.verb());
                if (Container.isRegistryImage(run.image().familiar())) {
                    // docker run -d -p 5000:5000 registry:2 starts a registry on the runner's localhost.
                    for (String publish : run.publishes()) {
                        String port = hostPortOf(publish);
                        if (port != null) {
                            state.registryServices.put("localhost:" + port, "docker run");
                        }
                    }
                }
            }
            // Other commands (ls, inspect, imagetools, prune, login, buildx install …) change nothing a build reads here.
        }

        private void load(String file) {
            if (file.isEmpty()) {
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

        private void save(DockerCommand.Save save) {
            if (save.file().isEmpty()) {
                return;
            }
            Set<String> tags = new LinkedHashSet<>();
            for (String image : save.images()) {
                ImageReference reference = ImageReference.parseOrNull(image);
                if (reference != null) {
                    tags.add(reference.normalized());
                }
            }
            state.files.put(stripSlash(save.file()), tags);
        }

        // ---- builds ----

        private void build(Workflow.Step step, Map<String, String> env, BuildSpec spec, int line, String how, boolean fromAction)
                throws WorkflowException {
            String builderName = resolveBuilder(spec.builder(), env);
            if (!state.builders.containsKey(builderName)) {
                info(step, line, "builder " + builderName, how + " uses builder '" + builderName + "', which no earlier step creates: not analysed");
                return;
            }
            if (spec.contextDir().contains("${{") || spec.contextDir().contains("://") || spec.dockerfile().contains("${{")) {
                info(step, line, how, how + ": the build context or Dockerfile is an expression or a URL (" + spec.contextDir() + "): not analysed");
                return;
            }
            Path repo = options.repoRoot();
            Path dockerfilePath = spec.dockerfile().isEmpty() ? repo.resolve(spec.contextDir()).resolve("Dockerfile").normalize()
                    : repo.resolve(spec.dockerfile()).normalize();
            String display = repo.toAbsolutePath().normalize().relativize(dockerfilePath.toAbsolutePath().normalize()).toString();
            if (!Files.exists(dockerfilePath)) {
                info(step, line, display, how + ": " + display + " is not in the repository (" + repo + "): not analysed");
                return;
            }
            DockerfileAnalysis analysis;
            try {
                analysis = DockerfileAnalyzer.analyze(DockerfileFiles.read(dockerfilePath, display), spec.dockerfileInputs());
            } catch (DockerfileException e) {
                throw new WorkflowException(workflow.file(), line, "job " + job.id() + ", step " + step.label() + ": " + e.getMessage());
            }

            Set<String> flagged = new HashSet<>();
            for (ImageNeed need : analysis.images()) {
                if (need.reference() == null || state.inDaemon(need.reference())) {
                    continue;
                }
                assumeLoadedByName(need.reference());
                if (!state.inDaemon(need.reference()) && use(step, need.reference(), line, how + " (" + need.instruction() + ", "
                        + display + ":" + need.line() + ")")) {
                    flagged.add(need.reference().normalized());
                }
            }

            Map<String, Integer> daemonSteps = new LinkedHashMap<>();
            state.daemonImages.forEach((ref, image) -> daemonSteps.put(ref, image.stepIndex()));
            RunnerState.SimBuilder simBuilder = state.builders.get(builderName);
            builds.add(new SimulatedBuild(job.id(), step.index(), line, builderName, simBuilder.driver(),
                    state.builderSteps.getOrDefault(builderName, -1), spec, display, analysis, daemonSteps, fromAction));

            Snapshot snapshot = state.snapshot();
            BuildRequest request = new BuildRequest(analysis, spec.toBuilder().builder(builderName).build(),
                    BuildSite.step(workflow.file(), line, job.id(), step.index(), step.label()));
            BuildDiagnoser.Result result;
            try {
                result = BuildDiagnoser.diagnose(snapshot, request);
            } catch (UnknownBuilderException e) {
                throw new IllegalStateException("the simulated runner always has the builder it selected", e);
            }
            for (Finding finding : result.findings()) {
                boolean inDockerfile = !finding.file().equals(workflow.file());
                findings.add(finding.locatedAt(workflow.file(), line, step.label(),
                        finding.message() + (inDockerfile ? " (" + finding.file() + ":" + finding.line() + ")" : ""), finding.subject()));
            }
            List<ImageCheck> images = result.check().images().stream()
                    .map(c -> flagged.contains(c.normalized())
                            ? new ImageCheck(c.ref(), c.normalized(), c.instruction(), c.file(), c.line(), c.stage(), c.foundIn(), false) : c)
                    .toList();
            checks.add(result.check().withImages(images));

            effects(step, spec, builderName, snapshot, line);
        }

        /** What a build leaves behind: tags in the daemon, pushed tags, tarballs, or results stuck in the builder's cache. */
        private void effects(Workflow.Step step, BuildSpec spec, String builderName, Snapshot snapshot, int line) {
            RunnerState.SimBuilder builder = state.builders.get(builderName);
            List<ImageReference> tags = spec.tags().stream().map(ImageReference::parseOrNull).filter(java.util.Objects::nonNull).toList();
            boolean exported = false;
            boolean push = spec.push();
            boolean load = spec.load();
            for (ExportSpec export : spec.exports()) {
                if (export.dockerTarball()) {
                    Set<String> content = new LinkedHashSet<>();
                    tags.forEach(t -> content.add(t.normalized()));
                    state.files.put(stripSlash(export.dest()), content);
                    exported = true;
                } else if (export.pushes()) {
                    push = true;
                } else if (export.loadsIntoDaemon()) {
                    load = true;
                } else if (!export.type().isEmpty() && !export.type().equals(ExportSpec.IMAGE)) {
                    exported = true;
                }
            }
            load = load || spec.outputs().isEmpty() && builder.defaultLoad();
            for (ImageReference tag : tags) {
                if (load) {
                    state.addToDaemon(tag, "built and loaded at step " + step.label(), false);
                }
                producedInJob.putIfAbsent(tag.normalized(), new ImageOrigin(job.id(), step.index()));
                if (push) {
                    pushFromBuilder(step, tag, builderName, snapshot, line);
                }
                if (!load && !push && !exported) {
                    state.unloaded.put(tag.normalized(), new RunnerState.Unloaded(step.label(), line, builderName, step.index()));
                }
            }
        }

        private void pushFromBuilder(Workflow.Step step, ImageReference tag, String builderName, Snapshot snapshot, int line) {
            if (!RegistryHosts.isLoopback(tag.domain())) {
                pushedRemote.add(tag.normalized());
                return;
            }
            if (!state.registryServices.containsKey(tag.domain())) {
                registryMissing(step, tag, line);
                return;
            }
            Access access = snapshot.builder(builderName).flatMap(b -> b.accessTo(StoreIds.registry(tag.domain())))
                    .map(StoreAccess::access).orElse(Access.CANNOT_READ);
            if (access != Access.CAN_READ) {
                add(FindingKind.LOCALHOST_REGISTRY_UNREACHABLE, step, line,
                        "builder " + builderName + " cannot reach " + tag.domain() + " to push " + tag.familiar(),
                        "The registry service publishes its port on the runner, but BuildKit runs in its own container whose "
                                + "localhost is the container itself. setup-buildx-action needs 'driver-opts: network=host' for "
                                + "the builder to reach " + tag.domain() + ".", subject(step, builderName).withImage(tag.familiar()));
                return;
            }
            state.recordPush(tag);
        }

        private void pushFromDaemon(Workflow.Step step, ImageReference tag, int line) {
            if (!RegistryHosts.isLoopback(tag.domain())) {
                pushedRemote.add(tag.normalized());
            } else if (!state.registryServices.containsKey(tag.domain())) {
                registryMissing(step, tag, line);
            } else {
                state.recordPush(tag);
            }
        }

        private void registryMissing(Workflow.Step step, ImageReference tag, int line) {
            int port = RegistryHosts.port(tag.domain());
            add(FindingKind.LOCALHOST_REGISTRY_MISSING, step, line,
                    "no registry runs on " + tag.domain() + " in job " + job.id() + " to push " + tag.familiar() + " to",
                    "Nothing publishes port " + port + " on this runner: add a 'registry:2' service with 'ports: [\"" + port
                            + ":5000\"]' to the job. The push fails with 'connection refused'.", subject(step, "").withImage(tag.familiar()));
        }

        /**
         * Checks a use of an image that is not in the daemon (docker run/tag/push, or a build's FROM): a result that
         * stayed in a builder's cache, or an image made in another job. Returns true when it reported a finding.
         */
        private boolean use(Workflow.Step step, ImageReference reference, int line, String how) {
            if (state.inDaemon(reference)) {
                return false;
            }
            RunnerState.Unloaded unloaded = state.unloaded.get(reference.normalized());
            if (unloaded != null) {
                Finding finding = add(FindingKind.RESULT_NOT_LOADED, step, line,
                        reference.familiar() + " was built at step " + unloaded.step() + " on builder " + unloaded.builder()
                                + " but never loaded, so " + how + " cannot find it",
                        "A docker-container builder keeps its results in its own cache unless the build loads them (load: true / "
                                + "--load), pushes them, or exports them; buildx warns 'No output specified with docker-container "
                                + "driver'. The daemon never received " + reference.familiar() + ".",
                        subject(step, unloaded.builder()).withImage(reference.familiar()));
                origins.put(finding.key(), new ImageOrigin(job.id(), unloaded.stepIndex()));
                return true;
            }
            ImageOrigin producer = producedInJob.get(reference.normalized());
            if (producer != null && !producer.job().equals(job.id()) && !pushedRemote.contains(reference.normalized())) {
                Finding finding = add(FindingKind.IMAGE_FROM_OTHER_JOB, step, line,
                        reference.familiar() + " was produced in job " + producer.job() + ", but job " + job.id() + " runs on another machine",
                        "Every job starts on a fresh runner with an empty Docker daemon. Hand the image over: export it to a "
                                + "tarball (outputs: type=docker,dest=...), upload it as an artifact and docker load it here, or push "
                                + "it to a registry both jobs can reach.", subject(step, "").withImage(reference.familiar()));
                origins.put(finding.key(), producer);
                return true;
            }
            return false;
        }

        /** A {@code docker load} of a file we could not follow, named after the image: assume it holds that image. */
        private void assumeLoadedByName(ImageReference reference) {
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

        private String resolveBuilder(String requested, Map<String, String> env) {
            if (requested != null && !requested.isBlank()) {
                Matcher matcher = STEP_OUTPUT.matcher(requested);
                if (matcher.matches() && builderByStepId.containsKey(matcher.group(1))) {
                    return builderByStepId.get(matcher.group(1));
                }
                return requested.trim();
            }
            String variable = env.get("BUILDX_BUILDER");
            return variable != null && !variable.isBlank() ? variable.trim() : state.current;
        }

        // ---- findings ----

        private Subject subject(Workflow.Step step, String builder) {
            return Subject.of(builder).inStep(job.id(), step.index());
        }

        private Finding add(FindingKind kind, Workflow.Step step, int line, String message, String explanation, Subject subject) {
            Finding finding = Finding.of(kind, message, explanation, workflow.file(), line, step.label(), subject);
            findings.add(finding);
            return finding;
        }

        private void info(Workflow.Step step, int line, String what, String message) {
            add(FindingKind.NOT_ANALYSED, step, line, message, "Buildx Lens follows setup-buildx-action, build-push-action, "
                    + "artifacts and docker commands in run: steps; this step is outside that, so what it does to images is unknown.",
                    subject(step, "").withDetail(what));
        }
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
