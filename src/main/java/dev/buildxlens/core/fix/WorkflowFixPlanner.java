package dev.buildxlens.core.fix;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.build.CacheSpec;
import dev.buildxlens.core.build.DockerCommand;
import dev.buildxlens.core.build.ExportSpec;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.files.PatchRoot;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.visibility.VisibilityRules;
import dev.buildxlens.core.workflow.ImageOrigin;
import dev.buildxlens.core.workflow.ShellCommand;
import dev.buildxlens.core.workflow.ShellScript;
import dev.buildxlens.core.workflow.SimulatedBuild;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Fix plans for a workflow's findings: a fragment of workflow YAML to read and a minimal unified diff of the
 * workflow file (and of the Dockerfile) with the job ids, step names, image names and port of this workflow; a fix
 * comes without a patch only when no edit of the file can do it, and then the plan says why. Plans read the file as
 * it is: what is already there is not added again, and what is already done is listed. New text uses the current
 * action majors; pinned versions are left as they are. A fix that would break another build of the same builder is
 * not offered (docker driver and the classic store refuse OCI and docker-tarball exports, cache export and several
 * platforms: buildx-facts §4.1, §9.4).
 */
public final class WorkflowFixPlanner {

    /** The workflow as written, where it lives, the user's choice of registry port, and where patches apply from. */
    public record Context(Workflow workflow, String text, String path, Path repoRoot, int registryPort, PatchRoot patchRoot) {
    }

    private final Context context;
    private final WorkflowSimulator.Result result;
    private final List<NotOffered> notOffered = new ArrayList<>();

    private WorkflowFixPlanner(Context context, WorkflowSimulator.Result result) {
        this.context = context;
        this.result = result;
    }

    public static FixPlans plan(WorkflowSimulator.Result result, Context context) throws DockerfileException {
        return new WorkflowFixPlanner(context, result).plans(result.diagnosis());
    }

    private FixPlans plans(Diagnosis diagnosis) throws DockerfileException {
        Map<String, FixPlan> plans = new LinkedHashMap<>();
        List<String> recommended = new ArrayList<>();
        for (Finding finding : diagnosis.findings()) {
            if (finding.severity() == Severity.INFO) {
                continue;
            }
            String best = null;
            for (String fixId : finding.fixes()) {
                FixKind kind = FixKind.byId(fixId);
                String key = fixId + "@" + finding.job() + "#" + finding.subject().stepIndex()
                        + (kind.wholeBuild() ? "" : " " + finding.key());
                FixPlan plan = plans.get(key);
                if (plan == null) {
                    Optional<FixPlan> made = make(kind, finding);
                    if (made.isEmpty()) {
                        continue;
                    }
                    plan = made.get();
                } else {
                    plan = plan.alsoSolving(finding.id(), finding.key());
                }
                plans.put(key, plan);
                if (best == null) {
                    best = key;
                }
            }
            if (best != null && !recommended.contains(best)) {
                recommended.add(best);
            }
        }
        List<FixPlan> ordered = new ArrayList<>();
        recommended.forEach(key -> ordered.add(plans.get(key).withRecommended(true)));
        plans.forEach((key, plan) -> {
            if (!recommended.contains(key)) {
                ordered.add(plan);
            }
        });
        return new FixPlans(ordered, context.patchRoot(), notOffered);
    }

    // ---- where things are ----

    private Optional<Workflow.Job> job(String id) {
        return context.workflow().job(id);
    }

    private Optional<Workflow.Step> step(String job, int index) {
        return job(job).filter(j -> index >= 0 && index < j.steps().size()).map(j -> j.steps().get(index));
    }

    private Optional<SimulatedBuild> buildOf(Finding finding) {
        return result.buildAt(finding.job(), finding.subject().stepIndex());
    }

    /** The setup-buildx step that made the builder of this build, if it was made by one. */
    private Optional<Workflow.Step> builderStep(SimulatedBuild build) {
        return build.builderStepIndex() < 0 ? Optional.empty() : step(build.job(), build.builderStepIndex());
    }

    /** Every build of the same job that runs on the same builder. */
    private List<SimulatedBuild> sameBuilder(SimulatedBuild build) {
        return result.builds().stream().filter(b -> b.job().equals(build.job()) && b.builder().equals(build.builder())).toList();
    }

    private Optional<ImageNeed> needOf(SimulatedBuild build, Finding finding) {
        String source = finding.subject().source();
        return build.analysis().images().stream()
                .filter(n -> n.reference() != null && n.reference().familiar().equals(finding.image())
                        && (source.isEmpty() || source.endsWith(":" + n.line())))
                .findFirst();
    }

    /** The run: commands of a step, as the simulator reads them. */
    private static List<ShellCommand> commands(Workflow.Step step) {
        return step.run() == null ? List.of() : ShellScript.parse(step.run(), step.runLine(), step.env());
    }

    /** True when a run: step of the job before {@code beforeIndex} runs a docker command that {@code test} accepts. */
    private boolean jobRuns(String job, int beforeIndex, Predicate<DockerCommand> test) {
        return job(job).map(j -> j.steps().stream().filter(s -> s.index() < beforeIndex).flatMap(s -> commands(s).stream())
                .filter(c -> c.words().size() > 1 && c.words().get(0).equals("docker"))
                .map(c -> DockerCommand.parse(c.words().subList(1, c.words().size()), c.assignments()))
                .anyMatch(test)).orElse(false);
    }

