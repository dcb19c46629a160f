package dev.buildxlens.core.log;

import dev.buildxlens.core.diagnose.Evidence;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.FindingKind;
import dev.buildxlens.core.diagnose.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what a log shows to the finding catalog. A failure text that names its cause by itself (the docker driver's
 * feature errors, the TLS builder error, a blank FROM ARG) is a finding; a text several causes produce (a registry
 * that refuses or cannot be reached) gives only {@link PossibleCause}s, each with the facts that would decide it —
 * which the log never prints (a driver, the daemon's store, an image's platform). Nothing is guessed.
 */
public final class LogDiagnoser {

    private static final Pattern LOOPBACK = Pattern.compile(
            "(?i)(?:https?://|dial tcp |\\s|^)(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1]|::1)(?::\\d+)?[/\\s:\"]");

    private LogDiagnoser() {
    }

    public static LogDiagnosis diagnose(LogFacts facts) {
        return new Run(facts).diagnose();
    }

    private static final class Run {
        private final LogFacts facts;
        private final BuilderInfo builder;
        private final List<Finding> findings = new ArrayList<>();
        private final Map<FindingKind, PossibleCause> possible = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        Run(LogFacts facts) {
            this.facts = facts;
            this.builder = facts.builder();
        }

        LogDiagnosis diagnose() {
            dockerDriverFeatures();
            confirmed("DOCKER_EXPORTER_MANIFEST_LIST", FindingKind.DOCKER_EXPORTER_MULTIPLATFORM,
                    "the docker exporter cannot write a manifest list",
                    "The build produced several platforms (or attestations, which make an index too) and exported them with the docker "
                            + "exporter (--load into a classic image store, or type=docker): that format holds one platform. "
                            + "Export an OCI archive, build one platform, or load into the containerd image store (buildx-facts §4.1, §8).", "");
            confirmed("BUILDX_CREATE_TLS_ENV", FindingKind.BUILDX_CREATE_TLS_ENV,
                    "docker buildx create refused the TLS settings from DOCKER_HOST/DOCKER_TLS_VERIFY/DOCKER_CERT_PATH",
                    "buildx makes builders from Docker contexts and will not take TLS data from the environment. Create a context "
                            + "first (`docker context create tls-environment`) and then the builder on it (`docker buildx create --use "
                            + "tls-environment`) (buildx-facts §9.5).", "");
            fromArg();
            resultNotLoaded();
            registryFailures();
            legacyPullDenied();
            understood();
            if (facts.outcome() == LogOutcome.FAILURE && findings.isEmpty() && possible.isEmpty()) {
                notRecognised();
            }
            return new LogDiagnosis(facts, findings, List.copyOf(possible.values()), notes);
        }

        private void dockerDriverFeatures() {
            String on = builder.name() != null ? " (builder " + builder.name() + ")" : "";
            confirmed("DOCKER_DRIVER_MULTIPLATFORM", FindingKind.DOCKER_DRIVER_MULTIPLATFORM,
                    "the docker driver cannot build several platforms" + on,
                    "With the classic image store, the docker driver builds one platform at a time; buildx stops before the "
                            + "build (buildx-facts §4.1, §8). Build on a docker-container builder, or turn on the containerd image store.", "");
            confirmed("DOCKER_DRIVER_CACHE_EXPORT", FindingKind.DOCKER_DRIVER_CACHE_EXPORT,
                    "the docker driver cannot export a build cache" + on,
                    "With the classic image store, the docker driver only supports the inline cache; --cache-to of another "
                            + "type stops the build (buildx-facts §4.1, §8). Build on a docker-container builder, or turn on the "
                            + "containerd image store.", "");
            confirmed("DOCKER_DRIVER_EXPORTER", FindingKind.DOCKER_DRIVER_EXPORTER,
                    "the docker driver cannot use this exporter" + on,
                    "With the classic image store, the docker driver has no OCI exporter and no docker exporter with dest= "
                            + "(buildx-facts §4.1, §9.4). Build on a docker-container builder, or turn on the containerd image store.", "");
        }

