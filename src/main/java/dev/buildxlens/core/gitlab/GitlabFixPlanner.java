package dev.buildxlens.core.gitlab;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.FindingKind;
import dev.buildxlens.core.files.PatchRoot;
import dev.buildxlens.core.fix.FixKind;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.fix.UnifiedDiff;
import dev.buildxlens.core.gitlab.GitlabPipeline.Job;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.workflow.ImageOrigin;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixes for a GitLab pipeline, as patches of the files the lines are written in (the main file, an included file, a
 * template): the Docker context a TLS dind connection needs before {@code docker buildx create} (buildx-facts §9.5),
 * and an image carried to a later job as a {@code docker save} file in the producing job's artifacts.
 */
public final class GitlabFixPlanner {

    /** The context name the recipe uses (GitLab's own docs and buildx's message call it tls-environment / <context-name>). */
    static final String CONTEXT = "tls-environment";

    private final Diagnosis diagnosis;
    private final WorkflowSimulator.Result result;
    private final GitlabPipeline pipeline;
    private final Workflow jobs;
    private final Path repo;
    private final PatchRoot root;
    private final List<NotOffered> notOffered = new ArrayList<>();

    private GitlabFixPlanner(Diagnosis diagnosis, WorkflowSimulator.Result result, GitlabPipeline pipeline, Workflow jobs, Path repo,
                             PatchRoot root) {
        this.diagnosis = diagnosis;
        this.result = result;
        this.pipeline = pipeline;
        this.jobs = jobs;
        this.repo = repo;
        this.root = root;
    }

    public static FixPlans plan(Diagnosis diagnosis, WorkflowSimulator.Result result, GitlabPipeline pipeline, Workflow jobs, Path repo,
                                PatchRoot root) {
        return new GitlabFixPlanner(diagnosis, result, pipeline, jobs, repo, root).plans();
    }

    private FixPlans plans() {
        Map<String, FixPlan> byPlace = new LinkedHashMap<>();
        List<Finding> carried = new ArrayList<>();
        for (Finding finding : diagnosis.findings()) {
            Optional<FixPlan> plan = switch (finding.kind()) {
                case BUILDX_CREATE_TLS_ENV -> contextFirst(finding);
                case SERVICE_REGISTRY_UNREACHABLE -> {
                    notOffered.add(new NotOffered(FixKind.USE_DOCKER_DRIVER, finding.key(), "not planned for GitLab CI yet: the "
                            + "docker:dind daemon's own builder would also need dind started with --insecure-registry for a "
                            + "plain-HTTP registry:2"));
                    yield hostNetwork(finding);
                }
                case IMAGE_FROM_OTHER_JOB -> {
                    carried.add(finding);
                    yield Optional.empty();
                }
                default -> {
                    finding.kind().fixes().stream().map(FixKind::byId).forEach(kind -> notOffered.add(new NotOffered(kind, finding.key(),
                            "not planned for GitLab CI yet: the change is the same as for a Dockerfile build on a docker:dind job")));
                    yield Optional.empty();
                }
            };
            // A template line shared by several jobs is one change.
            plan.ifPresent(p -> byPlace.merge(p.id() + "@" + p.summary(), p, (a, b) -> a.alsoSolving(finding.id(), finding.key())));
        }
        carry(carried).ifPresent(p -> byPlace.put(p.id() + "@" + p.summary(), p));
        return new FixPlans(new ArrayList<>(byPlace.values()), root, notOffered);
    }

    // ---- use-docker-context ----

