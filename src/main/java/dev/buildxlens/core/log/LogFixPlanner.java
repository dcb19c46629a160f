package dev.buildxlens.core.log;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.files.PatchRoot;
import dev.buildxlens.core.fix.FixKind;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.ShellQuote;
import dev.buildxlens.core.fix.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixes for the findings a log establishes, filled in with what the log shows (the builder's name, the image, the
 * ARG, whether it ran in GitHub Actions). A log names no file of the user's, so there are no patches: every step is a
 * command or a snippet to copy. Possible causes get no fix: the facts that would decide them are missing.
 */
public final class LogFixPlanner {

    private LogFixPlanner() {
    }

    public static FixPlans plan(LogDiagnosis diagnosis, Path workingDirectory) {
        List<FixPlan> plans = new ArrayList<>();
        List<NotOffered> notOffered = new ArrayList<>();
        LogFacts facts = diagnosis.facts();
        for (Finding finding : diagnosis.findings()) {
            boolean first = true;
            for (String id : finding.fixes()) {
                FixKind kind = FixKind.byId(id);
                List<FixStep> steps = steps(kind, finding, facts);
                if (steps.isEmpty()) {
                    notOffered.add(new NotOffered(kind, finding.key(), "a build log does not show enough of the build to write this fix"));
                    continue;
                }
                plans.add(new FixPlan(kind, first, kind.title() + " (from the log: " + finding.message() + ")", List.of(finding.id()),
                        List.of(finding.key()), List.of(), List.of(), steps, List.of()));
                first = false;
            }
        }
        return new FixPlans(plans, new PatchRoot(workingDirectory.toAbsolutePath().normalize(), false), notOffered);
    }

    private static List<FixStep> steps(FixKind kind, Finding finding, LogFacts facts) {
        boolean github = facts.kind() == LogKind.GITHUB_ACTIONS;
        String builder = facts.builder().name();
        return switch (kind) {
            case USE_CONTAINER_BUILDER -> List.of(github
                    ? step("Let setup-buildx-action create a docker-container builder (its default driver)",
                    yaml("- uses: docker/setup-buildx-action@" + facts.versions().getOrDefault("setup-buildx-action", "v4") + "\n  with:\n    driver: docker-container\n"))
                    : step("Create a docker-container builder and use it", sh("docker buildx create --use --name container-builder --driver docker-container")));
            case ENABLE_CONTAINERD_STORE -> List.of(step("Turn on the containerd image store in /etc/docker/daemon.json, then restart dockerd "
                            + "(images of the classic store are hidden until you switch back)",
                    new Snippet("daemon-json", "/etc/docker/daemon.json", "json", "{\n  \"features\": {\n    \"containerd-snapshotter\": true\n  }\n}\n")));
            case USE_OCI_EXPORTER -> List.of(step("Export an OCI archive, which holds every platform (or build a single --platform)",
                    sh("docker buildx build --output type=oci,dest=image.tar .")));
            case LOAD_RESULT -> List.of(github
                    ? step("Load the result into the runner's daemon", yaml("- uses: docker/build-push-action@" + facts.versions().getOrDefault("build-push-action", "v7") + "\n  with:\n    load: true\n"))
                    : step("Build with --load so the daemon gets the tag" + (finding.image().isEmpty() ? "" : " " + finding.image()),
                    sh("docker buildx build --load" + (finding.image().isEmpty() ? "" : " -t " + ShellQuote.quote(finding.image())) + " .")));
            case ADD_ARG_DEFAULT -> finding.subject().arg().isEmpty() ? List.of() : List.of(
                    step("Give ARG " + finding.subject().arg() + " a default in the Dockerfile (before the FROM that uses it)",
                            new Snippet("dockerfile", "Dockerfile", "dockerfile", "ARG " + finding.subject().arg() + "=IMAGE:TAG\n")),
                    step("or pass it on every build", sh("docker buildx build --build-arg " + finding.subject().arg() + "=IMAGE:TAG .")));
            case USE_DOCKER_CONTEXT -> List.of(step("Make a Docker context from the TLS environment, and the builder on that context",
                    sh("docker context create tls-environment\ndocker buildx create --use"
                            + (builder == null ? "" : " --name " + ShellQuote.quote(builder))
                            + (facts.builder().driver() == null ? "" : " --driver " + ShellQuote.quote(facts.builder().driver()))
                            + " tls-environment")));
            // The two fixes of a local image a container builder cannot read (decided on the machine the log came from).
            case USE_DOCKER_DRIVER -> github || finding.image().isEmpty() ? List.of() : List.of(step(
                    "Build on the docker driver: the builder named after your Docker context reads the daemon's images",
                    sh("docker buildx build --builder \"$(docker context show)\" .")));
            case LOCAL_REGISTRY_BRIDGE -> github || finding.image().isEmpty() ? List.of() : localRegistryBridge(finding.image(), builder);
            // The other context's name is the finding's detail (set when this machine decided it).
            case BUILD_ON_CONTEXT_BUILDER -> finding.subject().detail().isEmpty() ? List.of() : List.of(step(
                    "Build on the docker-driver builder of context " + finding.subject().detail() + ", whose engine has the image",
                    sh("docker buildx build --builder " + ShellQuote.quote(finding.subject().detail()) + " .")));
            case MOVE_IMAGE_TO_CONTEXT -> finding.subject().detail().isEmpty() || finding.image().isEmpty() || !"docker".equals(facts.builder().driver())
                    ? List.of() : List.of(step("Copy the image into the engine this build uses",
                    sh("docker --context " + ShellQuote.quote(finding.subject().detail()) + " save " + ShellQuote.quote(finding.image())
                            + " | docker load")));
            case SWITCH_CONTEXT -> finding.subject().detail().isEmpty() ? List.of() : List.of(step(
                    "Make context " + finding.subject().detail() + " current again",
                    sh("docker context use " + ShellQuote.quote(finding.subject().detail()))));
            default -> List.of();
        };
    }