        /** A symptom that names its cause: one finding, at its first line. */
        private void confirmed(String symptom, FindingKind kind, String message, String explanation, String arg) {
            List<SymptomHit> hits = facts.hits(symptom);
            if (hits.isEmpty()) {
                return;
            }
            SymptomHit hit = hits.get(0);
            Subject subject = new Subject(null, -1, "", builder.name(), arg, "", "", facts.operation());
            Finding finding = Finding.of(kind, message, explanation, facts.source(), hit.line().number(), facts.failingStep(), subject);
            findings.add(finding.withEvidence(evidence(hit.line())));
        }

        private void fromArg() {
            List<SymptomHit> hits = facts.hits("FROM_ARG_BLANK");
            if (hits.isEmpty()) {
                return;
            }
            SymptomHit hit = hits.get(0);
            String arg = hit.detail();
            Subject subject = new Subject(null, -1, "", builder.name(), arg, "", "", "");
            findings.add(Finding.of(FindingKind.FROM_ARG_WITHOUT_DEFAULT, "FROM uses $" + arg + ", which is empty in this build",
                    "The Dockerfile's FROM takes its image from the ARG " + arg + ", which has no default and was not given with "
                            + "--build-arg " + arg + "=IMAGE, so the base name is blank. Give the ARG a default (ARG " + arg
                            + "=IMAGE) or pass the build arg.", facts.source(), hit.line().number(), facts.failingStep(), subject)
                    .withEvidence(evidence(hit.line())));
        }

        /**
         * {@code Unable to find image X locally} from docker run/create, not cured by a pull that follows: with a
         * container builder's "No output specified" warning before it and no failed build, the result stayed in the
         * builder's cache (confirmed); without the warning, only possible (the build that should have made the tag is
         * not in the log); after a failed build, the failed build is the story, not this.
         */
        private void resultNotLoaded() {
            List<SymptomHit> misses = facts.hits("UNABLE_TO_FIND_LOCALLY");
            if (misses.isEmpty() || builder.dockerDriver()) {
                return;
            }
            List<SymptomHit> pulls = facts.hits("PULL_COMPLETED");
            for (SymptomHit miss : misses) {
                int at = miss.line().number();
                boolean cured = pulls.stream().anyMatch(p -> p.line().number() > at);
                boolean failedBuildBefore = facts.firstBuildFailure() > 0 && facts.firstBuildFailure() < at;
                if (cured || failedBuildBefore) {
                    continue;
                }
                SymptomHit warning = facts.hits("NO_OUTPUT").stream()
                        .filter(w -> w.line().number() < at && !"docker".equalsIgnoreCase(w.detail())).findFirst().orElse(null);
                String image = miss.detail();
                if (warning != null) {
                    Subject subject = new Subject(null, -1, image, builder.name(), "", "", "", "");
                    findings.add(Finding.of(FindingKind.RESULT_NOT_LOADED, image + " was built on a " + warning.detail()
                                    + " builder without --load, so docker cannot find it",
                            "buildx warned that no output was given: with a " + warning.detail() + " builder the result stays in the "
                                    + "build cache, and the daemon never gets the tag that the next command uses (buildx-facts §4.2, §9.1). "
                                    + "Add --load (load: true in build-push-action), or push the image.",
                            facts.source(), at, null, subject).withEvidence(evidence(warning.line(), miss.line())));
                } else {
                    addPossible(FindingKind.RESULT_NOT_LOADED, List.of("prior-build"),
                            "docker could not find " + image + " locally; that is what a container-builder build without --load "
                                    + "leaves behind, and also what an image that was never built gives",
                            miss.line());
                }
                return;
            }
        }