    private Optional<FixPlan> contextFirst(Finding finding) {
        Edits edits = new Edits();
        GitlabEditor editor = edits.editor(finding.file());
        if (editor == null) {
            notOffered.add(new NotOffered(FixKind.USE_DOCKER_CONTEXT, finding.key(), finding.file() + " cannot be read"));
            return Optional.empty();
        }
        String command = editor.line(finding.line()).strip();
        List<String> done = new ArrayList<>();
        if (editor.line(finding.line() - 1).contains("docker context create " + CONTEXT)) {
            done.add("the context " + CONTEXT + " is created before the builder");
        }
        boolean inserted = editor.insertCommand(finding.line(), "docker context create " + CONTEXT, true);
        boolean named = editor.replaceOnLine(finding.line(), "docker buildx create", "docker buildx create " + CONTEXT);
        String summary = "Create a Docker context from the job's TLS settings (" + finding.file() + ":" + finding.line()
                + "), then the builder on it: buildx makes builders from contexts, not from DOCKER_HOST and the TLS variables.";
        List<FixStep> steps = new ArrayList<>();
        steps.add(new FixStep("The change, in .gitlab-ci.yml terms (" + finding.file() + ":" + finding.line() + ")", List.of(new Snippet(
                "gitlab-ci", "In the job's script", "yaml", "script:\n  - docker context create " + CONTEXT + "\n  - "
                + command.replaceFirst("^-\\s*", "").replace("docker buildx create", "docker buildx create " + CONTEXT) + "\n"))));
        if (!inserted || !named) {
            steps.add(new FixStep("No patch: the command is in a folded block or a form this editor does not change; make the change "
                    + "by hand", List.of()));
        } else {
            steps.addAll(edits.patches());
        }
        return Optional.of(new FixPlan(FixKind.USE_DOCKER_CONTEXT, true, summary, List.of(finding.id()), List.of(finding.key()), List.of(),
                List.of(), steps, done));
    }

    // ---- add-network-host: a registry service reached from a BuildKit container inside docker:dind ----

    /** The buildkitd.toml the recipe writes next to the job's files. */
    static final String BUILDKITD_CONFIG = "buildkitd.toml";

