package dev.buildxlens.core.workflow;

import dev.buildxlens.core.bake.BakeBuild;
import dev.buildxlens.core.bake.BakeDefinition;
import dev.buildxlens.core.bake.BakeException;
import dev.buildxlens.core.bake.BakeOptions;
import dev.buildxlens.core.bake.BakeReader;
import dev.buildxlens.core.bake.BakeResolution;
import dev.buildxlens.core.bake.ComposeBakeTranslator;
import dev.buildxlens.core.compose.BuildSection;
import dev.buildxlens.core.compose.ComposeException;
import dev.buildxlens.core.compose.ComposeProject;
import dev.buildxlens.core.compose.ComposeReader;
import dev.buildxlens.core.compose.ComposeRequest;
import dev.buildxlens.core.compose.ComposeService;
import dev.buildxlens.core.diagnose.BuildUnit;
import dev.buildxlens.core.diagnose.ProjectLinks;
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
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.diagnose.Subject;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.dockerfile.ParsedDockerfile;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreIds;
import dev.buildxlens.core.visibility.VisibilityRules;
import dev.buildxlens.core.workflow.expr.Assumptions;
import dev.buildxlens.core.workflow.expr.Evaluator;
import dev.buildxlens.core.workflow.expr.Expressions;
import dev.buildxlens.core.workflow.expr.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a workflow's jobs and steps as GitHub runs them on fresh runners, keeping track of what each job's daemon,
 * disk, builders and registries hold ({@link RunnerState}), and diagnoses every build with the same engine as a live
 * build ({@link BuildDiagnoser}). Expressions are evaluated ({@code ${{ }}}: env, matrix, inputs, step and job outputs,
 * github with placeholders; secrets and vars stay unknown); a matrix runs once per combination; an {@code if:} whose
 * value is unknown is followed both ways, each way a consistent path. {@code docker build} is routed as the Docker CLI
 * routes it. Jobs run on different machines: only artifacts and pushes to real registries carry images between them.
 */
public final class WorkflowSimulator {

    /**
     * Whether a GitLab Runner feature flag set as a variable is on: the runner reads it with Go's strconv.ParseBool
     * (1, t, T, TRUE, true, True); anything else, or unset, is off.
     */
    public static boolean featureFlagOn(String value) {
        return value != null && java.util.Set.of("1", "t", "T", "TRUE", "true", "True").contains(value.strip());
    }

    /**
     * {@code repoRoot} resolves Dockerfile paths; {@code job} limits the report to one job (empty: all);
     * {@code imageStore} overrides the store {@code runs-on} implies (null: by runs-on); {@code event} is the event
     * the workflow runs for (null: push when it listens to push, else its first trigger).
     */
    public record Options(Path repoRoot, String job, ImageStoreKind imageStore, String event) {
        public Options(Path repoRoot, String job, ImageStoreKind imageStore) {
            this(repoRoot, job, imageStore, null);
        }
    }

    /**
     * The diagnosis; every build that ran, for the fixes; for findings about an image made elsewhere (by finding
     * key) the step that made it; and the files besides the workflow that the simulation read (the builds'
     * Dockerfiles and local composite actions, absolute), so a change to any of them can be diagnosed again.
     */
    public record Result(Diagnosis diagnosis, List<SimulatedBuild> builds, Map<String, ImageOrigin> origins, List<Path> filesRead) {
        public Result {
            builds = List.copyOf(builds);
            origins = Map.copyOf(origins);
            filesRead = List.copyOf(filesRead);
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

    /**
     * The steps a GitLab pipeline's jobs get for their artifacts (core.gitlab.GitlabJobs): files kept at their paths
     * relative to the project directory, handed to the jobs that take them.
     */
    public static final String GITLAB_KEEP_ARTIFACTS = "buildx-lens/gitlab-artifacts";
    public static final String GITLAB_TAKE_ARTIFACTS = "buildx-lens/gitlab-take-artifacts";
    private static final String GITLAB_PROJECT_DIR = "/builds/group/project/";

    /** Paths a job may fork into on unknown conditions before only the running side is followed. */
    private static final int MAX_PATHS = 32;
    private static final Pattern ACTION = Pattern.compile("([^/@\\s]+/[^/@\\s]+)(/[^@\\s]*)?@(\\S+)");
    private static final Pattern STEP_OUTPUT = Pattern.compile("\\$\\{\\{\\s*steps\\.([A-Za-z0-9_-]+)\\.outputs\\.name\\s*}}");
    /** Actions that cannot load, build, push or pull an image, or change the engine: followed silently. */
    private static final Set<String> SILENT_ACTIONS = Set.of("actions/checkout", "actions/setup-node", "actions/setup-java",
            "actions/setup-python", "actions/setup-go", "actions/setup-dotnet", "actions/github-script", "actions/upload-pages-artifact",
            "actions/deploy-pages", "actions/configure-pages", "actions/stale", "actions/labeler", "actions/attest-build-provenance",
            "actions/create-github-app-token", "actions/dependency-review-action", "docker/login-action", "docker/setup-qemu-action",
            "docker/scout-action", "aws-actions/configure-aws-credentials", "aws-actions/amazon-ecr-login", "azure/login",
            "azure/docker-login", "google-github-actions/auth", "google-github-actions/setup-gcloud", "codecov/codecov-action",
            "sigstore/cosign-installer", "softprops/action-gh-release", "peter-evans/create-pull-request", "ruby/setup-ruby",
            "dtolnay/rust-toolchain", "actions-rs/toolchain", "astral-sh/setup-uv", "pnpm/action-setup", "oven-sh/setup-bun",
            "golangci/golangci-lint-action", "github/codeql-action", "aquasecurity/trivy-action", "anchore/sbom-action",
            "anchore/scan-action", "docker/setup-compose-action", "hadolint/hadolint-action", "crazy-max/ghaction-github-labeler",
            "crazy-max/ghaction-import-gpg", "shivammathur/setup-php", "mlugg/setup-zig", "haskell-actions/setup",
            "gradle/actions", "gradle/gradle-build-action", "actions/setup-haskell", "actions/download-artifact@", "msys2/setup-msys2",
            "slackapi/slack-github-action", "8398a7/action-slack", "rtCamp/action-slack-notify");

    private final Workflow workflow;
    private final Options options;
    private final String event;
    private final Runners runners = Runners.githubHosted();
    private final List<BuildCheck> checks = new ArrayList<>();
    private final List<SimulatedBuild> builds = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, ImageOrigin> origins = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<String>>> artifacts = new LinkedHashMap<>();
    private final Map<String, ImageOrigin> producedInJob = new LinkedHashMap<>();
    /** The same by repository (any tag), for images whose tag is unknown. */
    private final Map<String, ImageOrigin> producedRepositories = new LinkedHashMap<>();
    private final Set<String> pushedRemote = new HashSet<>();
    private final Set<String> assumptions = new LinkedHashSet<>();
    /** Dockerfiles and composite actions read, absolute: what the result depends on besides the workflow. */
    private final Set<Path> filesRead = new LinkedHashSet<>();
    /**
     * Dockerfiles already parsed in this run, by path and the name shown for it: jobs and matrix rows often build
     * the same one, and a workflow's files do not change while it is simulated. Only what parsed is kept; a file
     * that failed is read again, to report its error where it is used.
     */
    private final Map<String, ParsedDockerfile> dockerfiles = new HashMap<>();
    /** Each finished job's outputs, for the needs context. */
    private final Map<String, Value> jobOutputs = new LinkedHashMap<>();

    private ParsedDockerfile parsed(Path dockerfile, String display) throws DockerfileException {
        String key = dockerfile.toAbsolutePath().normalize() + "\n" + display;
        ParsedDockerfile known = dockerfiles.get(key);
        if (known == null) {
            known = DockerfileFiles.read(dockerfile, display);
            dockerfiles.put(key, known);
        }
        return known;
    }

    private WorkflowSimulator(Workflow workflow, Options options) {
        this.workflow = workflow;
        this.options = options;
        List<String> events = workflow.on().events();
        this.event = options.event() != null && !options.event().isBlank() ? options.event()
                : events.isEmpty() || events.contains("push") ? "push" : events.get(0);
    }

    public static Result simulate(Workflow workflow, Options options) throws WorkflowException {
        if (!options.job().isEmpty() && workflow.job(options.job()).isEmpty()) {
            throw new WorkflowException(workflow.file(), 0, "no job '" + options.job() + "' (jobs: "
                    + String.join(", ", workflow.jobs().stream().map(Workflow.Job::id).toList()) + ")");
        }
        WorkflowSimulator simulator = new WorkflowSimulator(workflow, options);
        if (workflow.platform() == Workflow.Platform.GITLAB_CI) {
            simulator.assumptions.add("each GitLab job runs in a fresh container with its own services; artifacts carry files between "
                    + "jobs, never a daemon's images");
            simulator.assumptions.add("docker:dind with DOCKER_TLS_CERTDIR shares its client certificates with the job (as on GitLab.com's "
                    + "runners, volumes = [\"/certs/client\"]), so the docker image's entrypoint sets DOCKER_TLS_VERIFY and DOCKER_CERT_PATH");
        } else {
            simulator.assumptions.add("the workflow runs for a " + simulator.event + " event (change with --event NAME)");
        }
        simulator.assumptions.add("images from non-loopback registries (e.g. docker.io) are assumed to exist there: they are not queried");
        simulator.runWorkflow(workflow, simulator.topInputs(), "", workflow.env());
        List<BuildCheck> checks = simulator.checks.stream().filter(b -> simulator.selected(b.job())).distinct().toList();
        List<Finding> findings = simulator.findings.stream().filter(f -> simulator.selected(f.job())).toList();
        return new Result(new Diagnosis(checks, findings, new ArrayList<>(simulator.assumptions)), simulator.builds, simulator.origins,
                List.copyOf(simulator.filesRead));
    }

    private boolean selected(String job) {
        return options.job().isEmpty() || options.job().equals(job) || job != null && job.startsWith(options.job() + "/");
    }

    /** The inputs context of the workflow itself: workflow_dispatch or workflow_call defaults, for those events. */
    private Value topInputs() {
        Map<String, Workflow.InputSpec> specs = event.equals("workflow_dispatch") ? workflow.on().dispatchInputs()
                : event.equals("workflow_call") ? workflow.on().callInputs() : Map.of();
        return inputsValue(specs, Map.of());
    }

    /** Given values first, then defaults; an input with neither is unknown ({@code inputs.NAME}). */
    private static Value inputsValue(Map<String, Workflow.InputSpec> specs, Map<String, Value> given) {
        Map<String, Value> fields = new LinkedHashMap<>();
        specs.forEach((name, spec) -> fields.put(name, given.containsKey(name) ? given.get(name)
                : spec.defaultValue() != null ? spec.defaultValue() : new Value.Unknown("inputs." + name, "inputs." + name)));
        given.forEach(fields::putIfAbsent);
        return new Value.Obj(fields);
    }

    // ---- workflows and jobs ----

    /** Runs one workflow's jobs (the top one, or a local reusable one a job calls, with {@code prefix} before its job ids). */
    private void runWorkflow(Workflow current, Value inputs, String prefix, Map<String, String> workflowEnv) throws WorkflowException {
        for (Workflow.Job job : order(current.jobs())) {
            String id = prefix + job.id();
            if (job.uses() != null) {
                callWorkflow(current, job, id, inputs);
                continue;
            }
            new JobSimulation(current, job, id, prefix, inputs, workflowEnv).run();
        }
    }

    /** {@code jobs.X.uses: ./.github/workflows/y.yml}: the called workflow's jobs run as {@code X/<job>}, with its inputs. */
    private void callWorkflow(Workflow caller, Workflow.Job job, String id, Value callerInputs) throws WorkflowException {
        String uses = job.uses().trim();
        Map<String, Value> given = new LinkedHashMap<>();
        Function<String, Value> contexts = name -> switch (name) {
            case "inputs" -> callerInputs;
            case "needs" -> needsValue(job.needs(), id.contains("/") ? id.substring(0, id.lastIndexOf('/') + 1) : "");
            case "github" -> github(id);
            case "secrets" -> new Value.Unknown("secrets", "secrets");
            case "vars" -> new Value.Unknown("vars", "vars");
            default -> Value.NULL;
        };
        job.with().forEach((name, text) -> given.put(name, Expressions.interpolate(text, contexts, Assumptions.none()).value()));
        if (!uses.startsWith("./")) {
            findings.add(Finding.of(FindingKind.NOT_ANALYSED, "job " + id + " calls " + uses + ": reusable workflows from other repositories are not analysed",
                    "What the called workflow does to images is unknown.", caller.file(), job.line(), null,
                    Subject.of("").inStep(id, -1).withDetail(uses)));
            jobOutputs.put(job.id(), new Value.Obj(Map.of("outputs", new Value.Unknown("needs." + job.id() + ".outputs",
                    "needs." + job.id() + ".outputs"), "result", new Value.Str("success"))));
            return;
        }
        String path = uses.substring(2).replaceFirst("@.*$", "");
        Path file = options.repoRoot().resolve(path).normalize();
        if (!Files.isRegularFile(file)) {
            findings.add(Finding.of(FindingKind.NOT_ANALYSED, "job " + id + " calls " + path + ", which is not in the repository: not analysed",
                    "What the called workflow does to images is unknown.", caller.file(), job.line(), null,
                    Subject.of("").inStep(id, -1).withDetail(path)));
            return;
        }
        Workflow called = WorkflowParser.read(file, path);
        runWorkflow(called, inputsValue(called.on().callInputs(), given), id + "/", called.env());
        // The called workflow's outputs, from its jobs' outputs.
        Map<String, Value> jobs = new LinkedHashMap<>();
        called.jobs().forEach(j -> jobs.put(j.id(), jobOutputs.getOrDefault(id + "/" + j.id(), Value.NULL)));
        Map<String, Value> outputs = new LinkedHashMap<>();
        called.on().callOutputs().forEach((name, text) -> outputs.put(name, Expressions.interpolate(text,
                n -> n.equals("jobs") ? new Value.Obj(jobs) : Value.NULL, Assumptions.none()).value()));
        jobOutputs.put(id, new Value.Obj(Map.of("outputs", new Value.Obj(outputs), "result", new Value.Str("success"))));
    }

    private Value needsValue(List<String> needs, String prefix) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (String need : needs) {
            fields.put(need, jobOutputs.getOrDefault(prefix + need, new Value.Obj(Map.of("outputs", new Value.Obj(Map.of()),
                    "result", new Value.Str("success")))));
        }
        return new Value.Obj(fields);
    }