        /** Registry answers that several causes produce: each cause becomes possible, with what would decide it. */
        private void registryFailures() {
            for (SymptomHit hit : facts.symptoms()) {
                switch (hit.symptom()) {
                    case "IMAGE_DENIED" -> imageUnavailable(hit, "the registry refused it or has no such repository");
                    case "REGISTRY_NETWORK" -> {
                        if (loopback(hit.line().trimmed()) || loopback(facts.failingRef())) {
                            loopbackRegistry(hit);
                        } else {
                            imageUnavailable(hit, "the registry could not be reached");
                        }
                    }
                    case "HTTP_TO_HTTPS", "X509_UNKNOWN_AUTHORITY" -> registrySettings(hit);
                    default -> {
                    }
                }
            }
        }

        /**
         * BuildKit asked a registry for an image and did not get it. A docker-driver build uses a local image of the
         * right platform without asking; so the log is consistent with an image that exists only in the daemon's store
         * (invisible to a container builder, §4.2) or only for another platform (§9.8) — and with an image that simply
         * does not exist. The driver excludes one or the other when the log shows it.
         */
        private void imageUnavailable(SymptomHit hit, String why) {
            String image = image();
            String reason = "BuildKit asked a registry for " + image + " and " + why + "; ";
            if (!builder.dockerDriver()) {
                List<String> missing = new ArrayList<>();
                if (builder.driver() == null) {
                    missing.add("builder-driver");
                }
                missing.add("image-in-daemon-store");
                addPossible(FindingKind.LOCAL_IMAGE_INVISIBLE, missing, reason + "a container builder never reads the daemon's store, "
                        + "so a loaded or locally built image would fail like this", hit.line());
            }
            if (!builder.otherDriver()) {
                List<String> missing = new ArrayList<>();
                if (builder.driver() == null) {
                    missing.add("builder-driver");
                }
                missing.add("image-in-daemon-store");
                missing.add("image-platform");
                addPossible(FindingKind.LOCAL_IMAGE_WRONG_PLATFORM, missing, reason + "the docker driver uses a local image only for "
                        + "the requested platform and otherwise asks the registry", hit.line());
            }
            pullFlag(hit);
        }

        private void loopbackRegistry(SymptomHit hit) {
            if (!builder.dockerDriver()) {
                addPossible(FindingKind.LOCALHOST_REGISTRY_UNREACHABLE, List.of("builder-network", "registry-listening"),
                        "a loopback registry did not answer; inside a container builder without network=host, localhost is the "
                                + "builder's own container", hit.line());
            }
            addPossible(FindingKind.LOCALHOST_REGISTRY_MISSING, List.of("registry-listening"),
                    "nothing may be listening on that loopback port", hit.line());
        }

        private void registrySettings(SymptomHit hit) {
            if (loopback(hit.line().trimmed()) || builder.dockerDriver()) {
                return; // loopback needs no settings (§5); the docker driver uses the daemon's own settings (§9.7)
            }
            List<String> missing = new ArrayList<>();
            if (builder.driver() == null) {
                missing.add("builder-driver");
            }
            missing.add("daemon-registry-config");
            missing.add("builder-registry-config");
            addPossible(FindingKind.REGISTRY_CONFIG_NOT_INHERITED, missing,
                    "the registry speaks plain HTTP or uses a certificate the builder does not trust; the daemon's "
                            + "insecure-registries and certs.d do not reach a container builder (§9.7)", hit.line());
        }

        /** The daemon's own wording (legacy builder, docker run): only with --pull in the log does it point anywhere. */
        private void legacyPullDenied() {
            for (SymptomHit hit : facts.hits("DAEMON_PULL_DENIED")) {
                boolean afterMiss = facts.hits("UNABLE_TO_FIND_LOCALLY").stream().anyMatch(m -> m.line().number() < hit.line().number());
                if (!afterMiss) {
                    pullFlag(hit);
                }
            }
        }