    /**
     * Three changes, each needed (buildx-facts §9.5, §9.7): FF_NETWORK_PER_BUILD puts dind and the job's services on
     * one network, where dind knows the service by its alias (with the default links only the job's own container
     * does); {@code --driver-opt network=host} puts the BuildKit container on dind's network (BuildKit keeps the host's
     * resolver there, buildx#1459); a buildkitd.toml with {@code http = true} for the registry, since registry:2 speaks
     * plain HTTP and BuildKit uses HTTPS for every registry but localhost.
     */
    private Optional<FixPlan> hostNetwork(Finding finding) {
        ImageReference image = ImageReference.parseOrNull(finding.subject().image());
        Optional<Job> job = job(finding.job());
        if (image == null || job.isEmpty()) {
            notOffered.add(new NotOffered(FixKind.ADD_NETWORK_HOST, finding.key(), "the job or the image is not known"));
            return Optional.empty();
        }
        String registry = image.domain();
        Edits edits = new Edits();
        GitlabEditor editor = edits.editor(finding.file());
        int create = editor == null ? 0 : createLine(editor, finding.line(), finding.subject().builder());
        String command = create == 0 ? "" : editor.line(create);
        boolean hasHostNetwork = command.contains("network=host");
        boolean hasConfig = command.contains("--config") || command.contains("--buildkitd-config");
        String writeConfig = "printf '[registry.\"" + registry + "\"]\\n  http = true\\n' > " + BUILDKITD_CONFIG;
        String flags = (hasHostNetwork ? "" : " --driver-opt network=host") + (hasConfig ? "" : " --config " + BUILDKITD_CONFIG);
        // The job's own value wins over the pipeline's, as in the simulation.
        String flag = job.get().variables().getOrDefault("FF_NETWORK_PER_BUILD", jobs.env().get("FF_NETWORK_PER_BUILD"));
        boolean perBuild = WorkflowSimulator.featureFlagOn(flag);

        List<String> done = new ArrayList<>();
        if (perBuild) {
            done.add("FF_NETWORK_PER_BUILD is set: dind and the services share one network");
        }
        if (hasHostNetwork) {
            done.add("the builder has the host network of docker:dind");
        }
        boolean patched = create > 0;
        if (create > 0) {
            if (!flags.isEmpty()) {
                patched &= editor.replaceOnLine(create, "docker buildx create", "docker buildx create" + flags);
            }
            if (!hasConfig) {
                patched &= editor.insertCommand(create, writeConfig, true);
            }
        }
        if (patched && !perBuild) {
            Job owner = job.get();
            patched = edit(edits, owner.file(), e -> {
                int key = e.jobKeyLine(owner.name(), owner.line());
                return key > 0 && e.addVariable(key, "FF_NETWORK_PER_BUILD", "\"true\"");
            });
        }
        String summary = "Let builder " + finding.subject().builder() + " reach " + registry + " from inside docker:dind: the job's services "
                + "on one network (FF_NETWORK_PER_BUILD), the builder on dind's network (--driver-opt network=host), and a "
                + "buildkitd.toml that says " + registry + " speaks plain HTTP.";
        String snippet = job.get().name() + ":\n  variables:\n    FF_NETWORK_PER_BUILD: \"true\"\n  script:\n    - " + writeConfig
                + "\n    - docker buildx create --use --driver docker-container --driver-opt network=host --config " + BUILDKITD_CONFIG + "\n";
        List<FixStep> steps = new ArrayList<>();
        steps.add(new FixStep("The change, in .gitlab-ci.yml terms", List.of(new Snippet("gitlab-ci", "In job " + job.get().name(), "yaml",
                snippet))));
        if (hasConfig) {
            steps.add(new FixStep("The builder already has a buildkitd.toml (--config): it must say [registry.\"" + registry
                    + "\"] http = true", List.of()));
        }
        if (patched) {
            steps.addAll(edits.patches());
        } else {
            steps.add(new FixStep("No patch: " + (create == 0 ? "the docker buildx create that makes the builder is not in the job's lines "
                    + "before the build (a template, default: or another file)" : "a part of the job is written in a form this editor "
                    + "does not change (a folded block, flow style, an anchor)") + "; make the change by hand", List.of()));
        }
        return Optional.of(new FixPlan(FixKind.ADD_NETWORK_HOST, true, summary, List.of(finding.id()), List.of(finding.key()), List.of(),
                List.of("with FF_NETWORK_PER_BUILD every container of the job can reach every service, not only the job's own"),
                steps, done));
    }

    /**
     * The line of the {@code docker buildx create} that made {@code builder}: the nearest one above the build on
     * {@code line}, within the same top-level block (a job or a template), naming the builder when it has a name of its
     * own (a made-up name means an unnamed create). 0 when there is none.
     */
    private static int createLine(GitlabEditor editor, int line, String builder) {
        boolean named = builder != null && !builder.isEmpty() && !builder.matches("builder-step\\d+");
        for (int i = line - 1; i >= 1; i--) {
            String text = editor.line(i);
            if (!text.isBlank() && !text.startsWith(" ") && !text.startsWith("\t")) {
                return 0;
            }
            String command = text.strip().replaceFirst("^-\\s*", "");
            if (command.startsWith("#")) {
                continue;
            }
            if (text.contains("docker buildx create") && (!named || text.matches(".*(--name[ =]|\\s)" + java.util.regex.Pattern.quote(builder)
                    + "(\\s.*|$)"))) {
                return i;
            }
        }
        return 0;
    }

    // ---- transfer-between-jobs ----