    /**
     * The github context: what the event decides is known; what names the repository or the commit has a consistent
     * placeholder (so a tag built from github.sha in one step matches the same tag in the next); refs stay unknown, so
     * conditions on them are followed both ways.
     */
    private Value github(String jobId) {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("event_name", new Value.Str(event));
        fields.put("repository", Value.Unknown.placeholder("github.repository", "owner/repo"));
        fields.put("repository_owner", Value.Unknown.placeholder("github.repository_owner", "owner"));
        fields.put("actor", Value.Unknown.placeholder("github.actor", "actor"));
        fields.put("triggering_actor", Value.Unknown.placeholder("github.triggering_actor", "actor"));
        fields.put("sha", Value.Unknown.placeholder("github.sha", "0123456789abcdef0123456789abcdef01234567"));
        fields.put("ref", Value.Unknown.placeholder("github.ref", "refs/heads/main"));
        fields.put("ref_name", Value.Unknown.placeholder("github.ref_name", "main"));
        fields.put("ref_type", Value.Unknown.placeholder("github.ref_type", "branch"));
        fields.put("head_ref", Value.Unknown.placeholder("github.head_ref", "topic"));
        fields.put("base_ref", Value.Unknown.placeholder("github.base_ref", "main"));
        fields.put("run_id", Value.Unknown.placeholder("github.run_id", "1"));
        fields.put("run_number", Value.Unknown.placeholder("github.run_number", "1"));
        fields.put("run_attempt", new Value.Str("1"));
        fields.put("workspace", new Value.Str("/home/runner/work/repo/repo"));
        fields.put("server_url", new Value.Str("https://github.com"));
        fields.put("api_url", new Value.Str("https://api.github.com"));
        fields.put("job", new Value.Str(jobId));
        fields.put("action_path", new Value.Str("."));
        fields.put("token", new Value.Unknown("github.token", "github.token"));
        fields.put("event", new Value.Unknown("github.event", "github.event"));
        return new Value.Obj(fields);
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

    /** One finding of one path, with the matrix combination and the path's assumptions it holds under. */
    private record PathFinding(Finding finding, int combination, String combinationLabel, int path, List<String> when) {
    }

    /**
     * One job: its {@code if:} and matrix, each combination run on every path its unknown conditions allow, and the
     * findings merged (one finding for what holds everywhere, named with its combination or path where it does not).
     */
    private final class JobSimulation {
        private final Workflow file;
        private final Workflow.Job job;
        private final String id;
        private final String prefix;
        private final Value inputs;
        private final Map<String, String> workflowEnv;
        private final List<PathFinding> pathFindings = new ArrayList<>();
        private final Map<String, Value> outputs = new LinkedHashMap<>();
        private int paths;

        JobSimulation(Workflow file, Workflow.Job job, String id, String prefix, Value inputs, Map<String, String> workflowEnv) {
            this.file = file;
            this.job = job;
            this.id = id;
            this.prefix = prefix;
            this.inputs = inputs;
            this.workflowEnv = workflowEnv;
        }

        private Function<String, Value> jobContexts(Value matrix, Assumptions path) {
            return name -> switch (name) {
                case "github" -> github(id);
                case "inputs" -> inputs;
                case "needs" -> needsValue(job.needs(), prefix);
                case "matrix" -> matrix;
                case "secrets" -> new Value.Unknown("secrets", "secrets");
                case "vars" -> new Value.Unknown("vars", "vars");
                case "strategy" -> new Value.Obj(Map.of("fail-fast", Value.TRUE));
                default -> Value.NULL;
            };
        }

        void run() throws WorkflowException {
            Matrix.Expansion expansion = Matrix.expand(job.matrix(), value -> evaluateValue(value, jobContexts(new Value.Obj(Map.of()),
                    Assumptions.none())));
            if (!expansion.unresolved().isEmpty()) {
                assumptions.add("job " + id + ": " + expansion.unresolved() + "; the job is followed once with it empty");
            }
            List<Matrix.Combination> combinations = expansion.combinations();
            int index = 0;
            for (Matrix.Combination combination : combinations) {
                runCombination(combination, index++, combinations.size() > 1);
            }
            merge(combinations.size());
            jobOutputs.put(id, new Value.Obj(Map.of("outputs", new Value.Obj(outputs, "needs." + job.id() + ".outputs"),
                    "result", new Value.Str("success"))));
        }

        private void runCombination(Matrix.Combination combination, int index, boolean labelled) throws WorkflowException {
            // The job's if: decides whether it runs at all; unknown values split it into paths.
            Deque<Assumptions> todo = new ArrayDeque<>();
            todo.add(Assumptions.none());
            List<Assumptions> running = new ArrayList<>();
            while (!todo.isEmpty()) {
                Assumptions path = todo.poll();
                Expressions.Outcome outcome = Expressions.condition(job.condition(), jobContexts(combination.values(), path), path);
                if (outcome.runs() == null) {
                    boolean decided = Expressions.condition(job.condition(), jobContexts(combination.values(), path),
                            path.with(outcome.question(), true)).runs() != null;
                    if (!decided || todo.size() + running.size() >= MAX_PATHS) {
                        running.add(path);
                        continue;
                    }
                    todo.add(path.with(outcome.question(), true));
                    todo.add(path.with(outcome.question(), false));
                } else if (outcome.runs()) {
                    running.add(path);
                }
            }
            if (running.isEmpty() && job.condition() != null) {
                assumptions.add("job " + id + " does not run: its if: (" + job.condition().trim() + ") is false for a " + event + " event");
            }
            List<String> labels = runsOn(combination.values());
            Runners.Runner runner = job.engine() != null ? job.engine() : runners.forLabels(labels);
            for (Assumptions path : running) {
                if (runner.known() && !runner.linuxEngine()) {
                    assumptions.add("job " + id + " runs on " + runner.label() + ": GitHub's " + runner.os()
                            + " runners have no Linux Docker engine, so its Docker steps are not analysed");
                    continue;
                }
                ImageStoreKind store = options.imageStore() != null ? options.imageStore() : runner.imageStore();
                describeRunner(runner, store);
                JobRun first = new JobRun(this, combination, labelled ? index : -1, store, path);
                Deque<JobRun> runs = new ArrayDeque<>();
                runs.add(first);
                while (!runs.isEmpty()) {
                    JobRun run = runs.poll();
                    JobRun forked = run.runUntilFork(runs.size() + paths < MAX_PATHS);
                    if (forked != null) {
                        runs.add(forked);
                        runs.add(run);
                    } else {
                        run.finish();
                        paths++;
                    }
                }
            }
        }

        private List<String> runsOn(Value matrix) {
            List<String> labels = new ArrayList<>();
            for (String label : job.runsOn()) {
                Expressions.Interpolated value = Expressions.interpolate(label, jobContexts(matrix, Assumptions.none()), Assumptions.none());
                if (value.value() instanceof Value.Array array) {
                    array.items().forEach(v -> labels.add(v.asText()));
                } else {
                    labels.add(value.text());
                }
            }
            return labels;
        }

        private void describeRunner(Runners.Runner runner, ImageStoreKind store) {
            boolean usesDocker = job.steps().stream().anyMatch(s -> s.run() != null && s.run().contains("docker")
                    || s.uses() != null && s.uses().startsWith("docker/"));
            if (workflow.platform() == Workflow.Platform.GITLAB_CI && !runner.known() && !usesDocker) {
                // A GitLab job without Docker (tests, a mirror push): which engine it would have says nothing.
                return;
            }
            if (options.imageStore() != null) {
                assumptions.add("each job's engine uses the " + store.label() + " image store (--assume-image-store)");
            } else if (!runner.known()) {
                assumptions.add("job " + id + " runs on " + runner.label() + ": its engine and image store are unknown; findings that "
                        + "hold only with the classic image store are warnings");
            } else if (workflow.platform() == Workflow.Platform.GITLAB_CI) {
                assumptions.add("job " + id + " gets a fresh " + runner.label() + " service: Docker " + (runner.docker().isEmpty() ? "of an unknown version"
                        : runner.docker()) + " with the " + store.label() + " image store" + (runner.note().isEmpty() ? "" : " (" + runner.note() + ")")
                        + "; nothing from another job is in it");
            } else {
                assumptions.add("job " + id + " runs on a fresh GitHub-hosted " + runner.label() + " runner: Docker " + runner.docker()
                        + " with the " + store.label() + " image store (actions/runner-images, " + runners.date()
                        + (runner.note().isEmpty() ? "" : "; " + runner.note()) + ")");
            }
        }

        /** One finding for what holds on every path; named with the combination or the path where it does not. */
        private void merge(int combinations) {
            Map<String, List<PathFinding>> byKey = new LinkedHashMap<>();
            for (PathFinding found : pathFindings) {
                byKey.computeIfAbsent(found.finding().key() + "\n" + found.finding().message(), k -> new ArrayList<>()).add(found);
            }
            for (List<PathFinding> group : byKey.values()) {
                PathFinding first = group.get(0);
                Set<Integer> inCombinations = new LinkedHashSet<>();
                Set<Integer> onPaths = new LinkedHashSet<>();
                group.forEach(g -> {
                    inCombinations.add(g.combination());
                    onPaths.add(g.path());
                });
                String suffix = "";
                if (first.combination() >= 0 && inCombinations.size() < combinations) {
                    List<String> labels = group.stream().map(PathFinding::combinationLabel).distinct().toList();
                    suffix += " (job " + id + " (" + String.join("; ", labels.subList(0, Math.min(3, labels.size())))
                            + (labels.size() > 3 ? "; +" + (labels.size() - 3) + " more" : "") + "))";
                }
                boolean everywhere = onPaths.size() == paths;
                if (!everywhere && !first.when().isEmpty()) {
                    suffix += " (when " + String.join(" and ", first.when()) + ")";
                }
                Finding finding = first.finding();
                findings.add(suffix.isEmpty() ? finding : finding.locatedAt(finding.file(), finding.line(), finding.step(),
                        finding.message() + suffix, finding.subject()));
            }
        }
    }

    /** Evaluates the {@code ${{ }}} strings inside a YAML value (a matrix, an include entry). */
    private static Value evaluateValue(Value value, Function<String, Value> contexts) {
        if (value instanceof Value.Str text && Expressions.hasExpression(text.value())) {
            return Expressions.interpolate(text.value(), contexts, Assumptions.none()).value();
        }
        if (value instanceof Value.Array array) {
            return new Value.Array(array.items().stream().map(v -> evaluateValue(v, contexts)).toList());
        }
        if (value instanceof Value.Obj object) {
            Map<String, Value> fields = new LinkedHashMap<>();
            object.fields().forEach((k, v) -> fields.put(k, evaluateValue(v, contexts)));
            return new Value.Obj(fields);
        }
        return value;
    }

    /**
     * One path of one job on its own fresh runner: everything that changes while its steps run. When a step's
     * {@code if:} is unknown the path forks: {@link #runUntilFork} returns the other side, which carries a copy of
     * everything so far.
     */
    private final class JobRun {
        private final JobSimulation simulation;
        private final Workflow.Job job;
        private final Matrix.Combination combination;
        private final int combinationIndex;
        private final boolean storeUnknown;
        private Assumptions path;
        private RunnerState state;
        private Map<String, String> jobEnv;
        private Map<String, String> builderByStepId = new LinkedHashMap<>();
        private Map<String, Value> stepOutputs = new LinkedHashMap<>();
        private List<PathFinding> found = new ArrayList<>();
        private List<String> unknownActions = new ArrayList<>();
        private int unknownActionLine;
        private int unknownActionStep = -1;
        private int next;
        /** A command failed the job (GitLab stops a job at its first failing script line): later steps do not run. */
        private boolean ended;
        /** While a composite action's steps run: its file, its inputs, its own steps context. */
        private String currentFile;
        private Value currentInputs;

        JobRun(JobSimulation simulation, Matrix.Combination combination, int combinationIndex, ImageStoreKind store, Assumptions path) {
            this.simulation = simulation;
            this.job = simulation.job;
            this.combination = combination;
            this.combinationIndex = combinationIndex;
            this.storeUnknown = store == ImageStoreKind.UNKNOWN;
            this.path = path;
            this.state = new RunnerState(simulation.id, store == ImageStoreKind.UNKNOWN ? ImageStoreKind.CLASSIC : store);
            this.currentFile = simulation.file.file();
            this.currentInputs = simulation.inputs;
            this.jobEnv = new LinkedHashMap<>();
            simulation.workflowEnv.forEach((k, v) -> jobEnv.put(k, Expressions.interpolate(v, contexts(Map.of()), path).text()));
            job.env().forEach((k, v) -> jobEnv.put(k, Expressions.interpolate(v, contexts(Map.of()), path).text()));
            for (Workflow.Service service : job.services()) {
                String image = Expressions.interpolate(service.image(), contexts(Map.of()), path).text();
                if (Container.isRegistryImage(image) && !service.hostnames().isEmpty()) {
                    // A GitLab service: the job container reaches it by name on port 5000; a BuildKit container
                    // inside docker:dind does not (buildx-facts §9.5).
                    for (String hostname : service.hostnames()) {
                        state.jobNetworkRegistries.put(hostname + ":5000", "service " + image);
                    }
                } else if (Container.isRegistryImage(image)) {
                    for (String port : service.ports()) {
                        String hostPort = hostPortOf(Expressions.interpolate(port, contexts(Map.of()), path).text());
                        if (hostPort != null) {
                            state.registryServices.put("localhost:" + hostPort, new RunnerState.RegistryContainer("service " + service.name(), false));
                        }
                    }
                }
            }
        }

        /** A copy for the other side of a fork. */
        private JobRun fork(Assumptions otherPath) {
            JobRun copy = new JobRun(simulation, combination, combinationIndex,
                    storeUnknown ? ImageStoreKind.UNKNOWN : state.imageStore, otherPath);
            copy.state = state.copy();
            copy.jobEnv = new LinkedHashMap<>(jobEnv);
            copy.builderByStepId = new LinkedHashMap<>(builderByStepId);
            copy.stepOutputs = new LinkedHashMap<>(stepOutputs);
            copy.found = new ArrayList<>(found);
            copy.unknownActions = new ArrayList<>(unknownActions);
            copy.unknownActionLine = unknownActionLine;
            copy.unknownActionStep = unknownActionStep;
            copy.next = next;
            return copy;
        }

        private Function<String, Value> contexts(Map<String, String> stepEnv) {
            return name -> switch (name) {
                case "env" -> {
                    Map<String, Value> env = new LinkedHashMap<>();
                    jobEnv.forEach((k, v) -> env.put(k, new Value.Str(v)));
                    stepEnv.forEach((k, v) -> env.put(k, new Value.Str(v)));
                    yield new Value.Obj(env);
                }
                case "steps" -> new Value.Obj(stepOutputs);
                case "runner" -> new Value.Obj(Map.of("os", new Value.Str("Linux"), "arch", new Value.Str("X64"),
                        "temp", new Value.Str("/home/runner/work/_temp"), "tool_cache", new Value.Str("/opt/hostedtoolcache")));
                case "job" -> new Value.Obj(Map.of("status", new Value.Str("success")));
                case "inputs" -> currentInputs;
                default -> simulation.jobContexts(combination.values(), path).apply(name);
            };
        }

        /**
         * Runs steps until the job ends, or until a step's condition is unknown: then this run takes the side where the
         * step runs and the returned run the side where it does not (null when no fork is allowed: then the step runs).
         */
        JobRun runUntilFork(boolean mayFork) throws WorkflowException {
            while (next < job.steps().size() && !ended) {
                Workflow.Step step = job.steps().get(next);
                Expressions.Outcome outcome = Expressions.condition(step.condition(), contexts(step.env()), path);
                if (outcome.runs() == null && mayFork && decides(outcome, step)) {
                    // Both answers, each a path of its own; both look at this step again with one more fact.
                    JobRun other = fork(path.with(outcome.question(), false));
                    path = path.with(outcome.question(), true);
                    return other;
                }
                if (outcome.runs() == null) {
                    assumptions.add("job " + simulation.id + ": more than " + MAX_PATHS + " paths; later steps whose if: is unknown are "
                            + "taken to run");
                }
                if (outcome.runs() == null || outcome.runs()) {
                    runStep(step);
                }
                next++;
            }
            return null;
        }

        /**
         * Whether answering the question decides the condition; a question that would not (a case the evaluator cannot
         * yet reason about) must not fork, or the same step would fork again on every path.
         */
        private boolean decides(Expressions.Outcome outcome, Workflow.Step step) {
            Assumptions answered = path.with(outcome.question(), true);
            return Expressions.condition(step.condition(), contexts(step.env()), answered).runs() != null;
        }

        /** The job ended on this path: its findings join the job's, its outputs the workflow's. */
        void finish() {
            if (!unknownActions.isEmpty()) {
                found.add(pathFinding(Finding.of(FindingKind.NOT_ANALYSED, "not analysed, so what they do to images is unknown: "
                                + String.join(", ", unknownActions),
                        "Buildx Lens follows the docker/* actions, artifacts, caches, kind and docker commands in run: steps; these "
                                + "actions are outside that.", simulation.file.file(), unknownActionLine, null,
                        Subject.of("").inStep(simulation.id, unknownActionStep).withDetail("actions"))));
            }
            int pathIndex = simulation.paths;
            for (PathFinding finding : found) {
                simulation.pathFindings.add(new PathFinding(finding.finding(), finding.combination(), finding.combinationLabel(), pathIndex,
                        path.described()));
            }
            job.outputs().forEach((name, text) -> simulation.outputs.putIfAbsent(name,
                    Expressions.interpolate(text, contexts(Map.of()), path).value()));
        }

        // ---- steps ----

        private void runStep(Workflow.Step raw) throws WorkflowException {
            Workflow.Step step = evaluate(raw);
            state.step = raw.index();
            ran(step);
            Map<String, String> env = new LinkedHashMap<>(jobEnv);
            env.putAll(step.env());
            // A step written in another file (a GitLab include) reports its findings there.
            String outerFile = currentFile;
            if (step.file() != null) {
                currentFile = step.file();
            }
            try {
                if (step.uses() != null) {
                    action(raw, step, env);
                } else if (step.run() != null) {
                    script(step, env);
                }
            } finally {
                currentFile = outerFile;
            }
        }

        /** The step with its values evaluated: with-inputs, env and the run script. */
        private Workflow.Step evaluate(Workflow.Step step) {
            Map<String, String> env = new LinkedHashMap<>();
            step.env().forEach((k, v) -> env.put(k, Expressions.interpolate(v, contexts(Map.of()), path).text()));
            Function<String, Value> contexts = contexts(env);
            Map<String, Workflow.Input> with = new LinkedHashMap<>();
            step.with().forEach((k, v) -> with.put(k, new Workflow.Input(Expressions.interpolate(v.value(), contexts, path).text(), v.line(), v.singleLine())));
            String run = step.run() == null ? null : Expressions.interpolate(step.run(), contexts, path).text();
            String name = step.name() == null ? null : Expressions.interpolate(step.name(), contexts, path).text();
            return step.evaluated(name, with, env, run);
        }

        private void action(Workflow.Step raw, Workflow.Step step, Map<String, String> env) throws WorkflowException {
            String uses = step.uses().trim();
            if (uses.startsWith("./")) {
                composite(raw, step, uses);
                return;
            }
            if (uses.equals(GITLAB_KEEP_ARTIFACTS)) {
                keepArtifacts(step);
                return;
            }
            if (uses.equals(GITLAB_TAKE_ARTIFACTS)) {
                takeArtifacts(step);
                return;
            }
            if (uses.startsWith("docker://")) {
                ImageReference image = ImageReference.parseOrNull(uses.substring("docker://".length()));
                if (image != null) {
                    use(step, image, step.line(), "the step's container image");
                }
                return;
            }
            Matcher matcher = ACTION.matcher(uses);
            if (!matcher.matches()) {
                notFollowed(step, uses);
                return;
            }
            String action = matcher.group(1).toLowerCase(Locale.ROOT);
            int major = major(matcher.group(3));
            switch (action) {
                case "docker/setup-buildx-action" -> setupBuildx(step, major);
                case "docker/build-push-action" -> build(step, env, ActionInputs.buildPushAction(step), step.line(), "build-push-action", true);
                case "docker/metadata-action" -> metadata(step);
                case "docker/setup-docker-action", "crazy-max/ghaction-setup-docker" -> setupDocker(step);
                case "container-tools/kind-action" -> kindRegistry(step, ActionInputs.truthy(Optional.ofNullable(step.input("registry")).orElse("true")),
                        false);
                case "helm/kind-action" -> kindRegistry(step, ActionInputs.truthy(step.input("registry")), true);
                case "actions/upload-artifact" -> upload(step);
                case "actions/download-artifact" -> download(step);
                case "addnab/docker-run-action" -> Optional.ofNullable(step.input("image")).map(String::trim).map(ImageReference::parseOrNull)
                        .ifPresent(image -> use(step, image, step.line(), "docker-run-action"));
                case "docker/bake-action" -> bakeAction(step, env);
                default -> {
                    if (!SILENT_ACTIONS.contains(action) && !action.startsWith("actions/setup-") && !action.equals("actions/cache")) {
                        notFollowed(step, action + "@" + matcher.group(3));
                    }
                }
            }
        }

        /** An action this simulation does not know: one line for all of them at the end of the job. */
        private void notFollowed(Workflow.Step step, String what) {
            if (unknownActions.isEmpty()) {
                unknownActionLine = step.line();
                unknownActionStep = step.index();
            }
            String entry = what + " (step " + step.label() + ")";
            if (!unknownActions.contains(entry)) {
                unknownActions.add(entry);
            }
        }

        /** {@code uses: ./path}: a local composite action's steps run here, with its inputs; findings point into its file. */
        private void composite(Workflow.Step raw, Workflow.Step step, String uses) throws WorkflowException {
            String dir = uses.substring(2).replaceFirst("/$", "");
            Path base = options.repoRoot().resolve(dir).normalize();
            Path file = Files.isRegularFile(base.resolve("action.yml")) ? base.resolve("action.yml") : base.resolve("action.yaml");
            if (!Files.isRegularFile(file)) {
                notFollowed(step, uses + " (not in the repository)");
                return;
            }
            String display = options.repoRoot().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
            filesRead.add(file.toAbsolutePath().normalize());
            Optional<CompositeAction> action = WorkflowParser.compositeAction(YamlDocument.readText(file, display), display);
            if (action.isEmpty()) {
                notFollowed(step, uses);
                return;
            }
            Map<String, Value> given = new LinkedHashMap<>();
            step.with().forEach((k, v) -> given.put(k, new Value.Str(v.value())));
            String outerFile = currentFile;
            Value outerInputs = currentInputs;
            Map<String, Value> outerSteps = stepOutputs;
            currentFile = display;
            currentInputs = inputsValue(action.get().inputs(), given);
            stepOutputs = new LinkedHashMap<>();
            try {
                for (Workflow.Step inner : action.get().steps()) {
                    Expressions.Outcome outcome = Expressions.condition(inner.condition(), contexts(inner.env()), path);
                    if (Boolean.FALSE.equals(outcome.runs())) {
                        continue;
                    }
                    // Findings name the caller's step (its index is what a fix edits), at the composite's own line.
                    Workflow.Step located = new Workflow.Step(raw.index(), inner.line(), step.label() + " › " + inner.label(), inner.id(),
                            inner.uses(), inner.with(), inner.env(), inner.run(), inner.runLine(), inner.layout(), inner.condition(),
                            inner.workingDirectory());
                    Workflow.Step evaluated = evaluate(located);
                    Map<String, String> env = new LinkedHashMap<>(jobEnv);
                    env.putAll(evaluated.env());
                    if (evaluated.uses() != null) {
                        action(located, evaluated, env);
                    } else if (evaluated.run() != null) {
                        script(evaluated, env);
                    }
                }
                Map<String, Value> compositeOutputs = new LinkedHashMap<>();
                action.get().outputs().forEach((name, text) -> compositeOutputs.put(name,
                        Expressions.interpolate(text, contexts(Map.of()), path).value()));
                if (raw.id() != null) {
                    outerSteps.put(raw.id(), stepValue(raw.id(), compositeOutputs));
                }
            } finally {
                currentFile = outerFile;
                currentInputs = outerInputs;
                stepOutputs = outerSteps;
            }
        }

        /** A step's entry in the steps context: its outputs (open: one not followed is unknown), and success. */
        private Value stepValue(String id, Map<String, Value> outputs) {
            return new Value.Obj(Map.of("outputs", new Value.Obj(outputs, "steps." + id + ".outputs"), "outcome", new Value.Str("success"),
                    "conclusion", new Value.Str("success")));
        }

        /** A step ran: its outputs are unknown until something sets them. */
        private void ran(Workflow.Step step) {
            if (step.id() != null && !stepOutputs.containsKey(step.id())) {
                stepOutputs.put(step.id(), stepValue(step.id(), Map.of()));
            }
        }

        private void setOutput(Workflow.Step step, String name, Value value) {
            if (step.id() == null) {
                return;
            }
            Value current = stepOutputs.get(step.id());
            Map<String, Value> outputs = new LinkedHashMap<>();
            if (current instanceof Value.Obj object && object.get("outputs") instanceof Value.Obj existing) {
                outputs.putAll(existing.fields());
            }
            outputs.put(name, value);
            stepOutputs.put(step.id(), stepValue(step.id(), outputs));
        }

        private void setupBuildx(Workflow.Step step, int major) {
            if (major >= 4) {
                for (String removed : List.of("config-inline", "config", "install")) {
                    Workflow.Input input = step.with().get(removed);
                    if (input != null) {
                        String replacement = switch (removed) {
                            case "config" -> "use 'buildkitd-config'";
                            case "config-inline" -> "use 'buildkitd-config-inline'";
                            default -> "run 'docker buildx install' in a step after it";
                        };
                        add(FindingKind.ACTION_INPUT_REMOVED, step, input.line(),
                                "setup-buildx-action@v" + major + " no longer accepts '" + removed + "': " + replacement,
                                "The input was removed in v4.0.0. The runner only prints a warning about an unexpected input, so "
                                        + "what it did is silently lost" + (removed.equals("install")
                                        ? ": docker build is no longer sent to the builder this step makes."
                                        : " (for example the configuration of a plain-HTTP registry)."),
                                subject(step, "").withInput(removed));
                    }
                }
            }
            String driver = step.input("driver") == null || step.input("driver").isBlank() ? "docker-container" : step.input("driver").trim();
            boolean use = step.input("use") == null || ActionInputs.truthy(step.input("use"));
            String name;
            if (driver.equals("docker")) {
                name = state.context;
            } else {
                boolean named = step.input("name") != null && !step.input("name").isBlank();
                name = named ? step.input("name").trim()
                        : "builder-" + (step.id() != null ? step.id() : "step" + (step.index() + 1));
                // The real action names it builder-<uuid>: people read which step made it, not a name made up here.
                String madeBy = named ? "" : "set up in step " + (step.index() + 1) + " ("
                        + (step.uses() == null ? "docker/setup-buildx-action" : step.uses().replaceFirst("@.*$", "")) + ")";
                Map<String, String> opts = new LinkedHashMap<>();
                for (String opt : ActionInputs.list(step.input("driver-opts"), true)) {
                    int equals = opt.indexOf('=');
                    if (equals > 0) {
                        opts.put(opt.substring(0, equals).trim(), opt.substring(equals + 1).trim());
                    }
                }
                state.builders.put(name, new RunnerState.SimBuilder(name, driver, opts, madeBy));
            }
            state.builderSteps.put(name, step.index());
            if (use) {
                state.current = name;
            }
            if (major < 4 && ActionInputs.truthy(step.input("install"))) {
                // install: true makes docker build a docker buildx build on the current builder (buildx-facts §9.1).
                state.builderAlias = true;
            }
            if (step.id() != null) {
                builderByStepId.put(step.id(), name);
                setOutput(step, "name", new Value.Str(name));
                setOutput(step, "driver", new Value.Str(driver));
            }
        }

        /**
         * docker/metadata-action's tags: each image of {@code images} with each tag its rules give for this event; values
         * a real run would take from the ref or the commit have their placeholders.
         */
        private void metadata(Workflow.Step step) {
            List<String> images = ActionInputs.list(step.input("images"), true);
            List<String> rules = ActionInputs.list(step.input("tags"), false);
            if (rules.isEmpty()) {
                rules = List.of("type=schedule", "type=ref,event=branch", "type=ref,event=tag", "type=ref,event=pr");
            }
            List<String> tags = new ArrayList<>();
            for (String rule : rules) {
                Map<String, String> attributes = new LinkedHashMap<>();
                for (String part : rule.split(",")) {
                    int equals = part.indexOf('=');
                    if (equals > 0) {
                        attributes.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
                    }
                }
                String type = attributes.getOrDefault("type", "");
                String tag = switch (type) {
                    case "raw" -> attributes.getOrDefault("value", "");
                    case "sha" -> attributes.getOrDefault("prefix", "sha-") + "0123456";
                    case "ref" -> switch (attributes.getOrDefault("event", "")) {
                        case "branch" -> event.equals("push") || event.equals("workflow_dispatch") ? "main" : "";
                        case "pr" -> event.startsWith("pull_request") ? "pr-1" : "";
                        default -> "";
                    };
                    case "edge" -> event.equals("push") ? attributes.getOrDefault("branch", "edge") : "";
                    default -> "";
                };
                if (!tag.isEmpty() && !"false".equals(attributes.get("enable"))) {
                    images.forEach(image -> tags.add(image.toLowerCase(Locale.ROOT) + ":" + tag));
                }
            }
            setOutput(step, "tags", new Value.Str(String.join("\n", tags)));
            setOutput(step, "json", new Value.Str("{\"tags\": [" + String.join(", ", tags.stream()
                    .map(t -> "\"" + t.replace("\"", "") + "\"").toList()) + "], \"labels\": {}}"));
            setOutput(step, "labels", new Value.Unknown("steps." + step.id() + ".outputs.labels", ""));
            setOutput(step, "version", Value.Unknown.placeholder("steps." + step.id() + ".outputs.version", "main"));
        }

        /** docker/setup-docker-action: a new dockerd with its own data and context, the containerd store if daemon-config asks. */
        private void setupDocker(Workflow.Step step) {
            String config = Optional.ofNullable(step.input("daemon-config")).orElse("");
            ImageStoreKind store = config.matches("(?s).*\"containerd-snapshotter\"\\s*:\\s*true.*") ? ImageStoreKind.CONTAINERD
                    : ImageStoreKind.CLASSIC;
            String context = Optional.ofNullable(step.input("context")).filter(c -> !c.isBlank()).orElse("setup-docker-action");
            state.newDaemon(context, store);
            assumptions.add("job " + simulation.id + ": step " + step.label() + " starts a new dockerd (context " + context + ", "
                    + store.label() + " image store): images loaded before it are not in it");
        }

        /**
         * A kind action's registry ({@code docker run -d --restart=always -p PORT:5000 --name NAME registry:2}, and
         * {@code 127.0.0.1 NAME} in the runner's /etc/hosts). container-tools/kind-action starts one unless
         * {@code registry} is not true and exports {@code KIND_REGISTRY=NAME:PORT}; helm/kind-action starts one only
         * with {@code registry: true} and writes {@code LOCAL_REGISTRY=NAME:PORT} to its step outputs (its
         * registry.sh). Both default to kind-registry and 5000.
         */
        private void kindRegistry(Workflow.Step step, boolean starts, boolean stepOutput) {
            if (!starts) {
                return;
            }
            String port = Optional.ofNullable(step.input("registry_port")).map(String::trim).filter(p -> p.matches("\\d+")).orElse("5000");
            String name = Optional.ofNullable(step.input("registry_name")).map(String::trim).filter(n -> !n.isEmpty()).orElse("kind-registry");
            state.registryServices.put("localhost:" + port, new RunnerState.RegistryContainer("kind registry (" + step.label() + ")", true));
            if (stepOutput) {
                setOutput(step, "LOCAL_REGISTRY", new Value.Str(name + ":" + port));
            } else {
                jobEnv.put("KIND_REGISTRY", name + ":" + port);
            }
        }

        private void upload(Workflow.Step step) {
            String name = step.input("name") == null ? "artifact" : step.input("name").trim();
            boolean archive = step.input("archive") == null || ActionInputs.truthy(step.input("archive"));
            Map<String, Set<String>> content = artifacts.computeIfAbsent(name, n -> new LinkedHashMap<>());
            for (String path : ActionInputs.list(step.input("path"), false)) {
                String normalized = stripSlash(path);
                state.files.forEach((file, tags) -> {
                    if (file.equals(normalized) || file.startsWith(normalized + "/")) {
                        content.put(basename(file), tags);
                    }
                });
                if (!archive) {
                    // archive: false uploads one file as an artifact named after it.
                    Set<String> tags = state.files.get(normalized);
                    if (tags != null) {
                        artifacts.computeIfAbsent(basename(normalized), n -> new LinkedHashMap<>()).put(basename(normalized), tags);
                    }
                }
            }
        }

        /** A GitLab job's {@code artifacts: paths}: the files under them, by their path in the project. */
        private void keepArtifacts(Workflow.Step step) {
            Map<String, Set<String>> content = artifacts.computeIfAbsent("gitlab:" + step.input("name"), n -> new LinkedHashMap<>());
            for (String path : ActionInputs.list(step.input("path"), false)) {
                String normalized = projectPath(path);
                state.files.forEach((file, tags) -> {
                    String relative = projectPath(file);
                    if (relative.equals(normalized) || relative.startsWith(normalized + "/")) {
                        content.put(relative, tags);
                    }
                });
            }
        }

        /** A later GitLab job gets an earlier job's artifacts at the same paths. */
        private void takeArtifacts(Workflow.Step step) {
            Map<String, Set<String>> content = artifacts.get("gitlab:" + step.input("name"));
            if (content != null) {
                content.forEach((file, tags) -> {
                    state.files.put(file, tags);
                    state.files.put(GITLAB_PROJECT_DIR + file, tags);
                });
            }
        }

        /** A path as GitLab's artifacts name it: relative to the project directory. */
        private static String projectPath(String path) {
            String relative = stripSlash(path.trim());
            if (relative.startsWith(GITLAB_PROJECT_DIR)) {
                relative = relative.substring(GITLAB_PROJECT_DIR.length());
            }
            return relative.startsWith("./") ? relative.substring(2) : relative;
        }

        private void download(Workflow.Step step) {
            String dir = step.input("path") == null ? "." : stripSlash(step.input("path").trim());
            String name = step.input("name");
            String pattern = step.input("pattern");
            boolean merge = ActionInputs.truthy(step.input("merge-multiple"));
            artifacts.forEach((artifact, content) -> {
                boolean named = name != null && !name.isBlank();
                boolean matches = named ? name.trim().equals(artifact) : pattern == null || glob(pattern.trim()).matcher(artifact).matches();
                if (matches) {
                    // Downloaded by name, or merged: into the folder; else each artifact into a folder of its own name.
                    String into = named || merge ? dir : dir + "/" + artifact;
                    content.forEach((file, tags) -> state.files.put(into + "/" + file, tags));
                }
            });
        }

        // ---- run: scripts ----

        private void script(Workflow.Step step, Map<String, String> env) throws WorkflowException {
            Map<String, String> scriptEnv = new LinkedHashMap<>(env);
            String run = step.run();
            if (run.contains("daemon.json")) {
                if (run.matches("(?s).*\"containerd-snapshotter\"\\s*:\\s*true.*")) {
                    state.pendingStore = ImageStoreKind.CONTAINERD;
                } else if (run.matches("(?s).*\"containerd-snapshotter\"\\s*:\\s*false.*")) {
                    state.pendingStore = ImageStoreKind.CLASSIC;
                }
            }
            // What a pipe carries: the images a docker save writes to it, or the file a decompressor reads into it.
            Set<String> pipedImages = null;
            String pipedFile = null;
            for (ShellCommand command : ShellScript.parse(run, step.runLine(), env)) {
                if (command.words().isEmpty() || command.is("export")) {
                    scriptEnv.putAll(command.assignments());
                    continue;
                }
                List<String> words = new ArrayList<>(command.words());
                while (!words.isEmpty() && (words.get(0).equals("sudo") || words.get(0).equals("-E"))) {
                    words.remove(0);
                }
                if (words.isEmpty()) {
                    continue;
                }
                if (!command.pipedIn()) {
                    pipedImages = null;
                    pipedFile = null;
                }
                boolean dockerCommand = words.get(0).equals("docker") && words.size() > 1;
                if (command.pipedIn() && pipedImages != null && !dockerCommand) {
                    // docker save IMAGE | zstd > FILE: the file holds the image.
                    int redirect = words.lastIndexOf(">");
                    if (redirect >= 0 && redirect + 1 < words.size()) {
                        state.files.put(stripSlash(words.get(redirect + 1)), pipedImages);
                        pipedImages = null;
                    }
                    continue;
                }
                if (command.pipedIn() && pipedFile != null && dockerCommand && words.get(1).equals("load")
                        && DockerCommand.parse(words.subList(1, words.size()), env) instanceof DockerCommand.Load l && l.file().isEmpty()) {
                    // zstd -d --stdout FILE | docker load: the file is what is loaded.
                    load(pipedFile);
                    pipedFile = null;
                    continue;
                }
                if (command.pipedOut() && !dockerCommand) {
                    pipedFile = words.stream().skip(1).filter(w -> !w.startsWith("-") && !w.equals("<") && !w.equals(">"))
                            .reduce((a, b) -> b).map(WorkflowSimulator::stripSlash).orElse(null);
                    if (words.contains("<")) {
                        pipedFile = stripSlash(words.get(words.indexOf("<") + 1 < words.size() ? words.indexOf("<") + 1 : 0));
                    }
                    continue;
                }
                if (command.pipedOut() && dockerCommand
                        && DockerCommand.parse(words.subList(1, words.size()), env) instanceof DockerCommand.Save save && save.file().isEmpty()) {
                    pipedImages = new LinkedHashSet<>();
                    for (String image : save.images()) {
                        ImageReference reference = ImageReference.parseOrNull(image);
                        if (reference != null) {
                            pipedImages.add(reference.normalized());
                        }
                    }
                    continue;
                }
                if (words.get(0).equals("echo") && words.size() > 1 && (String.join(" ", words).contains("GITHUB_ENV")
                        || String.join(" ", words).contains("GITHUB_OUTPUT"))) {
                    // echo "NAME=value" >> $GITHUB_ENV (or $GITHUB_OUTPUT) sets it for the following steps.
                    int equals = words.get(1).indexOf('=');
                    if (equals > 0) {
                        String key = words.get(1).substring(0, equals);
                        String value = words.get(1).substring(equals + 1);
                        if (value.contains("$(") || value.contains("`") || value.contains("$")) {
                            // The value comes from a command or a variable the simulation does not run: unknown.
                            value = "${{ " + (String.join(" ", words).contains("GITHUB_ENV") ? "env." : "steps." + step.id() + ".outputs.") + key + " }}";
                        }
                        if (String.join(" ", words).contains("GITHUB_ENV")) {
                            jobEnv.put(key, value);
                        } else {
                            setOutput(step, key, new Value.Str(value));
                        }
                    }
                    continue;
                }
                if (restartsDocker(words)) {
                    state.restartDaemon("step " + step.label());
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

        /**
         * The Docker connection is TLS from the environment (DOCKER_HOST with DOCKER_TLS_VERIFY or DOCKER_CERT_PATH, as
         * the docker image's entrypoint sets them for GitLab's docker:dind with DOCKER_TLS_CERTDIR).
         */
        private static boolean tlsFromEnvironment(Map<String, String> env) {
            String host = env.getOrDefault("DOCKER_HOST", "");
            boolean verify = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty() && !env.get("DOCKER_TLS_VERIFY").equals("0");
            return host.startsWith("tcp://") && (verify || !env.getOrDefault("DOCKER_CERT_PATH", "").isEmpty());
        }

        private boolean restartsDocker(List<String> words) {
            String line = String.join(" ", words);
            return line.matches("systemctl (re)?start docker(\\.service)?.*") || line.matches("service docker (re)?start.*")
                    || line.matches("/etc/init\\.d/docker (re)?start.*");
        }

        private void docker(Workflow.Step step, Map<String, String> env, DockerCommand command, int line) throws WorkflowException {
            if (command instanceof DockerCommand.Build b && b.buildx()) {
                build(step, env, b.spec(), line, "docker buildx build", false);
            } else if (command instanceof DockerCommand.Build b) {
                BuildRouting.Route route = BuildRouting.route(false, b.spec().builder(), env, state.builderAlias, state.current, state.context);
                build(step, env, b.spec().toBuilder().builder(route.builder()).build(), line,
                        route.legacy() ? "docker build (legacy builder)" : "docker build", false);
            } else if (command instanceof DockerCommand.ContextCreate context) {
                state.contexts.add(context.name());
            } else if (command instanceof DockerCommand.BuildxCreate create) {
                if (create.endpoint().isEmpty() && tlsFromEnvironment(env)) {
                    add(FindingKind.BUILDX_CREATE_TLS_ENV, step, line, "docker buildx create fails: the Docker connection is TLS set up "
                                    + "from the environment (DOCKER_HOST " + env.get("DOCKER_HOST") + ")",
                            "buildx builds a builder on a Docker context, and will not make one from DOCKER_HOST, DOCKER_TLS_VERIFY and "
                                    + "DOCKER_CERT_PATH: it stops with 'could not create a builder instance with TLS data loaded from "
                                    + "environment. Please use `docker context create <context-name>` to create a context for current "
                                    + "environment and then create a builder instance with context set to <context-name>' (older "
                                    + "versions: '… with `docker buildx create <context-name>`'). The job ends there.",
                            subject(step, ""));
                    ended = true;
                    return;
                }
                String name = create.name().isEmpty() ? "builder-step" + (step.index() + 1) : create.name();
                // Without --name buildx makes a name up; people read which step created it.
                String madeBy = create.name().isEmpty() ? "created in step " + (step.index() + 1) + " (docker buildx create)" : "";
                state.builders.put(name, new RunnerState.SimBuilder(name, create.driver(), create.driverOpts(), madeBy, create.config()));
                if (create.use()) {
                    state.current = name;
                }
            } else if (command instanceof DockerCommand.BuildxUse use) {
                state.current = use.name();
            } else if (command instanceof DockerCommand.BuildxInstall) {
                state.builderAlias = true;
            } else if (command instanceof DockerCommand.Bake bake) {
                bakeRun(step, env, bake.files(), bake.targets(), bake.sets(), bake.builder(), line, "docker buildx bake", false,
                        scriptDirectory(step));
            } else if (command instanceof DockerCommand.ComposeBuild compose) {
                composeRun(step, env, compose, line);
            } else if (command instanceof DockerCommand.Load load) {
                load(load.file());
            } else if (command instanceof DockerCommand.Save save) {
                save(save);
            } else if (command instanceof DockerCommand.Pull pull) {
                state.addToDaemon(pull.image(), "docker pull", true);
            } else if (command instanceof DockerCommand.Tag tag) {
                use(step, tag.source(), line, "docker tag");
                state.addToDaemon(tag.target(), "docker tag " + tag.source().familiar(), false);
            } else if (command instanceof DockerCommand.Push push) {
                use(step, push.image(), line, "docker push");
                pushFromDaemon(step, push.image(), line);
            } else if (command instanceof DockerCommand.Run run) {
                use(step, run.image(), line, "docker " + run.verb());
                if (Container.isRegistryImage(run.image().familiar())) {
                    boolean always = run.restart().equals("always") || run.restart().equals("unless-stopped");
                    for (String publish : run.publishes()) {
                        String port = hostPortOf(publish);
                        if (port != null) {
                            state.registryServices.put("localhost:" + port, new RunnerState.RegistryContainer("docker run registry", always));
                        }
                    }
                }
            }
            // Other commands (ls, inspect, imagetools, prune, login …) change nothing a build reads here.
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
            buildIn(step, env, spec, line, how, fromAction, null, null);
        }

        /**
         * A build, its Dockerfile read from {@code base} ({@code null}: the step's working directory in the repository)
         * or given as {@code inline} text; returns its analysis, or null when the Dockerfile could not be read.
         */
        private DockerfileAnalysis buildIn(Workflow.Step step, Map<String, String> env, BuildSpec spec, int line, String how, boolean fromAction,
                                           Path baseDirectory, String inline) throws WorkflowException {
            String builderName = resolveBuilder(spec.builder(), env);
            if (!state.builders.containsKey(builderName)) {
                info(step, line, "builder " + builderName, how + " uses builder '" + builderName + "', which no earlier step creates: not analysed");
                return null;
            }
            // A run: build's context is relative to the step's working directory.
            String workingDirectory = fromAction ? "" : firstNonEmpty(step.workingDirectory(), job.workingDirectory(),
                    simulation.file.workingDirectory());
            if (Expressions.hasExpression(workingDirectory) || spec.contextDir().contains("://")) {
                info(step, line, how, how + ": the build context is a URL or depends on an unknown value (" + spec.contextDir() + "): not analysed");
                return null;
            }
            Path repo = options.repoRoot();
            Path base = baseDirectory != null ? baseDirectory : repo.resolve(workingDirectory);
            if (inline != null) {
                DockerfileAnalysis analysis;
                try {
                    analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(inline, how), spec.dockerfileInputs());
                } catch (DockerfileException e) {
                    info(step, line, how, how + ": its inline Dockerfile: " + e.getMessage() + ": its images are not analysed");
                    buildLevelOnly(step, spec, builderName, line, how, fromAction);
                    return null;
                }
                diagnose(step, spec, builderName, line, how, fromAction, analysis, how);
                return analysis;
            }
            String dockerfile = spec.dockerfile();
            if (Expressions.hasExpression(spec.contextDir()) || Expressions.hasExpression(dockerfile) || dockerfile.equals("-")) {
                buildLevelOnly(step, spec, builderName, line, how, fromAction);
                return null;
            }
            // -f (file:) is relative to the current directory, not to the context; without it, CONTEXT/Dockerfile.
            Path dockerfilePath = dockerfile.isEmpty() ? base.resolve(spec.contextDir()).resolve("Dockerfile").normalize()
                    : base.resolve(dockerfile).normalize();
            String display = repo.toAbsolutePath().normalize().relativize(dockerfilePath.toAbsolutePath().normalize()).toString();
            if (!Files.exists(dockerfilePath)) {
                info(step, line, display, how + ": " + display + " is not in the repository (" + repo + "): not analysed");
                buildLevelOnly(step, spec, builderName, line, how, fromAction);
                return null;
            }
            filesRead.add(dockerfilePath.toAbsolutePath().normalize());
            DockerfileAnalysis analysis;
            try {
                analysis = DockerfileAnalyzer.analyze(parsed(dockerfilePath, display), spec.dockerfileInputs());
            } catch (DockerfileException e) {
                if (Expressions.hasExpression(e.getMessage()) || e.getMessage().startsWith(display + ": ")) {
                    // Not a Dockerfile the simulation can read (a folder, not UTF-8…): the rest of the build is still judged.
                    info(step, line, display, how + ": " + e.getMessage() + ": its images are not analysed");
                    buildLevelOnly(step, spec, builderName, line, how, fromAction);
                    return null;
                }
                throw new WorkflowException(currentFile, line, "job " + simulation.id + ", step " + step.label() + ": " + e.getMessage());
            }
            diagnose(step, spec, builderName, line, how, fromAction, analysis, display);
            return analysis;
        }

        // ---- projects: bake and compose ----

        /** The folder a run: step works in: its working-directory (or the job's, or the workflow's), in the repository. */
        private Path scriptDirectory(Workflow.Step step) {
            return options.repoRoot().resolve(firstNonEmpty(step.workingDirectory(), job.workingDirectory(), simulation.file.workingDirectory()));
        }

        /**
         * docker/bake-action: files, targets, set, load and push as bake takes them (load and push are the sets bake makes
         * of --load and --push), on its builder input or the current builder, in the repository (workdir, before v6).
         */
        private void bakeAction(Workflow.Step step, Map<String, String> env) throws WorkflowException {
            List<String> sets = new ArrayList<>(ActionInputs.list(step.input("set"), false));
            if (ActionInputs.truthy(step.input("load"))) {
                sets.add("*.output=type=docker");
            }
            if (ActionInputs.truthy(step.input("push"))) {
                sets.add("*.push=true");
            }
            Path directory = options.repoRoot().resolve(Optional.ofNullable(step.input("workdir")).map(String::trim).orElse("."));
            bakeRun(step, env, ActionInputs.list(step.input("files"), true), ActionInputs.list(step.input("targets"), true), sets,
                    Optional.ofNullable(step.input("builder")).orElse(""), step.line(), "bake-action", true, directory);
        }

        /** A bake run: every target it resolves is a build; then the links between them (ProjectLinks). */
        private void bakeRun(Workflow.Step step, Map<String, String> env, List<String> files, List<String> targets, List<String> sets,
                             String builder, int line, String how, boolean fromAction, Path directory) throws WorkflowException {
            if (files.stream().anyMatch(Expressions::hasExpression) || sets.stream().anyMatch(Expressions::hasExpression)) {
                info(step, line, how, how + ": its files or sets depend on values the simulation cannot know: not analysed");
                return;
            }
            BakeResolution resolution;
            try {
                BakeDefinition definition = new BakeReader(new ComposeBakeTranslator(directory)).read(directory, files, BakeOptions.of(env));
                resolution = definition.resolve(targets, sets);
            } catch (BakeException e) {
                info(step, line, how, how + ": " + e.getMessage() + ": not analysed");
                return;
            }
            List<ProjectLinks.Member> members = new ArrayList<>();
            RunnerState before = state;
            List<RunnerState> results = new ArrayList<>();
            for (BakeBuild build : resolution.builds()) {
                // Bake builds its targets in parallel: each sees the runner as it was before the run.
                state = before.copy();
                BuildSpec spec = build.spec().toBuilder().builder(builder).build();
                String unitHow = how + " target " + build.target().name();
                DockerfileAnalysis analysis = buildIn(step, env, spec, line, unitHow, fromAction, directory, build.dockerfileInline().orElse(null));
                member(step, env, spec, analysis, BuildUnit.target(build.target().name()), line).ifPresent(members::add);
                results.add(state);
            }
            state = before;
            results.forEach(state::absorb);
            links(step, line, members);
        }

        /** docker compose build (or up): every service with a build, on the current builder, in parallel. */
        private void composeRun(Workflow.Step step, Map<String, String> env, DockerCommand.ComposeBuild compose, int line) throws WorkflowException {
            Path directory = scriptDirectory(step);
            List<Path> files = compose.files().isEmpty() ? ComposeReader.defaultFiles(directory)
                    : compose.files().stream().map(directory::resolve).toList();
            if (files.isEmpty()) {
                info(step, line, "docker compose", "docker compose: no compose file in " + options.repoRoot().relativize(directory) + ": not analysed");
                return;
            }
            ComposeProject project;
            try {
                ComposeRequest request = ComposeRequest.of(files).withEnvironment(env).withServices(compose.services());
                if (!compose.projectDirectory().isEmpty()) {
                    request = request.withProjectDirectory(directory.resolve(compose.projectDirectory()));
                }
                project = ComposeReader.read(request);
            } catch (ComposeException e) {
                info(step, line, "docker compose", "docker compose: " + e.getMessage() + ": not analysed");
                return;
            }
            List<ProjectLinks.Member> members = new ArrayList<>();
            RunnerState before = state;
            List<RunnerState> results = new ArrayList<>();
            for (ComposeService service : project.buildableServices()) {
                if (!compose.services().isEmpty() && !compose.services().contains(service.name())) {
                    continue;
                }
                // Compose builds its services in parallel: each sees the runner as it was before.
                state = before.copy();
                BuildSection section = service.build().orElseThrow();
                BuildSpec spec = service.buildSpec().orElseThrow();
                String unitHow = "docker compose service " + service.name();
                DockerfileAnalysis analysis = buildIn(step, env, spec, line, unitHow, false, project.projectDirectory(),
                        section.inlineDockerfile() ? section.dockerfileInline() : null);
                member(step, env, spec, analysis, BuildUnit.service(service.name()), line).ifPresent(members::add);
                results.add(state);
            }
            state = before;
            results.forEach(state::absorb);
            links(step, line, members);
        }

        private Optional<ProjectLinks.Member> member(Workflow.Step step, Map<String, String> env, BuildSpec spec, DockerfileAnalysis analysis,
                                                     BuildUnit unit, int line) {
            String builderName = resolveBuilder(spec.builder(), env);
            RunnerState.SimBuilder builder = state.builders.get(builderName);
            if (analysis == null || builder == null) {
                return Optional.empty();
            }
            List<ImageReference> produces = spec.tags().stream().map(ImageReference::parseOrNull).filter(java.util.Objects::nonNull).toList();
            Map<String, String> contexts = new LinkedHashMap<>();
            spec.contexts().forEach(c -> contexts.put(c.name(), c.value()));
            return Optional.of(new ProjectLinks.Member(unit, new BuildSite(currentFile, line, simulation.id, step.index(), step.label(), unit),
                    analysis, produces, contexts, builderName, builder.driver().equals(VisibilityRules.DOCKER)));
        }

        /** The links the run's builds lack, as findings of this step. */
        private void links(Workflow.Step step, int line, List<ProjectLinks.Member> members) {
            for (ProjectLinks.Link link : ProjectLinks.missing(members)) {
                Finding finding = ProjectLinks.finding(link);
                record(finding.locatedAt(currentFile, line, step.label(), finding.message(), finding.subject().inStep(simulation.id, step.index())));
            }
        }

        /**
         * A build whose Dockerfile is not known (an expression, a file outside the repository): the checks that need
         * no Dockerfile still run (several platforms, cache export and exporters on the docker driver).
         */
        private void buildLevelOnly(Workflow.Step step, BuildSpec spec, String builderName, int line, String how, boolean fromAction)
                throws WorkflowException {
            DockerfileAnalysis empty = new DockerfileAnalysis(spec.dockerfile(), List.of(), "", List.of(), List.of(), List.of());
            diagnose(step, spec, builderName, line, how, fromAction, empty, spec.dockerfile());
        }

        private void diagnose(Workflow.Step step, BuildSpec spec, String builderName, int line, String how, boolean fromAction,
                              DockerfileAnalysis analysis, String display) {
            Set<String> flagged = new HashSet<>();
            for (ImageNeed need : analysis.images()) {
                if (need.reference() != null && serviceRegistryUnreachable(step, need.reference(), builderName, line, "pull")) {
                    flagged.add(need.reference().normalized());
                    continue;
                }
                if (need.unresolved() && need.knownRepository().isPresent()) {
                    otherJobsRepository(step, need.knownRepository().get(), need.raw(), line);
                }
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
            builds.add(new SimulatedBuild(simulation.id, step.index(), line, builderName, simBuilder.driver(),
                    state.builderSteps.getOrDefault(builderName, -1), spec, display, analysis, daemonSteps,
                    fromAction && currentFile.equals(simulation.file.file()), state.imageStore, simBuilder.inWords()));

            Snapshot snapshot = state.snapshot();
            BuildRequest request = new BuildRequest(analysis, spec.toBuilder().builder(builderName).build(),
                    BuildSite.step(currentFile, line, simulation.id, step.index(), step.label()));
            BuildDiagnoser.Result result;
            try {
                result = BuildDiagnoser.diagnose(snapshot, request);
            } catch (UnknownBuilderException e) {
                throw new IllegalStateException("the simulated runner always has the builder it selected", e);
            }
            for (Finding finding : result.findings()) {
                boolean inDockerfile = !finding.file().equals(currentFile);
                Finding located = finding.locatedAt(currentFile, line, step.label(),
                        finding.message() + (inDockerfile ? " (" + finding.file() + ":" + finding.line() + ")" : ""), finding.subject());
                record(storeDependent(located));
            }
            List<ImageCheck> images = result.check().images().stream()
                    .map(c -> flagged.contains(c.normalized())
                            ? new ImageCheck(c.ref(), c.normalized(), c.instruction(), c.file(), c.line(), c.stage(), c.foundIn(), false) : c)
                    .toList();
            checks.add(result.check().withImages(images));
            effects(step, spec, builderName, snapshot, line);
        }

        /** A builder of this runner in a sentence: "builder ci", or "the builder set up in step 4 (…)". */
        private String displayName(String builderName) {
            RunnerState.SimBuilder builder = state.builders.get(builderName);
            return builder == null ? "builder " + builderName : builder.inWords();
        }

        /** On an engine whose image store is unknown, what holds only with the classic store is a warning that says so. */
        private Finding storeDependent(Finding finding) {
            if (!storeUnknown || !finding.kind().dependsOnImageStore() || finding.severity() != Severity.ERROR) {
                return finding;
            }
            return new Finding(finding.kind(), Severity.WARNING, finding.message() + " (if the runner's engine uses the classic image "
                    + "store: runs-on " + String.join(", ", job.runsOn()) + " does not say)", finding.explanation(), finding.file(),
                    finding.line(), finding.step(), finding.subject());
        }

        /** What a build leaves behind: tags in the daemon, pushed tags, tarballs, or results stuck in the builder's cache. */
        private void effects(Workflow.Step step, BuildSpec spec, String builderName, Snapshot snapshot, int line) {
            RunnerState.SimBuilder builder = state.builders.get(builderName);
            List<ImageReference> tags = spec.tags().stream().map(ImageReference::parseOrNull).filter(java.util.Objects::nonNull).toList();
            boolean exported = false;
            boolean push = spec.push();
            boolean load = spec.load() || spec.exports().stream().anyMatch(ExportSpec::loadsIntoDaemon);
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
                producedInJob.putIfAbsent(tag.normalized(), new ImageOrigin(simulation.id, step.index()));
                producedRepositories.putIfAbsent(tag.name(), new ImageOrigin(simulation.id, step.index()));
                if (push) {
                    pushFromBuilder(step, tag, builderName, snapshot, line);
                }
                if (!load && !push && !exported) {
                    state.unloaded.put(tag.normalized(), new RunnerState.Unloaded(step.label(), line, builderName, step.index()));
                }
            }
        }

        private void pushFromBuilder(Workflow.Step step, ImageReference tag, String builderName, Snapshot snapshot, int line) {
            if (serviceRegistryUnreachable(step, tag, builderName, line, "push")) {
                return;
            }
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
                        displayName(builderName) + " cannot reach " + tag.domain() + " to push " + tag.familiar(),
                        "The registry publishes its port on the runner, but BuildKit runs in its own container whose "
                                + "localhost is the container itself. setup-buildx-action needs 'driver-opts: network=host' for "
                                + "the builder to reach " + tag.domain() + ".", subject(step, builderName).withImage(tag.familiar()));
                return;
            }
            state.recordPush(tag);
        }

        private void pushFromDaemon(Workflow.Step step, ImageReference tag, int line) {
            daemonUsesServiceRegistry(tag);
            if (!RegistryHosts.isLoopback(tag.domain())) {
                pushedRemote.add(tag.normalized());
            } else if (!state.registryServices.containsKey(tag.domain())) {
                registryMissing(step, tag, line);
            } else {
                state.recordPush(tag);
            }
        }

        /**
         * A registry the job reaches by a GitLab service name, used by a BuildKit container inside docker:dind, which
         * is on dind's own network and does not know the job's service names (buildx-facts §9.5). True when reported.
         */
        private boolean serviceRegistryUnreachable(Workflow.Step step, ImageReference image, String builderName, int line, String what) {
            String service = state.jobNetworkRegistries.get(image.domain());
            RunnerState.SimBuilder builder = state.builders.get(builderName);
            if (service == null || builder == null || builder.driver().equals(VisibilityRules.DOCKER)) {
                if (service != null) {
                    daemonUsesServiceRegistry(image);
                }
                return false;
            }
            boolean hostNetwork = "host".equals(builder.driverOpts().get("network"));
            boolean oneNetwork = networkPerBuild();
            String why;
            if (!hostNetwork) {
                why = "Builder " + builderName + " is a BuildKit container that docker buildx create started inside docker:dind: it is on "
                        + "dind's network, where the service's name does not resolve, so the " + what + " fails (a DNS or "
                        + "connection error).";
            } else if (!oneNetwork) {
                why = "Builder " + builderName + " shares docker:dind's network (network=host), but dind itself knows the service's name "
                        + "only when the runner puts the job's services on one network (FF_NETWORK_PER_BUILD); with the default "
                        + "links only the job's own container is linked to the services, so the " + what + " fails (a DNS error).";
            } else if (builder.config().isEmpty()) {
                why = "Builder " + builderName + " reaches the service on dind's network (network=host, FF_NETWORK_PER_BUILD), but "
                        + "registry:2 answers plain HTTP, and BuildKit speaks HTTPS to every registry but localhost unless its "
                        + "buildkitd.toml says [registry.\"" + image.domain() + "\"] http = true (given with docker buildx create "
                        + "--config): the " + what + " fails ('server gave HTTP response to HTTPS client').";
            } else {
                assumptions.add("job " + simulation.id + ": builder " + builderName + " reaches " + image.domain() + " on docker:dind's "
                        + "network (network=host, FF_NETWORK_PER_BUILD); its buildkitd.toml (" + builder.config() + ") is taken to "
                        + "say http = true for it, as registry:2 answers plain HTTP");
                return false;
            }
            add(FindingKind.SERVICE_REGISTRY_UNREACHABLE, step, line,
                    "builder " + builderName + " cannot reach " + image.domain() + " to " + what + " " + image.familiar(),
                    image.domain() + " is the job's " + service + ", which the job's own container reaches by that name. " + why
                            + " Give the builder dind's network, the services one network and the registry's plain HTTP "
                            + "(network=host, FF_NETWORK_PER_BUILD, a buildkitd.toml), build with the docker:dind daemon's own "
                            + "builder, or use a registry BuildKit can reach (GitLab's container registry, $CI_REGISTRY_IMAGE).",
                    subject(step, builderName).withImage(image.familiar()));
            return true;
        }

        /** GitLab's feature flag, set as a CI variable: the job's services and dind on one network, each known by name. */
        private boolean networkPerBuild() {
            return featureFlagOn(jobEnv.get("FF_NETWORK_PER_BUILD"));
        }

        /** The docker:dind daemon using a service name: whether it resolves depends on the runner's network. */
        private void daemonUsesServiceRegistry(ImageReference image) {
            if (state.jobNetworkRegistries.containsKey(image.domain())) {
                assumptions.add("job " + simulation.id + ": whether the docker:dind daemon reaches " + image.domain()
                        + " by the service's name depends on the runner's network (FF_NETWORK_PER_BUILD), and a plain-HTTP "
                        + "registry:2 needs dind started with --insecure-registry=" + image.domain() + ": taken to work");
            }
        }

        private void registryMissing(Workflow.Step step, ImageReference tag, int line) {
            int port = RegistryHosts.port(tag.domain());
            String stopped = state.stoppedRegistries.get(tag.domain());
            add(FindingKind.LOCALHOST_REGISTRY_MISSING, step, line,
                    (stopped != null ? "the registry on " + tag.domain() + " is no longer running" : "no registry runs on " + tag.domain())
                            + " in job " + simulation.id + " to push " + tag.familiar() + " to",
                    (stopped != null ? "The " + stopped + ". " : "Nothing publishes port " + port + " on this runner: add a "
                            + "'registry:2' service with 'ports: [\"" + port + ":5000\"]' to the job. ")
                            + "The push fails with 'connection refused'.", subject(step, "").withImage(tag.familiar()));
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
                        reference.familiar() + " was built at step " + unloaded.step() + " on " + displayName(unloaded.builder())
                                + " but never loaded, so " + how + " cannot find it",
                        "A docker-container builder keeps its results in its own cache unless the build loads them (load: true / "
                                + "--load), pushes them, or exports them; buildx warns 'No output specified with docker-container "
                                + "driver'. The daemon never received " + reference.familiar() + ".",
                        subject(step, unloaded.builder()).withImage(reference.familiar()));
                origins.put(finding.key(), new ImageOrigin(simulation.id, unloaded.stepIndex()));
                return true;
            }
            ImageOrigin producer = producedInJob.get(reference.normalized());
            if (producer != null && !producer.job().equals(simulation.id) && !pushedRemote.contains(reference.normalized())) {
                Finding finding = add(FindingKind.IMAGE_FROM_OTHER_JOB, step, line,
                        reference.familiar() + " was produced in job " + producer.job() + ", but job " + simulation.id + " runs on another machine",
                        handOver(), subject(step, "").withImage(reference.familiar()));
                origins.put(finding.key(), producer);
                return true;
            }
            return false;
        }