        private void pullFlag(SymptomHit hit) {
            if (facts.pullCommands().isEmpty() || builder.otherDriver()) {
                return;
            }
            addPossible(FindingKind.PULL_FORCES_REGISTRY, List.of("image-in-daemon-store"),
                    "the build ran with --pull, which skips a local image and asks the registry", facts.pullCommands().get(0), hit.line());
        }

        private void addPossible(FindingKind kind, List<String> missing, String reason, LogLine... lines) {
            possible.putIfAbsent(kind, new PossibleCause(kind, missing, reason, evidence(lines)));
        }

        private void understood() {
            notes.add("log: " + facts.kind().label() + ", " + facts.lineCount() + " lines, outcome " + facts.outcome().label());
            if (builder.known()) {
                notes.add("builder: " + (builder.name() == null ? "(name not shown)" : builder.name()) + ", driver "
                        + (builder.driver() == null ? "(not shown)" : builder.driver())
                        + (builder.driverOpts().isEmpty() ? "" : ", driver options " + LogRedaction.redact(new java.util.TreeMap<>(builder.driverOpts()).toString()))
                        + " (line" + (builder.evidence().size() == 1 ? " " : "s ")
                        + String.join(", ", builder.evidence().stream().map(l -> String.valueOf(l.number())).toList()) + ")");
            } else {
                notes.add("builder: not shown in the log");
            }
            if (!facts.versions().isEmpty()) {
                notes.add("versions: " + facts.versions().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .reduce((a, b) -> a + ", " + b).orElse(""));
            }
            if (facts.failingStep() != null) {
                notes.add("failing step: " + LogRedaction.redact(facts.failingStep()));
            }
            if (facts.failingImage() != null || facts.failingRef() != null) {
                notes.add("failing image: " + LogRedaction.redact(image()) + (facts.operation() == null ? "" : " (" + facts.operation() + ")"));
            }
            if (facts.outcome() != LogOutcome.FAILURE) {
                notes.add("no failing line in this log" + (facts.outcome() == LogOutcome.SUCCESS_EXCERPT
                        ? ": it stops before the build ends, so the failure (if any) is not in it" : ""));
            }
        }

        private void notRecognised() {
            LogLine error = facts.mainErrorLine();
            StringBuilder explanation = new StringBuilder("Understood: ");
            explanation.append(String.join("; ", notes)).append(". ");
            explanation.append(error == null ? "No line of the log names the error (the failing line is not in it)."
                    : "The line that looks like the error is line " + error.number() + ": " + LogRedaction.redact(error.trimmed()));
            Subject subject = new Subject(null, -1, facts.failingImage() == null ? "" : facts.failingImage(), builder.name(), "", "", "", "");
            findings.add(Finding.of(FindingKind.LOG_NOT_RECOGNISED, "the build failed, but no line maps to a cause Buildx Lens knows",
                    explanation.toString(), facts.source(), error == null ? 0 : error.number(), facts.failingStep(), subject)
                    .withEvidence(error == null ? evidence() : evidence(error)));
        }

        private String image() {
            String written = facts.failingImage();
            String ref = facts.failingRef();
            if (written != null && ref != null && !ref.equals(written)) {
                return written + " (" + ref + ")";
            }
            return written != null ? written : ref != null ? ref : "the image";
        }

        /** The builder's lines, the failing image's lines, and these: sorted, once each, redacted. */
        private List<Evidence> evidence(LogLine... lines) {
            Map<Integer, LogLine> all = new java.util.TreeMap<>();
            builder.evidence().forEach(l -> all.put(l.number(), l));
            facts.imageLines().forEach(l -> all.put(l.number(), l));
            for (LogLine line : lines) {
                all.put(line.number(), line);
            }
            return all.values().stream().sorted(Comparator.comparingInt(LogLine::number))
                    .map(l -> new Evidence(facts.source(), l.number(), LogRedaction.redact(l.trimmed()))).toList();
        }
    }

    static boolean loopback(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = LOOPBACK.matcher(text + " ");
        return m.find();
    }
}