    /**
     * Every image a job takes from another job, carried in ONE plan: the saves, artifacts and loads of all of them are
     * edits of the same files, so they make one patch that applies as a whole (separate patches of neighbouring lines
     * would not apply one after the other).
     */
    private Optional<FixPlan> carry(List<Finding> findings) {
        Edits edits = new Edits();
        List<String> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        StringBuilder snippet = new StringBuilder();
        boolean patched = true;
        for (Finding finding : findings) {
            Carried one = carry(finding, edits);
            if (one == null) {
                continue;
            }
            if (!ids.contains(finding.id())) {
                ids.add(finding.id());
            }
            keys.add(finding.key());
            if (!summaries.contains(one.summary())) {
                summaries.add(one.summary());
                snippet.append(one.snippet());
            }
            patched &= one.patched();
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        List<FixStep> steps = new ArrayList<>();
        steps.add(new FixStep("The change, in .gitlab-ci.yml terms", List.of(new Snippet("gitlab-ci", "In the jobs", "yaml", snippet.toString()))));
        if (patched) {
            steps.addAll(edits.patches());
        } else {
            steps.add(new FixStep("No patch: a part of the jobs is written in a form this editor does not change (a folded block, flow "
                    + "style, an anchor); make the change by hand", List.of()));
        }
        return Optional.of(new FixPlan(FixKind.TRANSFER_BETWEEN_JOBS, true, String.join(" ", summaries), ids, keys, List.of(),
                List.of("the artifact holds the whole image: large images make slow jobs (push to $CI_REGISTRY_IMAGE instead)"),
                steps, List.of()));
    }

    /** One image's part of the carry plan: what it says, its YAML, and whether its edits could be made. */
    private record Carried(String summary, String snippet, boolean patched) {
    }

    private Carried carry(Finding finding, Edits edits) {
        ImageOrigin origin = result.origins().get(finding.key());
        String image = finding.subject().image();
        Optional<Job> producer = origin == null ? Optional.empty() : job(origin.job());
        Optional<Job> consumer = job(finding.job());
        if (producer.isEmpty() || consumer.isEmpty() || image == null || image.isEmpty()) {
            notOffered.add(new NotOffered(FixKind.TRANSFER_BETWEEN_JOBS, finding.key(), "the job that made " + image + " is not known"));
            return null;
        }
        if (!takesArtifactsOf(consumer.get(), producer.get())) {
            notOffered.add(new NotOffered(FixKind.TRANSFER_BETWEEN_JOBS, finding.key(), "job " + consumer.get().name() + " does not run after job "
                    + producer.get().name() + " (same or an earlier stage, and no needs): push the image to $CI_REGISTRY_IMAGE instead"));
            return null;
        }
        Workflow.Step made = stepOf(origin);
        if (made == null) {
            notOffered.add(new NotOffered(FixKind.TRANSFER_BETWEEN_JOBS, finding.key(), "the step that made " + image + " is not known"));
            return null;
        }
        // The image as the job's script writes it: the simulation's value of $CI_COMMIT_SHA & co. is a placeholder,
        // and a patch must name what GitLab will expand at run time.
        String written = writtenAs(made.run(), jobs.job(origin.job()).map(Workflow.Job::env).orElse(Map.of()), image);
        String tarball = written.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + ".tar";
        String savedAs = written.contains("$") ? "\"" + written + "\"" : written;
        String madeFile = made.file() != null ? made.file() : pipeline.file();
        boolean saved = edit(edits, madeFile, e -> e.insertCommand(made.runLine(), "docker save " + savedAs + " -o " + tarball, false));
        Job producerJob = producer.get();
        boolean kept = edit(edits, producerJob.file(), e -> {
            int key = e.jobKeyLine(producerJob.name(), producerJob.line());
            return key > 0 && e.addArtifactPath(key, tarball);
        });
        boolean loaded = edit(edits, finding.file(), e -> e.insertCommand(finding.line(), "docker load -i " + tarball, true));
        Job consumerJob = consumer.get();
        boolean listed = true;
        for (String list : List.of("needs", "dependencies")) {
            List<String> jobsListed = list.equals("needs") ? consumerJob.needs() : consumerJob.dependencies();
            if (jobsListed != null && !jobsListed.contains(producerJob.name())) {
                listed &= edit(edits, consumerJob.file(), e -> {
                    int key = e.jobKeyLine(consumerJob.name(), consumerJob.line());
                    return key > 0 && e.addToJobList(key, list, producerJob.name());
                });
            }
        }
        String summary = "Carry " + written + " from job " + producerJob.name() + " to job " + consumerJob.name() + " as a file: docker save "
                + "it into " + tarball + ", keep that as an artifact, docker load it where it is used.";
        String snippet = producerJob.name() + ":\n  script:\n    - …\n    - docker save " + savedAs + " -o " + tarball
                + "\n  artifacts:\n    paths:\n      - " + tarball + "\n" + consumerJob.name() + ":\n  script:\n    - docker load -i " + tarball
                + "\n    - …\n";
        return new Carried(summary, snippet, saved && kept && loaded && listed);
    }

    /**
     * How the command that made {@code image} writes it ({@code "$CI_REGISTRY_IMAGE/app:$CI_COMMIT_SHA"}): the word of
     * the command (a {@code -t}/{@code --tag} value, quotes removed) that, expanded with the job's variables, names the
     * same image. The image itself when no word does.
     */
    static String writtenAs(String command, Map<String, String> env, String image) {
        ImageReference wanted = ImageReference.parseOrNull(image);
        if (command == null || wanted == null) {
            return image;
        }
        for (String word : command.split("\\s+")) {
            String value = word.replaceFirst("^(--tag|-t)=", "").replaceAll("^[\"']+|[\"']+$", "");
            if (value.isEmpty() || value.startsWith("-")) {
                continue;
            }
            ImageReference reference = ImageReference.parseOrNull(GitlabJobs.expand(value, env));
            if (reference != null && reference.normalized().equals(wanted.normalized())) {
                return value;
            }
        }
        return image;
    }

    private Optional<Job> job(String name) {
        return pipeline.jobs().stream().filter(j -> j.name().equals(name)).findFirst();
    }

    private Workflow.Step stepOf(ImageOrigin origin) {
        return jobs.job(origin.job()).filter(j -> origin.stepIndex() >= 0 && origin.stepIndex() < j.steps().size())
                .map(j -> j.steps().get(origin.stepIndex())).orElse(null);
    }

    /** GitLab hands a job the artifacts of its needs or dependencies, else of every job in an earlier stage. */
    private boolean takesArtifactsOf(Job consumer, Job producer) {
        if (consumer.needs() != null || consumer.dependencies() != null) {
            return true;
        }
        return pipeline.stages().indexOf(producer.stage()) < pipeline.stages().indexOf(consumer.stage());
    }

    private boolean edit(Edits edits, String file, java.util.function.Predicate<GitlabEditor> change) {
        GitlabEditor editor = edits.editor(file);
        return editor != null && change.test(editor);
    }

    /** The files a plan changes, read once, and their patches. */
    private final class Edits {
        private final Map<String, GitlabEditor> editors = new LinkedHashMap<>();
        private final Map<String, String> originals = new LinkedHashMap<>();

        GitlabEditor editor(String file) {
            if (editors.containsKey(file)) {
                return editors.get(file);
            }
            try {
                String text = Files.readString(repo.resolve(file), StandardCharsets.UTF_8);
                originals.put(file, text);
                GitlabEditor editor = new GitlabEditor(text);
                editors.put(file, editor);
                return editor;
            } catch (IOException e) {
                return null;
            }
        }

        List<FixStep> patches() {
            List<FixStep> steps = new ArrayList<>();
            editors.forEach((file, editor) -> {
                String path = root.relative(repo.resolve(file));
                String diff = UnifiedDiff.of(path, originals.get(file), editor.text());
                if (!diff.isEmpty()) {
                    steps.add(new FixStep("The same, as a patch of " + path + " (git apply, from the repository root)",
                            List.of(new Snippet("gitlab-ci-patch", path, "diff", diff))));
                }
            });
            return steps;
        }
    }
}