    // ---- the fixes ----

    private Optional<FixPlan> make(FixKind kind, Finding finding) throws DockerfileException {
        return switch (kind) {
            case USE_DOCKER_DRIVER -> useDockerDriver(finding);
            case ADD_NETWORK_HOST -> networkHost(finding);
            case LOCAL_REGISTRY_BRIDGE -> registryBridge(finding);
            case OCI_LAYOUT_CONTEXT -> ociLayout(finding);
            case LOAD_RESULT -> loadResult(finding);
            case RENAME_ACTION_INPUT -> renameInput(finding);
            case DROP_PULL -> dropPull(finding);
            case ADD_REGISTRY_SERVICE -> registryService(finding);
            case USE_CONTAINER_BUILDER -> containerBuilder(finding);
            case ENABLE_CONTAINERD_STORE -> containerdStore(finding);
            case USE_OCI_EXPORTER -> ociExporter(finding);
            case TRANSFER_BETWEEN_JOBS -> transfer(finding);
            case ADD_ARG_DEFAULT -> argDefault(finding);
            // A GitHub runner's Docker is a local socket; DOCKER_HOST with TLS from the environment is GitLab's dind
            // (core.gitlab plans that fix in .gitlab-ci.yml terms).
            case USE_DOCKER_CONTEXT -> Optional.empty();
            // A simulated runner has one engine, images of its own platform and no registry settings of its own: these
            // findings come only from a machine's snapshot, whose fixes the local planner writes.
            case BUILD_ON_CONTEXT_BUILDER, MOVE_IMAGE_TO_CONTEXT, SWITCH_CONTEXT, BUILD_FOR_IMAGE_PLATFORM, LOAD_IMAGE_PLATFORM,
                 BUILDER_REGISTRY_CONFIG -> Optional.empty();
            case LINK_TARGET_CONTEXT, LINK_SERVICE_CONTEXT -> {
                // The link is a change of the bake or compose file the step runs, not of the workflow.
                notOffered.add(new NotOffered(kind, finding.key(), "the link belongs in the " + (kind == FixKind.LINK_TARGET_CONTEXT
                        ? "bake file: buildx-lens fix --bake FILE" : "compose file: buildx-lens fix --compose FILE") + " plans it as a patch"));
                yield Optional.empty();
            }
        };
    }

    /** What the docker driver with the classic store refuses in a build (buildx-facts §4.1, §9.4). */
    private List<String> dockerDriverRefuses(SimulatedBuild build) {
        BuildSpec spec = build.spec();
        List<String> refused = new ArrayList<>();
        if (build.imageStore() == ImageStoreKind.CONTAINERD) {
            return refused;
        }
        if (spec.multiPlatform()) {
            refused.add("several platforms (" + String.join(",", spec.platforms()) + ")");
        }
        spec.cacheTo().stream().filter(c -> !CacheSpec.parse(c).inline()).forEach(c -> refused.add("cache export (" + c + ")"));
        for (String output : spec.outputs()) {
            ExportSpec export = ExportSpec.parse(output);
            if (export.dockerTarball() || export.type().equals(ExportSpec.OCI)) {
                refused.add("the " + export.type() + " exporter (" + output + ")");
            }
        }
        return refused;
    }