        /**
         * An image whose tag is unknown but whose repository only another job made: whatever the tag, it was made on
         * another machine (unless this job has any tag of it, or a real registry does).
         */
        private void otherJobsRepository(Workflow.Step step, ImageReference repository, String raw, int line) {
            ImageOrigin producer = producedRepositories.get(repository.name());
            boolean here = state.daemonImages.keySet().stream().map(ImageReference::parseOrNull)
                    .anyMatch(r -> r != null && r.name().equals(repository.name()));
            boolean pushed = pushedRemote.stream().map(ImageReference::parseOrNull).anyMatch(r -> r != null && r.name().equals(repository.name()));
            if (producer != null && !producer.job().equals(simulation.id) && !here && !pushed) {
                Finding finding = add(FindingKind.IMAGE_FROM_OTHER_JOB, step, line,
                        raw + " is a tag of " + repository.name() + ", which only job " + producer.job() + " makes, but job " + simulation.id
                                + " runs on another machine",
                        handOver(), subject(step, "").withImage(raw));
                origins.put(finding.key(), producer);
            }
        }

        /** Why an image does not cross jobs, and the ways to carry it, in the terms of the platform. */
        private String handOver() {
            if (workflow.platform() == Workflow.Platform.GITLAB_CI) {
                return "Every GitLab job gets a fresh docker:dind service with an empty image store (buildx-facts §9.5). Hand the "
                        + "image over: docker save it to a file in the job's artifacts and docker load it in this job, or push it "
                        + "to the project's registry ($CI_REGISTRY_IMAGE) and pull it here.";
            }
            return "Every job starts on a fresh runner with an empty Docker daemon (and fresh service containers). Hand the image "
                    + "over: export it to a tarball (outputs: type=docker,dest=...), upload it as an artifact and docker load it here, "
                    + "or push it to a registry both jobs can reach.";
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
            return Subject.of(builder).inStep(simulation.id, step.index());
        }

        private PathFinding pathFinding(Finding finding) {
            return new PathFinding(finding, combinationIndex, combination.label(), -1, List.of());
        }

        private void record(Finding finding) {
            found.add(pathFinding(finding));
        }

        private Finding add(FindingKind kind, Workflow.Step step, int line, String message, String explanation, Subject subject) {
            Finding finding = Finding.of(kind, message, explanation, currentFile, line, step.label(), subject);
            record(finding);
            return finding;
        }

        private void info(Workflow.Step step, int line, String what, String message) {
            add(FindingKind.NOT_ANALYSED, step, line, message, "Buildx Lens follows setup-buildx-action, build-push-action, "
                    + "artifacts and docker commands in run: steps; this step is outside that, so what it does to images is unknown.",
                    subject(step, "").withDetail(what));
        }
    }

    /** A glob ({@code *}, {@code ?}) as a pattern; everything else literal. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
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
