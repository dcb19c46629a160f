package dev.buildxlens.core.log;

import dev.buildxlens.core.diagnose.Evidence;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.FindingKind;
import dev.buildxlens.core.diagnose.Subject;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A log read on the machine it came from: the facts a log never prints (the builder's driver, whether the image is in
 * the daemon's store) are looked up in the machine's picture, and decide the possible causes they can. Only when the
 * log names a builder that exists here: a CI job's log, or one whose builder is not on this machine, ran elsewhere,
 * and this machine's state says nothing about it (a note says which). What the picture decides is said with the
 * moment it was seen: "right now".
 */
public final class LogMachineCheck {

    private LogMachineCheck() {
    }

    /** {@code machine} is asked for only when the log has a possible cause a machine could decide (probing takes time). */
    public static LogDiagnosis consult(LogDiagnosis diagnosis, java.util.function.Supplier<Snapshot> machineSource) {
        LogFacts facts = diagnosis.facts();
        List<String> notes = new ArrayList<>(diagnosis.notes());
        if (diagnosis.possible().isEmpty()) {
            return diagnosis;
        }
        if (facts.kind() == LogKind.GITHUB_ACTIONS || facts.kind() == LogKind.GITLAB) {
            notes.add("a CI job's log: it ran on the runner, so this machine's stores and builders decide nothing in it");
            return with(diagnosis, diagnosis.findings(), diagnosis.possible(), notes);
        }
        String named = facts.builder().name();
        if (named == null) {
            // Nothing to match this machine's builders to: no probe for a note that could decide nothing.
            notes.add("the log does not name its builder, so this machine's builders cannot be matched to it");
            return with(diagnosis, diagnosis.findings(), diagnosis.possible(), notes);
        }
        Snapshot machine = machineSource.get();
        if (machine == null) {
            return diagnosis;
        }
        if (!machine.daemon().reachable()) {
            notes.add("this machine's Docker daemon does not answer: nothing in the log could be checked against it");
            return with(diagnosis, diagnosis.findings(), diagnosis.possible(), notes);
        }
        Optional<Builder> builder = machine.builder(named);
        if (builder.isEmpty()) {
            notes.add("the log's builder " + named + " is not on this machine: the log ran elsewhere");
            return with(diagnosis, diagnosis.findings(), diagnosis.possible(), notes);
        }
        Builder b = builder.get();
        Daemon daemon = machine.engineOf(b).daemon();
        String image = facts.failingRef() != null ? facts.failingRef() : facts.failingImage();
        Optional<Image> local = image == null ? Optional.empty() : find(daemon, image);
        boolean dockerDriver = b.driver().equals("docker");
        List<Finding> findings = new ArrayList<>(diagnosis.findings());
        List<PossibleCause> open = new ArrayList<>();
        // Not in the builder's engine, but in another context's: that decides it, whatever the driver (§9.3).
        Optional<dev.buildxlens.core.model.ContextEngine> elsewhere = local.isPresent() || image == null ? Optional.empty()
                : machine.engines().stream().filter(e -> e.daemon() != null && e.daemon().reachable() && e.daemon() != daemon
                        && !e.name().equals(daemon.context()) && find(e.daemon(), image).isPresent()).findFirst();
        if (elsewhere.isPresent()) {
            List<Evidence> evidence = diagnosis.possible().stream()
                    .filter(c -> c.kind() == FindingKind.LOCAL_IMAGE_INVISIBLE || c.kind() == FindingKind.LOCAL_IMAGE_WRONG_PLATFORM)
                    .flatMap(c -> c.evidence().stream()).distinct().toList();
            String other = elsewhere.get().name();
            String tag = find(elsewhere.get().daemon(), image).map(i -> i.tags().isEmpty() ? image : i.tags().get(0)).orElse(image);
            Subject subject = new Subject(null, -1, tag, b.name(), "", "", "", other);
            findings.add(Finding.of(FindingKind.IMAGE_IN_OTHER_CONTEXT,
                    tag + " is in the engine of context " + other + " right now, not in the engine of context " + daemon.context()
                            + " where " + b.name() + " built",
                    "Every Docker context has its own engine and image store. The log shows " + b.name() + " asking a registry for "
                            + image + "; on this machine " + b.name() + " builds on context " + daemon.context() + "'s engine, which "
                            + "does not hold it, while context " + other + "'s engine does.",
                    facts.source(), evidence.stream().mapToInt(Evidence::line).max().orElse(0), facts.failingStep(), subject)
                    .withEvidence(evidence));
            notes.add("decided on this machine: " + tag + " is in context " + other + "'s engine, not in " + daemon.context() + "'s");
        }
        for (PossibleCause cause : diagnosis.possible()) {
            if (elsewhere.isPresent() && (cause.kind() == FindingKind.LOCAL_IMAGE_INVISIBLE || cause.kind() == FindingKind.LOCAL_IMAGE_WRONG_PLATFORM)) {
                continue;
            }
            if (cause.kind() == FindingKind.LOCAL_IMAGE_INVISIBLE && !dockerDriver && local.isPresent()) {
                String tag = local.get().tags().isEmpty() ? image : local.get().tags().get(0);
                Subject subject = new Subject(null, -1, tag, b.name(), "", "", "", "");
                findings.add(Finding.of(FindingKind.LOCAL_IMAGE_INVISIBLE,
                        tag + " is in your daemon's image store right now; " + b.name() + " (" + b.driver() + " driver) cannot read it",
                        "The log shows " + b.name() + " asking a registry for " + image + ". On this machine " + b.name() + " uses the "
                                + b.driver() + " driver: BuildKit keeps its own content store and never reads the daemon's images, "
                                + "where " + tag + " is (docker load, docker build). Only the docker driver reads them.",
                        facts.source(), lastLine(cause), facts.failingStep(), subject).withEvidence(cause.evidence()));
                notes.add("decided on this machine: " + b.name() + " uses the " + b.driver() + " driver and " + tag + " is in the daemon's store");
            } else if (cause.kind() == FindingKind.LOCAL_IMAGE_INVISIBLE && dockerDriver) {
                notes.add("not local-image-invisible: " + b.name() + " uses the docker driver here, which reads the daemon's store");
            } else if (cause.kind() == FindingKind.LOCAL_IMAGE_WRONG_PLATFORM && !dockerDriver) {
                notes.add("not local-image-wrong-platform: " + b.name() + " uses the " + b.driver() + " driver here, which never uses local images");
            } else if ((cause.kind() == FindingKind.LOCAL_IMAGE_INVISIBLE || cause.kind() == FindingKind.LOCAL_IMAGE_WRONG_PLATFORM)
                    && image != null && local.isEmpty()) {
                // Not there now: it may have been removed since the build, so the cause stays open, with what is known.
                notes.add(image + " is not in the daemon's image store right now");
                open.add(cause);
            } else {
                open.add(cause);
            }
        }
        return with(diagnosis, findings, open, notes);
    }

    private static LogDiagnosis with(LogDiagnosis diagnosis, List<Finding> findings, List<PossibleCause> possible, List<String> notes) {
        return new LogDiagnosis(diagnosis.facts(), findings, possible, notes);
    }

    private static int lastLine(PossibleCause cause) {
        return cause.evidence().stream().mapToInt(Evidence::line).max().orElse(0);
    }

    /** The image in the daemon's store by any of its tags, compared as full references (my-base = docker.io/library/my-base:latest). */
    private static Optional<Image> find(Daemon daemon, String wanted) {
        String normal = normalized(wanted);
        return daemon.images().stream().filter(i -> i.tags().stream().anyMatch(t -> normalized(t).equals(normal))).findFirst();
    }

    private static String normalized(String image) {
        return ImageReference.normalize(image);
    }
}