    private Optional<FixPlan> useDockerDriver(Finding finding) {
        Optional<SimulatedBuild> build = buildOf(finding);
        if (build.isEmpty()) {
            return Optional.empty();
        }
        List<String> own = dockerDriverRefuses(build.get());
        if (!own.isEmpty()) {
            notOffered.add(new NotOffered(FixKind.USE_DOCKER_DRIVER, finding.key(), "the docker driver with the "
                    + build.get().imageStore().label() + " image store cannot run this build: " + String.join("; ", own)));
            return Optional.empty();
        }
        List<String> others = new ArrayList<>();
        for (SimulatedBuild other : sameBuilder(build.get())) {
            if (other != build.get()) {
                dockerDriverRefuses(other).forEach(r -> others.add("step " + label(other) + " (" + r + ")"));
            }
        }
        Optional<Workflow.Step> setup = builderStep(build.get());
        Optional<Workflow.Step> buildStep = step(finding.job(), finding.subject().stepIndex());
        WorkflowDraft draft = new WorkflowDraft(FixKind.USE_DOCKER_DRIVER, finding);
        if (others.isEmpty() && setup.isPresent()) {
            draft.summary("Set 'driver: docker' on setup-buildx-action: the job then builds with the runner dockerd's own "
                    + "BuildKit, which reads the images in the daemon.");
            draft.fragment("setup-buildx step", setupBuildx(setup, "driver: docker"));
            draft.edit(e -> e.setInput(setup.get(), "driver", "docker"), "setup-buildx step " + setup.get().label() + " has driver: docker");
            sameBuilder(build.get()).stream().filter(b -> b != build.get())
                    .forEach(b -> draft.changesElsewhere("step " + label(b) + " builds on the docker driver too (it can: nothing in it needs the container driver)"));
        } else if (buildStep.isPresent() && build.get().fromAction()) {
            String contextBuilder = "default";
            draft.summary("Run this build on the runner's docker-driver builder ('" + contextBuilder + "'), which reads the images in "
                    + "the daemon" + (others.isEmpty() ? "" : "; its builder stays as it is for the other builds, which need it: "
                    + String.join("; ", others)) + ".");
            draft.fragment("build step", "- uses: " + buildStep.get().uses() + "\n  with:\n    builder: " + contextBuilder + "\n");
            draft.edit(e -> e.setInput(buildStep.get(), "builder", contextBuilder), "step " + buildStep.get().label() + " builds on " + contextBuilder);
        } else if (!others.isEmpty()) {
            notOffered.add(new NotOffered(FixKind.USE_DOCKER_DRIVER, finding.key(), "other builds on " + build.get().builderInWords()
                    + " need the container driver: " + String.join("; ", others)));
            return Optional.empty();
        } else {
            draft.summary("Build on the runner's docker driver (builder 'default'), which reads the images in the daemon.");
            draft.fragment("run step", "docker buildx build --builder default ...\n");
            if (!draft.edit(e -> e.addBuildFlags(build.get().line(), List.of("--builder", "default")), "")) {
                draft.noPatch("the build's builder is made in a run: script (docker buildx create) and the build command spans lines: "
                        + "add --builder default to it");
            }
        }
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> networkHost(Finding finding) {
        Optional<SimulatedBuild> build = buildOf(finding);
        Optional<Workflow.Step> setup = build.flatMap(this::builderStep);
        WorkflowDraft draft = new WorkflowDraft(FixKind.ADD_NETWORK_HOST, finding);
        draft.summary("Give the builder the host network: with 'driver-opts: network=host' its BuildKit container shares the "
                + "runner's network, where localhost:" + context.registryPort() + " is the registry service.");
        draft.fragment("setup-buildx step", setupBuildx(setup, "driver-opts: network=host"));
        if (setup.isPresent()) {
            draft.edit(e -> e.addListItem(setup.get(), "driver-opts", "network=host"), "the builder has driver-opts network=host");
        } else {
            setupForPush(finding).ifPresentOrElse(
                    s -> draft.edit(e -> e.addListItem(s, "driver-opts", "network=host"), "the builder has driver-opts network=host"),
                    () -> draft.noPatch("the builder is not made by a docker/setup-buildx-action step: create it with --driver-opt network=host"));
        }
        return Optional.of(draft.plan());
    }

    /** For a push from a builder (no build record of the step): the setup-buildx step of the job's current builder. */
    private Optional<Workflow.Step> setupForPush(Finding finding) {
        return job(finding.job()).flatMap(j -> j.steps().stream()
                .filter(s -> s.index() < finding.subject().stepIndex() && s.uses() != null && s.uses().startsWith("docker/setup-buildx-action"))
                .reduce((a, b) -> b));
    }

    private Optional<FixPlan> registryBridge(Finding finding) throws DockerfileException {
        Optional<SimulatedBuild> found = buildOf(finding);
        Optional<Workflow.Step> buildStep = step(finding.job(), finding.subject().stepIndex());
        if (found.isEmpty() || buildStep.isEmpty()) {
            return Optional.empty();
        }
        SimulatedBuild build = found.get();
        Optional<ImageNeed> need = needOf(build, finding);
        if (need.isEmpty()) {
            return Optional.empty();
        }
        ImageReference local = need.get().reference();
        if (dev.buildxlens.core.model.RegistryHosts.isLoopback(local.domain())) {
            return Optional.of(pushToRegistry(finding, build, buildStep.get(), local));
        }
        int port = context.registryPort();
        String bridged = "localhost:" + port + "/" + local.path().replaceFirst("^library/", "") + ":" + (local.tag().isEmpty() ? "latest" : local.tag());
        ImageReference bridgedRef = ImageReference.parseOrNull(bridged);
        Workflow.Job job = job(finding.job()).orElseThrow();
        Optional<Workflow.Step> setup = builderStep(build);
        WorkflowDraft draft = new WorkflowDraft(FixKind.LOCAL_REGISTRY_BRIDGE, finding);

        // The Dockerfile half first: its ARG name is what the build-arg must set.
        NamedContext namedContext = need.get().context();
        boolean fromLine = need.get().instruction().equals("FROM") && namedContext == null;
        String argName = "";
        if (fromLine) {
            Path dockerfile = context.repoRoot().resolve(build.dockerfile());
            String original = DockerfileFiles.readText(dockerfile, build.dockerfile());
            DockerfileEdits.Parameterized parameterized = DockerfileEdits.parameterizeFrom(original, build.dockerfile(), need.get().line(), local.familiar());
            argName = parameterized.argName();
            if (parameterized.changed()) {
                draft.extra("Make the base image a build arg in " + build.dockerfile() + " (the default keeps plain builds working)",
                        new Snippet(Snippet.DOCKERFILE_PATCH, build.dockerfile(), "diff",
                                UnifiedDiff.of(build.dockerfile(), original, parameterized.text())));
            } else {
                draft.done(build.dockerfile() + " takes the image of its FROM on line " + need.get().line() + " from ARG " + argName);
            }
        }
        String buildInput = fromLine ? "build-args" : "build-contexts";
        String buildItem = fromLine ? argName + "=" + bridged
                : (namedContext != null ? namedContext.name() : dev.buildxlens.core.dockerfile.DockerfileAnalyzer.contextKey(local.familiar())) + "=docker-image://" + bridged;

        StringBuilder yaml = new StringBuilder();
        yaml.append("services:\n  registry:\n    image: registry:2\n    ports:\n      - ").append(port).append(":5000\nsteps:\n")
                .append("  - name: Push ").append(local.familiar()).append(" to the local registry\n    run: |\n")
                .append("      docker tag ").append(local.familiar()).append(' ').append(bridged).append('\n')
                .append("      docker push ").append(bridged).append('\n');
        if (!build.driver().equals(VisibilityRules.DOCKER)) {
            yaml.append("  - uses: docker/setup-buildx-action@v4\n    with:\n      driver-opts: network=host\n");
        }
        yaml.append("  - uses: docker/build-push-action@v7\n    with:\n      ").append(buildInput).append(": |\n        ").append(buildItem).append('\n');
        draft.summary("Run registry:2 as a job service, push " + local.familiar() + " to " + bridged + " before the build, "
                + (build.driver().equals(VisibilityRules.DOCKER) ? "" : "give the builder the host network, ")
                + (fromLine ? "and build FROM the registry copy through build arg " + argName + " (the Dockerfile keeps its default)."
                        : "and name the registry copy in the build's named context."));
        draft.fragment("job", yaml.toString());

        draft.edit(e -> e.addRegistryService(job, port), "job " + job.id() + " runs a registry:2 service on port " + port);
        boolean pushed = bridgedRef != null && jobRuns(job.id(), buildStep.get().index(),
                c -> c instanceof DockerCommand.Push p && p.image().normalized().equals(bridgedRef.normalized()));
        if (pushed) {
            draft.done("an earlier step pushes " + bridged);
        } else if (build.fromAction()) {
            draft.edit(e -> {
                e.insertRunStepBefore(buildStep.get(), "Push " + local.familiar() + " to the local registry",
                        List.of("docker tag " + shellWord(local.familiar()) + " " + shellWord(bridged), "docker push " + shellWord(bridged)));
                return true;
            }, "");
        } else {
            draft.noPatch("the build is a command in the same run: step that gets the image; add the docker tag and docker push "
                    + "lines before it");
        }
        if (!build.driver().equals(VisibilityRules.DOCKER)) {
            if (setup.isPresent()) {
                draft.edit(e -> e.addListItem(setup.get(), "driver-opts", "network=host"), "the builder has driver-opts network=host");
            } else {
                draft.noPatch("the builder is not made by a docker/setup-buildx-action step: create it with --driver-opt network=host");
            }
        }
        String item = buildItem;
        if (build.fromAction()) {
            if (namedContext != null) {
                String old = namedContext.name() + "=" + namedContext.value();
                draft.edit(e -> e.replaceListItem(buildStep.get(), "build-contexts", old, item), "the named context points at " + bridged);
            } else {
                draft.edit(e -> e.addListItem(buildStep.get(), buildInput, item), "the build passes " + item);
            }
        } else if (!build.spec().buildArgs().containsKey(argName) || !build.spec().buildArgs().get(argName).equals(bridged)) {
            List<String> flags = fromLine ? List.of("--build-arg", item) : List.of("--build-context", item);
            if (!draft.edit(e -> e.addBuildFlags(build.line(), flags), "")) {
                draft.noPatch("the build command spans lines: add " + String.join(" ", flags) + " to it");
            }
        } else {
            draft.done("the build passes " + item);
        }
        return Optional.of(draft.plan());
    }

    /** The build pulls from a job registry that lacks the tag: push it there from the daemon before the build. */
    private FixPlan pushToRegistry(Finding finding, SimulatedBuild build, Workflow.Step buildStep, ImageReference image) {
        WorkflowDraft draft = new WorkflowDraft(FixKind.LOCAL_REGISTRY_BRIDGE, finding);
        draft.summary("Push " + image.familiar() + " to the registry at " + image.domain() + " before the build pulls it.");
        draft.fragment("job steps", "- name: Push " + image.familiar() + "\n  run: docker push " + shellWord(image.familiar()) + "\n");
        if (!build.daemonImageSteps().containsKey(image.normalized())) {
            draft.noPatch(image.familiar() + " is not in the runner's daemon at that point: build or tag it before pushing it");
        } else if (build.fromAction()) {
            draft.edit(e -> {
                e.insertRunStepBefore(buildStep, "Push " + image.familiar(), List.of("docker push " + shellWord(image.familiar())));
                return true;
            }, "");
        } else {
            draft.noPatch("the build is a command in the same run: step: push " + image.familiar() + " before it");
        }
        return draft.plan();
    }

    private Optional<FixPlan> ociLayout(Finding finding) {
        Optional<SimulatedBuild> found = buildOf(finding);
        Optional<Workflow.Step> buildStep = step(finding.job(), finding.subject().stepIndex());
        if (found.isEmpty() || buildStep.isEmpty()) {
            return Optional.empty();
        }
        SimulatedBuild build = found.get();
        Optional<ImageNeed> need = needOf(build, finding);
        if (need.isEmpty()) {
            return Optional.empty();
        }
        ImageReference local = need.get().reference();
        NamedContext namedContext = need.get().context();
        String key = namedContext != null ? namedContext.name() : dev.buildxlens.core.dockerfile.DockerfileAnalyzer.contextKey(local.familiar());
        String tag = local.tag().isEmpty() ? "latest" : local.tag();
        String dir = "/tmp/" + local.path().replaceFirst("^library/", "").replace('/', '-') + "-oci";
        String layout = "oci-layout://" + dir + ":" + tag;
        String copy = "skopeo copy docker-daemon:" + shellWord(local.familiar()) + " oci:" + shellWord(dir + ":" + tag);
        WorkflowDraft draft = new WorkflowDraft(FixKind.OCI_LAYOUT_CONTEXT, finding);
        draft.summary("Copy " + local.familiar() + " out of the runner's daemon into an OCI layout with skopeo and hand it to the "
                + "build as the named context '" + key + "': buildx reads oci-layout:// on the client, so any driver gets it, "
                + "no registry needed.");
        draft.needs("skopeo on the runner (GitHub's Ubuntu runner images include it; elsewhere install it first)");
        draft.fragment("job steps", "- name: Copy " + local.familiar() + " into an OCI layout\n  run: " + copy
                + "\n- uses: docker/build-push-action@v7\n  with:\n    build-contexts: |\n      " + key + "=" + layout + "\n");
        boolean copied = job(finding.job()).map(j -> j.steps().stream().filter(s -> s.index() < buildStep.get().index())
                .anyMatch(s -> s.run() != null && s.run().contains("skopeo copy") && s.run().contains("oci:" + dir))).orElse(false);
        if (copied) {
            draft.done("an earlier step copies " + local.familiar() + " to " + dir);
        } else if (build.fromAction()) {
            draft.edit(e -> {
                e.insertRunStepBefore(buildStep.get(), "Copy " + local.familiar() + " into an OCI layout", List.of(copy));
                return true;
            }, "");
        } else {
            draft.noPatch("the build is a command in the same run: step that gets the image; run the skopeo copy before it");
        }
        String item = key + "=" + layout;
        if (build.fromAction()) {
            if (namedContext != null) {
                draft.edit(e -> e.replaceListItem(buildStep.get(), "build-contexts", namedContext.name() + "=" + namedContext.value(), item),
                        "the named context " + key + " is the OCI layout");
            } else {
                draft.edit(e -> e.addListItem(buildStep.get(), "build-contexts", item), "the build names the OCI layout as context " + key);
            }
        } else if (!draft.edit(e -> e.addBuildFlags(build.line(), List.of("--build-context", item)), "")) {
            draft.noPatch("the build command spans lines: add --build-context " + item + " to it");
        }
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> loadResult(Finding finding) {
        ImageOrigin origin = result.origins().get(finding.key());
        if (origin == null) {
            return Optional.empty();
        }
        Optional<SimulatedBuild> producer = result.buildAt(origin.job(), origin.stepIndex());
        Optional<Workflow.Step> producerStep = step(origin.job(), origin.stepIndex());
        if (producer.isEmpty() || producerStep.isEmpty()) {
            return Optional.empty();
        }
        if (producer.get().spec().multiPlatform() && producer.get().imageStore() != ImageStoreKind.CONTAINERD) {
            notOffered.add(new NotOffered(FixKind.LOAD_RESULT, finding.key(), "step " + producerStep.get().label()
                    + " builds several platforms, which the classic image store cannot load (the docker exporter holds one)"));
            return Optional.empty();
        }
        WorkflowDraft draft = new WorkflowDraft(FixKind.LOAD_RESULT, finding);
        draft.summary("Load the result of step " + producerStep.get().label() + " into the runner's daemon ("
                + (producer.get().fromAction() ? "'load: true'" : "--load") + "), so later "
                + "steps find " + finding.image() + ".");
        if (producer.get().fromAction()) {
            draft.fragment("build step " + producerStep.get().label(), "- uses: " + producerStep.get().uses() + "\n  with:\n    load: true\n");
        } else {
            draft.fragment("run step " + producerStep.get().label(), "# the build command at line " + producer.get().line() + ", with --load\n"
                    + commandAt(producer.get().line()) + "\n");
        }
        if (producer.get().fromAction()) {
            draft.edit(e -> e.setInput(producerStep.get(), "load", "true"), "step " + producerStep.get().label() + " loads its result");
        } else if (!draft.edit(e -> e.addBuildFlags(producer.get().line(), List.of("--load")), "")) {
            draft.noPatch("the build command spans lines: add --load to it");
        }
        return Optional.of(draft.plan());
    }

    /** The docker build command written on a workflow line, with --load after its verb ("docker build --load -t a ."). */
    private String commandAt(int line) {
        List<String> lines = context.text().lines().toList();
        String text = line >= 1 && line <= lines.size() ? lines.get(line - 1).trim() : "";
        text = text.startsWith("- run:") ? text.substring(6).trim() : text.startsWith("run:") ? text.substring(4).trim() : text;
        java.util.regex.Matcher verb = java.util.regex.Pattern.compile("docker(?:\\s+buildx|\\s+image|\\s+builder)?\\s+(?:build|b)\\b").matcher(text);
        return verb.find() ? text.substring(0, verb.end()) + " --load" + text.substring(verb.end()) : "docker build --load ...";
    }

    private Optional<FixPlan> renameInput(Finding finding) {
        Optional<Workflow.Step> setup = step(finding.job(), finding.subject().stepIndex());
        String removed = finding.subject().input();
        String renamed = removed.equals("config") ? "buildkitd-config" : "buildkitd-config-inline";
        WorkflowDraft draft = new WorkflowDraft(FixKind.RENAME_ACTION_INPUT, finding);
        draft.summary("Rename '" + removed + "' to '" + renamed + "', the name v4 accepts.");
        draft.fragment("setup-buildx step", "with:\n  " + renamed + ": |\n    ...\n");
        setup.ifPresent(s -> draft.edit(e -> e.renameInput(s, removed, renamed), "the input is called " + renamed));
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> dropPull(Finding finding) {
        Optional<Workflow.Step> buildStep = step(finding.job(), finding.subject().stepIndex());
        Optional<SimulatedBuild> build = buildOf(finding);
        WorkflowDraft draft = new WorkflowDraft(FixKind.DROP_PULL, finding);
        draft.summary("Stop forcing a pull: the docker driver then uses the image in the daemon.");
        draft.fragment("build step", "with:\n  pull: false\n");
        if (build.isPresent() && build.get().fromAction() && buildStep.isPresent()) {
            draft.edit(e -> e.removeInput(buildStep.get(), "pull"), "the build does not force a pull");
        } else {
            draft.noPatch("the build is a run: command: remove --pull from it");
        }
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> registryService(Finding finding) {
        ImageReference reference = ImageReference.parseOrNull(finding.image());
        int port = reference == null ? context.registryPort() : dev.buildxlens.core.model.RegistryHosts.port(reference.domain());
        Optional<Workflow.Job> job = job(finding.job());
        WorkflowDraft draft = new WorkflowDraft(FixKind.ADD_REGISTRY_SERVICE, finding);
        draft.summary("Run a registry as a service of job " + finding.job() + " on port " + port + ".");
        draft.fragment("job", "services:\n  registry:\n    image: registry:2\n    ports:\n      - " + port + ":5000\n");
        job.ifPresent(j -> draft.edit(e -> e.addRegistryService(j, port), "job " + j.id() + " runs a registry:2 service on port " + port));
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> containerBuilder(Finding finding) {
        Optional<SimulatedBuild> found = buildOf(finding);
        Optional<Workflow.Step> buildStep = step(finding.job(), finding.subject().stepIndex());
        if (found.isEmpty() || buildStep.isEmpty()) {
            return Optional.empty();
        }
        SimulatedBuild build = found.get();
        Optional<Workflow.Step> setup = builderStep(build);
        // Builds that read images from the daemon need the docker driver: they must keep it.
        List<String> needsDaemon = new ArrayList<>();
        for (SimulatedBuild other : sameBuilder(build)) {
            if (other != build && other.analysis().images().stream().anyMatch(n -> n.reference() != null
                    && other.daemonImageSteps().containsKey(n.reference().normalized()))) {
                needsDaemon.add("step " + label(other));
            }
        }
        WorkflowDraft draft = new WorkflowDraft(FixKind.USE_CONTAINER_BUILDER, finding);
        boolean loadIt = !build.spec().load() && !build.spec().push() && build.spec().outputs().isEmpty() && !build.spec().multiPlatform();
        if (setup.isPresent() && setup.get().with().containsKey("driver") && needsDaemon.isEmpty()) {
            draft.summary("Build on the docker-container builder setup-buildx-action creates by default: it builds several "
                    + "platforms and exports every cache type.");
            draft.fragment("setup-buildx step", "- uses: " + setup.get().uses() + "\n");
            draft.edit(e -> e.removeInput(setup.get(), "driver"), "the builder uses the docker-container driver");
        } else if (build.fromAction()) {
            String id = "container-builder";
            draft.summary("Add a docker-container builder for this build only (use: false), and build on it: it builds several "
                    + "platforms and exports every cache type, while the other builds keep the docker driver"
                    + (needsDaemon.isEmpty() ? "." : " they need (" + String.join(", ", needsDaemon) + ")."));
            List<String> setupLines = List.of("name: Set up a container builder", "id: " + id, "uses: docker/setup-buildx-action@v4",
                    "with:", "  use: false");
            draft.fragment("job steps", "- " + String.join("\n  ", setupLines) + "\n- uses: " + buildStep.get().uses()
                    + "\n  with:\n    builder: ${{ steps." + id + ".outputs.name }}\n");
            draft.edit(e -> {
                e.insertStepBefore(buildStep.get(), setupLines);
                return e.setInput(buildStep.get(), "builder", "${{ steps." + id + ".outputs.name }}");
            }, "");
        } else {
            draft.summary("Build on a docker-container builder.");
            draft.fragment("run step", "docker buildx create --use --driver docker-container\n");
            draft.noPatch("the build is a run: command: create a docker-container builder before it (docker buildx create --use)");
        }
        if (loadIt && build.fromAction()) {
            draft.changesElsewhere("the result is loaded into the daemon with load: true, as the docker driver did by itself");
            draft.edit(e -> e.setInput(buildStep.get(), "load", "true"), "");
        }
        if (build.spec().platforms().stream().anyMatch(p -> !p.equals("linux/amd64")) && build.fromAction()) {
            boolean qemu = job(finding.job()).map(j -> j.steps().stream().anyMatch(s -> s.uses() != null
                    && s.uses().startsWith("docker/setup-qemu-action") && s.index() < buildStep.get().index())).orElse(false);
            if (qemu) {
                draft.done("docker/setup-qemu-action runs before the build (other platforms are emulated)");
            } else {
                draft.edit(e -> {
                    e.insertStepBefore(buildStep.get(), List.of("uses: docker/setup-qemu-action@v3"));
                    return true;
                }, "");
                draft.changesElsewhere("docker/setup-qemu-action is added so that the container builder can run other platforms' steps");
            }
        }
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> containerdStore(Finding finding) {
        Optional<Workflow.Job> job = job(finding.job());
        WorkflowDraft draft = new WorkflowDraft(FixKind.ENABLE_CONTAINERD_STORE, finding);
        List<String> setupLines = List.of("name: Set up Docker with the containerd image store", "uses: docker/setup-docker-action@v4",
                "with:", "  daemon-config: |", "    {\"features\": {\"containerd-snapshotter\": true}}");
        draft.summary("Start the job with a Docker daemon that uses the containerd image store (docker/setup-docker-action): the "
                + "docker driver then builds multi-platform images and exports cache.");
        draft.fragment("the first step of job " + finding.job(), "- " + String.join("\n  ", setupLines) + "\n");
        draft.changesElsewhere("every Docker command of job " + finding.job() + " then talks to the new daemon (the action makes it the current context)");
        boolean present = job.map(j -> j.steps().stream().anyMatch(s -> s.uses() != null && s.uses().startsWith("docker/setup-docker-action")
                && s.input("daemon-config") != null && s.input("daemon-config").contains("containerd-snapshotter"))).orElse(false);
        if (present) {
            draft.done("job " + finding.job() + " sets up Docker with the containerd image store");
        } else if (job.isPresent() && !job.get().steps().isEmpty()) {
            draft.edit(e -> {
                e.insertStepBefore(job.get().steps().get(0), setupLines);
                return true;
            }, "");
        }
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> ociExporter(Finding finding) {
        Optional<SimulatedBuild> build = buildOf(finding);
        Optional<Workflow.Step> buildStep = step(finding.job(), finding.subject().stepIndex());
        if (build.isEmpty() || buildStep.isEmpty()) {
            return Optional.empty();
        }
        WorkflowDraft draft = new WorkflowDraft(FixKind.USE_OCI_EXPORTER, finding);
        draft.summary("Export an OCI archive, which holds every platform (or build one platform per export).");
        Optional<String> tarball = build.get().spec().outputs().stream().filter(o -> ExportSpec.parse(o).dockerTarball()).findFirst();
        String replaced = tarball.map(o -> "type=oci,dest=" + ExportSpec.parse(o).dest()).orElse("type=oci,dest=/tmp/image.tar");
        draft.fragment("build step", "with:\n  outputs: " + replaced + "\n");
        if (tarball.isPresent() && build.get().fromAction()) {
            draft.edit(e -> e.replaceListItem(buildStep.get(), "outputs", tarball.get(), replaced), "the build exports " + replaced);
        } else {
            draft.noPatch(tarball.isEmpty() ? "the build loads (load: true) rather than exports: push, or build one platform"
                    : "the build is a run: command: change its --output to " + replaced);
        }
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> transfer(Finding finding) {
        ImageOrigin origin = result.origins().get(finding.key());
        Optional<Workflow.Step> use = step(finding.job(), finding.subject().stepIndex());
        if (origin == null || use.isEmpty()) {
            return Optional.empty();
        }
        Optional<Workflow.Job> producerJob = job(origin.job());
        Optional<Workflow.Step> producerStep = step(origin.job(), origin.stepIndex());
        Optional<Workflow.Job> consumerJob = job(finding.job());
        ImageReference image = ImageReference.parseOrNull(finding.image());
        if (producerJob.isEmpty() || producerStep.isEmpty() || consumerJob.isEmpty() || image == null) {
            return Optional.empty();
        }
        String name = image.path().substring(image.path().lastIndexOf('/') + 1);
        String tarball = "/tmp/" + name + ".tar";
        String artifact = name + "-image";
        WorkflowDraft draft = new WorkflowDraft(FixKind.TRANSFER_BETWEEN_JOBS, finding);
        draft.summary("Save " + image.familiar() + " in job " + origin.job() + ", upload it as artifact '" + artifact + "', and in job "
                + finding.job() + " download and docker load it before step " + use.get().label() + ".");
        draft.fragment("both jobs", transferFragment(image.familiar(), tarball, artifact));
        Optional<SimulatedBuild> producer = result.buildAt(origin.job(), origin.stepIndex());
        boolean inDaemon = producer.map(b -> b.spec().load() || !b.fromAction() || b.driver().equals(VisibilityRules.DOCKER)).orElse(true);
        draft.edit(e -> {
            List<String> upload = List.of("uses: actions/upload-artifact@v4", "with:", "  name: " + artifact, "  path: " + tarball);
            e.insertStepAfter(producerStep.get(), upload);
            if (inDaemon) {
                e.insertRunStepAfter(producerStep.get(), "Save " + image.familiar(), List.of("docker save " + shellWord(image.familiar())
                        + " -o " + tarball));
            } else {
                e.addListItem(producerStep.get(), "outputs", "type=docker,dest=" + tarball);
            }
            e.insertStepBefore(use.get(), List.of("uses: actions/download-artifact@v4", "with:", "  name: " + artifact, "  path: /tmp"));
            e.insertRunStepBefore(use.get(), "Load " + image.familiar(), List.of("docker load --input " + tarball));
            e.addNeeds(consumerJob.get(), origin.job());
            return true;
        }, "");
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> argDefault(Finding finding) {
        String variable = finding.subject().arg();
        Optional<Workflow.Step> buildStep = step(finding.job(), finding.subject().stepIndex());
        Optional<SimulatedBuild> build = buildOf(finding);
        // The user's own value: another build of this workflow that passes the same ARG.
        Optional<String> known = result.builds().stream().map(b -> b.spec().buildArgs().get(variable))
                .filter(v -> v != null && !v.isBlank() && !v.contains("${{")).findFirst();
        String value = known.orElse(LocalFixPlanner.IMAGE_PLACEHOLDER);
        WorkflowDraft draft = new WorkflowDraft(FixKind.ADD_ARG_DEFAULT, finding);
        draft.summary("Pass ARG " + variable + " to the build"
                + (known.isPresent() ? " with the value another build of this workflow gives it (" + value + ")"
                : "; which image is yours to say: replace " + value) + ", or give the ARG a default in the Dockerfile.");
        draft.fragment("build step", "with:\n  build-args: |\n    " + variable + "=" + value + "\n");
        if (known.isEmpty()) {
            draft.noPatch("the image " + variable + " should name is not in this workflow: fill in " + value + " yourself");
        } else if (build.isPresent() && build.get().fromAction() && buildStep.isPresent()) {
            draft.edit(e -> e.addListItem(buildStep.get(), "build-args", variable + "=" + value), "the build passes " + variable);
        } else if (build.isEmpty() || !draft.edit(e -> e.addBuildFlags(build.get().line(), List.of("--build-arg", variable + "=" + value)), "")) {
            draft.noPatch("the build command spans lines: add --build-arg " + variable + "=" + value + " to it");
        }
        return Optional.of(draft.plan());
    }

    // ---- text ----

    private String label(SimulatedBuild build) {
        return step(build.job(), build.stepIndex()).map(Workflow.Step::label).orElse("#" + (build.stepIndex() + 1));
    }

    private static String shellWord(String word) {
        return ShellQuote.quote(word);
    }

    private static String transferFragment(String image, String tarball, String artifact) {
        // The image name comes from the user's files: quoted as a scalar, and kept on one line in the comment.
        return "# in the job that builds " + image.replaceAll("\\p{Cntrl}", "?") + ", after the build\n- run: docker save "
                + shellWord(image) + " -o " + tarball + "\n- uses: actions/upload-artifact@v4\n  with:\n    name: " + artifact
                + "\n    path: " + tarball + "\n# in the job that uses it (with needs: on the first), before the use\n"
                + "- uses: actions/download-artifact@v4\n  with:\n    name: " + artifact + "\n    path: /tmp\n- run: docker load --input "
                + tarball + "\n";
    }

    private static String setupBuildx(Optional<Workflow.Step> existing, String line) {
        String uses = existing.map(Workflow.Step::uses).orElse("docker/setup-buildx-action@v4");
        String name = existing.map(Workflow.Step::name).orElse(null);
        return (name == null ? "- uses: " + uses + "\n" : "- name: " + WorkflowEditor.scalar(name) + "\n  uses: " + uses + "\n")
                + "  with:\n    " + line + "\n";
    }

    /**
     * A workflow fix being written: its fragment, the edits of the workflow file (each says what it means when it
     * finds its change already there), extra patches (the Dockerfile), and why there is no patch when there cannot be.
     */
    private final class WorkflowDraft {
        private final FixKind kind;
        private final Finding finding;
        private final WorkflowEditor editor = new WorkflowEditor(context.text());
        private final List<String> alreadyDone = new ArrayList<>();
        private final List<String> prerequisites = new ArrayList<>();
        private final List<String> breaks = new ArrayList<>();
        private final List<FixStep> extra = new ArrayList<>();
        private String summary = "";
        private Snippet fragment;
        private String noPatch = "";

        WorkflowDraft(FixKind kind, Finding finding) {
            this.kind = kind;
            this.finding = finding;
        }

        void summary(String text) {
            summary = text;
        }

        void fragment(String where, String yaml) {
            fragment = new Snippet("github-actions", "In the " + where, "yaml", yaml);
        }

        void needs(String what) {
            prerequisites.add(what);
        }

        void changesElsewhere(String what) {
            breaks.add(what);
        }

        void done(String what) {
            if (!alreadyDone.contains(what)) {
                alreadyDone.add(what);
            }
        }

        void noPatch(String why) {
            noPatch = noPatch.isEmpty() ? why : noPatch + "; " + why;
        }

        void extra(String title, Snippet patch) {
            extra.add(new FixStep(title, List.of(patch)));
        }

        /** Runs one edit; when it finds its change already in the file, {@code alreadyThere} is recorded as done. */
        boolean edit(java.util.function.Function<WorkflowEditor, Boolean> change, String alreadyThere) {
            boolean changed = change.apply(editor);
            if (!changed && !alreadyThere.isEmpty()) {
                done(alreadyThere);
            }
            return changed;
        }

        FixPlan plan() {
            List<FixStep> steps = new ArrayList<>();
            String where = "job " + finding.job() + ", step " + finding.step();
            String patched = editor.apply();
            String diff = UnifiedDiff.of(context.path(), context.text(), patched);
            boolean workflowChanges = !diff.isEmpty();
            if (workflowChanges || !noPatch.isEmpty() || extra.isEmpty() && alreadyDone.isEmpty()) {
                steps.add(new FixStep("The change, in workflow terms (" + where + ")", List.of(fragment)));
            }
            if (!noPatch.isEmpty()) {
                steps.add(new FixStep("No patch for this part: " + noPatch, List.of()));
            }
            if (workflowChanges) {
                steps.add(new FixStep("The same, as a patch of " + context.path() + " (git apply, from the repository root)",
                        List.of(new Snippet(Snippet.WORKFLOW_PATCH, context.path(), "diff", diff))));
            }
            steps.addAll(extra);
            return new FixPlan(kind, false, summary, List.of(finding.id()), List.of(finding.key()), prerequisites, breaks, steps, alreadyDone);
        }
    }
}