    /**
     * Through a registry on localhost: push the local image there and build FROM it; a docker-container builder reaches
     * the host's localhost only with the host network (buildx-facts §5).
     */
    private static List<FixStep> localRegistryBridge(String image, String builder) {
        dev.buildxlens.core.image.ImageReference reference = dev.buildxlens.core.image.ImageReference.parseOrNull(image);
        dev.buildxlens.core.image.ImageReference bridged = reference == null ? null : reference.inRegistry("localhost:5000");
        if (bridged == null) {
            return List.of();
        }
        String local = bridged.familiar();
        return List.of(
                step("Run a registry on localhost and push the image to it", sh("docker run -d -p 5000:5000 --name registry registry:2\n"
                        + "docker tag " + ShellQuote.quote(image) + " " + ShellQuote.quote(local) + "\n"
                        + "docker push " + ShellQuote.quote(local))),
                step("Give the Dockerfile's FROM an ARG, so the build can name the registry's copy",
                        new Snippet("dockerfile", "Dockerfile", "dockerfile", "ARG BASE_IMAGE=" + image + "\nFROM ${BASE_IMAGE}\n")),
                step("Build on a builder with the host network" + (builder == null ? "" : " (" + builder + " has it only if it was created with network=host)"),
                        sh("docker buildx create --name host-network --driver docker-container --driver-opt network=host\n"
                                + "docker buildx build --builder host-network --build-arg BASE_IMAGE=" + ShellQuote.quote(local) + " .")));
    }

    private static FixStep step(String title, Snippet... snippets) {
        return new FixStep(title, List.of(snippets));
    }

    private static Snippet sh(String command) {
        return new Snippet("shell", "shell", "sh", command + "\n");
    }

    private static Snippet yaml(String text) {
        return new Snippet("github-actions", "workflow step", "yaml", text);
    }
}
