package dev.buildxlens.core.fix;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fix plans for a workflow's findings: a fragment of workflow YAML to read, and, where the workflow's own steps
 * allow it, a minimal unified diff of the workflow file (and of the Dockerfile) with the job ids, step names, image
 * names and port of this workflow. New text uses the current action majors; pinned versions are left as they are.
 */
public final class WorkflowFixPlanner {

    /** The workflow as written, where it lives, and the user's choice of registry port. */
    public record Context(Workflow workflow, String text, String path, Path repoRoot, int registryPort) {
    }

    private final Context context;

    private WorkflowFixPlanner(Context context) {
        this.context = context;
    }

    public static List<FixPlan> plan(WorkflowSimulator.Result result, Context context) throws DockerfileException {
        WorkflowFixPlanner planner = new WorkflowFixPlanner(context);
        Map<String, FixPlan> plans = new LinkedHashMap<>();
        List<String> recommended = new ArrayList<>();
        Diagnosis diagnosis = result.diagnosis();
        for (int i = 0; i < diagnosis.findings().size(); i++) {
            Finding finding = diagnosis.findings().get(i);
            if (finding.severity() == Severity.INFO) {
                continue;
            }
            WorkflowSimulator.Provenance origin = result.provenance().get(i);
            String best = null;
            for (String fixId : finding.fixes()) {
                String key = fixId + "@" + finding.job() + "/" + origin.stepIndex();
                Optional<FixPlan> made = planner.make(FixKind.byId(fixId), finding, origin);
                if (made.isEmpty()) {
                    continue;
                }
                plans.putIfAbsent(key, made.get());
                if (best == null && made.get().breaks().isEmpty()) {
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
        return ordered;
    }

    private Optional<Workflow.Job> job(String id) {
        return context.workflow().job(id);
    }

    private Optional<Workflow.Step> step(String job, int index) {
        return job(job).filter(j -> index >= 0 && index < j.steps().size()).map(j -> j.steps().get(index));
    }

    private Optional<FixPlan> make(FixKind kind, Finding finding, WorkflowSimulator.Provenance origin) throws DockerfileException {
        Optional<Workflow.Step> builderStep = step(origin.job(), origin.builderStepIndex());
        Optional<Workflow.Step> buildStep = step(origin.job(), origin.stepIndex());
        return switch (kind) {
            case USE_DOCKER_DRIVER -> Optional.of(useDockerDriver(finding, origin, builderStep));
            case ADD_NETWORK_HOST -> Optional.of(patchPlan(kind, finding, "Give the builder the host network: with 'driver-opts: network=host' "
                    + "its BuildKit container shares the runner's network, where localhost:" + context.registryPort() + " is the registry service.",
                    List.of(), fragment("setup-buildx step", setupBuildx(builderStep, "driver-opts: network=host")),
                    builderStep.<Consumer<WorkflowEditor>>map(s -> e -> e.addListItem(s, "driver-opts", "network=host")).orElse(null)));
            case LOCAL_REGISTRY_BRIDGE -> Optional.of(registryBridge(finding, origin, builderStep, buildStep));
            case OCI_LAYOUT_CONTEXT -> ociLayout(finding, origin);
            case LOAD_RESULT -> {
                Optional<Workflow.Step> producer = step(origin.job(), origin.imageStepIndex());
                boolean action = producer.map(s -> s.uses() != null && s.uses().startsWith("docker/build-push-action")).orElse(false);
                yield Optional.of(patchPlan(kind, finding, "Load the result into the runner's daemon ('load: true'), so later steps find "
                        + finding.image() + ".", List.of(), fragment("build step", "- uses: docker/build-push-action@v7\n  with:\n    load: true\n"),
                        action ? e -> e.setInput(producer.get(), "load", "true") : null));
            }
            case RENAME_ACTION_INPUT -> {
                String removed = finding.message().contains("'config-inline'") ? "config-inline" : "config";
                String renamed = removed.equals("config") ? "buildkitd-config" : "buildkitd-config-inline";
                yield Optional.of(patchPlan(kind, finding, "Rename '" + removed + "' to '" + renamed + "', the name v4 accepts.", List.of(),
                        fragment("setup-buildx step", "with:\n  " + renamed + ": |\n    ...\n"),
                        buildStep.<Consumer<WorkflowEditor>>map(s -> e -> e.renameInput(s, removed, renamed)).orElse(null)));
            }
            case DROP_PULL -> Optional.of(patchPlan(kind, finding, "Stop forcing a pull: the docker driver then uses the image in the daemon.",
                    List.of(), fragment("build step", "with:\n  pull: false\n"),
                    buildStep.<Consumer<WorkflowEditor>>map(s -> e -> e.removeInput(s, "pull")).orElse(null)));
            case ADD_REGISTRY_SERVICE -> {
                ImageReference reference = ImageReference.parseOrNull(finding.image());
                int port = reference == null ? context.registryPort() : portOf(reference.domain());
                yield Optional.of(patchPlan(kind, finding, "Run a registry as a service of job " + finding.job() + " on port " + port + ".",
                        List.of(), fragment("job", "services:\n  registry:\n    image: registry:2\n    ports:\n      - " + port + ":5000\n"),
                        job(origin.job()).<Consumer<WorkflowEditor>>map(j -> e -> e.addRegistryService(j, port)).orElse(null)));
            }
            case USE_CONTAINER_BUILDER -> Optional.of(patchPlan(kind, finding, "Build on the docker-container builder setup-buildx-action "
                    + "creates by default: it builds several platforms and exports every cache type.", List.of(),
                    fragment("setup-buildx step", "- uses: docker/setup-buildx-action@v4\n"),
                    builderStep.filter(s -> s.with().containsKey("driver")).<Consumer<WorkflowEditor>>map(s -> e -> e.removeInput(s, "driver")).orElse(null)));
            case ENABLE_CONTAINERD_STORE -> Optional.of(patchPlan(kind, finding, "Turn on the containerd image store on the runner before "
                    + "building: the docker driver then builds multi-platform images and exports cache.",
                    List.of(), fragment("a step before setup-buildx", "- uses: docker/setup-docker-action@v4\n  with:\n    daemon-config: |\n"
                            + "      {\"features\": {\"containerd-snapshotter\": true}}\n"), null));
            case USE_OCI_EXPORTER -> {
                String outputs = buildStep.map(s -> s.input("outputs")).orElse("");
                String replaced = outputs == null ? "" : outputs.replace("type=docker", "type=oci");
                boolean single = buildStep.map(s -> s.with().get("outputs") != null && s.with().get("outputs").singleLine()).orElse(false);
                yield Optional.of(patchPlan(kind, finding, "Export an OCI archive, which holds every platform (or build one platform per export).",
                        List.of(), fragment("build step", "with:\n  outputs: " + (replaced.isBlank() ? "type=oci,dest=/tmp/image.tar" : replaced) + "\n"),
                        single ? e -> e.setInput(buildStep.get(), "outputs", replaced) : null));
            }
            case TRANSFER_BETWEEN_JOBS -> Optional.of(patchPlan(kind, finding, "Export the image in the job that builds it, upload it as an "
                    + "artifact, and load it in job " + finding.job() + ".", List.of(), fragment("both jobs", transferFragment(finding.image())), null));
            case ADD_ARG_DEFAULT -> Optional.of(patchPlan(kind, finding, "Give the ARG a default, or pass it in build-args.", List.of(),
                    fragment("build step", "with:\n  build-args: |\n    NAME=image:tag\n"), null));
        };
    }

    private FixPlan useDockerDriver(Finding finding, WorkflowSimulator.Provenance origin, Optional<Workflow.Step> builderStep) {
        List<String> breaks = new ArrayList<>();
        if (origin.platforms().size() > 1) {
            breaks.add("the multi-platform build (platforms: " + String.join(",", origin.platforms()) + ")");
        }
        origin.cacheTo().stream().filter(c -> !c.contains("type=inline"))
                .forEach(c -> breaks.add("the cache export (cache-to: " + c + ")"));
        FixPlan plan = patchPlan(FixKind.USE_DOCKER_DRIVER, finding, "Set 'driver: docker' on setup-buildx-action: the job then builds "
                        + "with the runner dockerd's own BuildKit, which reads the images loaded into the daemon.", breaks,
                fragment("setup-buildx step", setupBuildx(builderStep, "driver: docker")),
                builderStep.<Consumer<WorkflowEditor>>map(s -> e -> e.setInput(s, "driver", "docker")).orElse(null));
        return plan;
    }

    private FixPlan registryBridge(Finding finding, WorkflowSimulator.Provenance origin, Optional<Workflow.Step> builderStep,
                                   Optional<Workflow.Step> buildStep) throws DockerfileException {
        ImageNeed need = origin.need();
        ImageReference local = need == null ? ImageReference.parseOrNull(finding.image()) : need.reference();
        int port = context.registryPort();
        String bridged = local == null ? "localhost:" + port + "/base:latest"
                : "localhost:" + port + "/" + local.path().replaceFirst("^library/", "") + ":" + (local.tag().isEmpty() ? "latest" : local.tag());
        String familiar = local == null ? finding.image() : local.familiar();
        StringBuilder yaml = new StringBuilder();
        yaml.append("services:\n  registry:\n    image: registry:2\n    ports:\n      - ").append(port).append(":5000\nsteps:\n")
                .append("  - name: Push ").append(familiar).append(" to the local registry\n    run: |\n")
                .append("      docker tag ").append(familiar).append(' ').append(bridged).append('\n')
                .append("      docker push ").append(bridged).append('\n')
                .append("  - uses: docker/setup-buildx-action@v4\n    with:\n      driver-opts: network=host\n")
                .append("  - uses: docker/build-push-action@v7\n    with:\n      build-args: |\n        BASE_IMAGE=").append(bridged).append('\n');
        List<Snippet> extra = new ArrayList<>();
        Consumer<WorkflowEditor> edit = null;
        Optional<Workflow.Step> imageStep = step(origin.job(), origin.imageStepIndex());
        if (need != null && need.instruction().equals("FROM") && need.context() == null && builderStep.isPresent() && buildStep.isPresent()
                && imageStep.isPresent() && local != null && !origin.dockerfile().isEmpty()) {
            Path dockerfile = context.repoRoot().resolve(origin.dockerfile());
            String original = DockerfileFiles.readText(dockerfile, origin.dockerfile());
            DockerfileEdits.Parameterized parameterized = DockerfileEdits.parameterizeFrom(original, origin.dockerfile(), need.line(), familiar);
            if (parameterized.changed()) {
                extra.add(new Snippet("dockerfile-patch", origin.dockerfile(), "diff", UnifiedDiff.of(origin.dockerfile(), original, parameterized.text())));
            }
            String argName = parameterized.argName();
            Workflow.Job job = job(origin.job()).orElseThrow();
            boolean hasService = job.services().stream().anyMatch(s -> Container.isRegistryImage(s.image())
                    && s.ports().stream().anyMatch(p -> p.startsWith(port + ":")));
            Workflow.Step builder = builderStep.get();
            Workflow.Step build = buildStep.get();
            Workflow.Step producer = imageStep.get();
            boolean hostNetwork = "network=host".equals(String.valueOf(builder.input("driver-opts")).trim());
            edit = e -> {
                if (!hasService) {
                    e.addRegistryService(job, port);
                }
                e.insertRunStepAfter(producer, "Push " + familiar + " to the local registry",
                        List.of("docker tag " + familiar + " " + bridged, "docker push " + bridged));
                if (!hostNetwork) {
                    e.addListItem(builder, "driver-opts", "network=host");
                }
                e.addListItem(build, "build-args", argName + "=" + bridged);
            };
        }
        FixPlan plan = patchPlan(FixKind.LOCAL_REGISTRY_BRIDGE, finding, "Run registry:2 as a job service, push " + familiar + " to "
                + bridged + " right after it is made, give the builder the host network, and build FROM the registry copy "
                + "through a build arg (the Dockerfile keeps its default).", List.of(), fragment("job", yaml.toString()), edit);
        if (extra.isEmpty()) {
            return plan;
        }
        List<FixStep> steps = new ArrayList<>(plan.steps());
        steps.add(new FixStep("Make the base image a build arg in the Dockerfile", extra));
        return new FixPlan(plan.id(), plan.title(), plan.solves(), plan.recommended(), plan.summary(), plan.prerequisites(),
                plan.tradeoffs(), plan.breaks(), steps);
    }

    private Optional<FixPlan> ociLayout(Finding finding, WorkflowSimulator.Provenance origin) {
        ImageReference local = origin.need() == null ? ImageReference.parseOrNull(finding.image()) : origin.need().reference();
        if (local == null) {
            return Optional.empty();
        }
        String key = LocalFixPlanner.contextKey(local);
        String tag = local.tag().isEmpty() ? "latest" : local.tag();
        String dir = "/tmp/" + local.path().replace('/', '-');
        String yaml = "- name: Copy " + local.familiar() + " into an OCI layout\n  run: skopeo copy docker-daemon:" + local.familiar()
                + " oci:" + dir + ":" + tag + "\n- uses: docker/build-push-action@v7\n  with:\n    build-contexts: |\n      " + key
                + "=oci-layout://" + dir + ":" + tag + "\n";
        return Optional.of(patchPlan(FixKind.OCI_LAYOUT_CONTEXT, finding, "Copy the image out of the daemon into an OCI layout with skopeo "
                + "(on GitHub's Ubuntu runners) and hand it to the build as a named context: any driver reads it, no registry needed.",
                List.of(), fragment("job steps", yaml), null));
    }

    private static String transferFragment(String image) {
        // The image name comes from the user's files: quoted as a scalar, and kept on one line in the comment.
        return "# in the job that builds " + image.replaceAll("\\p{Cntrl}", "?") + "\n- uses: docker/build-push-action@v7\n  with:\n    tags: "
                + WorkflowEditor.scalar(image)
                + "\n    outputs: type=docker,dest=/tmp/image.tar\n- uses: actions/upload-artifact@v4\n  with:\n    name: image\n"
                + "    path: /tmp/image.tar\n# in the job that uses it (with needs: on the first)\n- uses: actions/download-artifact@v4\n"
                + "  with:\n    name: image\n    path: /tmp\n- run: docker load --input /tmp/image.tar\n";
    }

    private static String setupBuildx(Optional<Workflow.Step> existing, String line) {
        String uses = existing.map(Workflow.Step::uses).orElse("docker/setup-buildx-action@v4");
        String name = existing.map(Workflow.Step::name).orElse(null);
        return (name == null ? "- uses: " + uses + "\n" : "- name: " + WorkflowEditor.scalar(name) + "\n  uses: " + uses + "\n")
                + "  with:\n    " + line + "\n";
    }

    private static Snippet fragment(String where, String yaml) {
        return new Snippet("github-actions", "In the " + where, "yaml", yaml);
    }

    private FixPlan patchPlan(FixKind kind, Finding finding, String summary, List<String> breaks, Snippet fragment,
                              Consumer<WorkflowEditor> edit) {
        List<FixStep> steps = new ArrayList<>();
        steps.add(new FixStep("The change, in workflow terms (job " + finding.job() + ", step " + finding.step() + ")", List.of(fragment)));
        if (edit != null) {
            WorkflowEditor editor = new WorkflowEditor(context.text());
            edit.accept(editor);
            String patched = editor.apply();
            String diff = UnifiedDiff.of(context.path(), context.text(), patched);
            if (!diff.isEmpty()) {
                steps.add(new FixStep("The same, as a patch of " + context.path() + " (git apply)",
                        List.of(new Snippet("workflow-patch", context.path(), "diff", diff))));
            }
        }
        return new FixPlan(kind.id(), kind.title(), List.of(finding.id()), false, summary, List.of(), kind.tradeoffs(), breaks, steps);
    }

    private static int portOf(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try {
            return colon > 0 ? Integer.parseInt(hostAndPort.substring(colon + 1)) : 5000;
        } catch (NumberFormatException e) {
            return 5000;
        }
    }
}
