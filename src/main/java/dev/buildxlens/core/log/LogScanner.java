package dev.buildxlens.core.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads normalised lines one at a time and keeps only what a diagnosis can use (builder lines, error lines, recognised
 * failures, the failing vertex), so that a log of any length needs bounded memory. Everything it reports was printed
 * in the log; it fills nothing in from defaults.
 */
final class LogScanner {

    /** Bounds on what is kept from a long log: the last error lines matter most, the first builder lines do. */
    static final int MAX_ERROR_LINES = 64;
    static final int MAX_HITS = 256;
    static final int MAX_KEPT = 32;
    static final int MAX_VERTICES = 20_000;

    private static final Set<String> DRIVERS = Set.of("docker", "docker-container", "kubernetes", "remote", "cloud");

    private static final Pattern BUILDING_WITH = Pattern.compile("^#0 building with \"([^\"]+)\" instance using (\\S+) driver");
    /** tty header: {@code [+] Building 0.3s (5/5) FINISHED    docker:default} (the suffix is {@code driver:name}). */
    private static final Pattern TTY_HEADER = Pattern.compile("^\\[\\+] Building \\d+(?:\\.\\d+)?s \\(\\d+/\\d+\\)(.*)$");
    private static final Pattern TTY_SUFFIX = Pattern.compile("\\s([a-z-]+):(\\S+)\\s*$");
    private static final Pattern INSPECT_NAME = Pattern.compile("^Name:\\s+(\\S+)$");
    private static final Pattern INSPECT_DRIVER = Pattern.compile("^Driver:\\s+(\\S+)$");
    private static final Pattern INSPECT_OPTS = Pattern.compile("^Driver Options:\\s+(.*)$");
    private static final Pattern OPT_PAIR = Pattern.compile("([A-Za-z0-9_.-]+)=\"([^\"]*)\"");
    private static final Pattern CREATE = Pattern.compile("\\bbuildx create\\b(.*)$");
    private static final Pattern CREATE_NAME = Pattern.compile("--name[= ](\\S+)");
    private static final Pattern CREATE_DRIVER = Pattern.compile("--driver[= ](\\S+)");
    private static final Pattern CREATE_OPT = Pattern.compile("--driver-opt[= ]([^\\s,]+=[^\\s]*)");
    /** setup-buildx-action's generated name (buildx-facts §6: {@code builder-<uuid>}). */
    private static final Pattern SETUP_BUILDX_NAME = Pattern.compile("--name builder-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");

    private static final Pattern BUILDX_VERSION = Pattern.compile("github\\.com/docker/buildx (\\S+)");
    private static final Pattern BUILDKIT_VERSION = Pattern.compile("^BuildKit(?: version)?:\\s+(v\\S+)");
    private static final Pattern DOCKER_VERSION = Pattern.compile("^Docker version ([^,\\s]+)");
    private static final Pattern COMPOSE_VERSION = Pattern.compile("^Docker Compose version (\\S+)");
    private static final Pattern VERSION_FIELD = Pattern.compile("^Version:\\s+(\\S+)$");

    /** Plain progress: {@code #12 [stage 2/4] RUN …}; its status lines repeat the number. */
    private static final Pattern VERTEX = Pattern.compile("^#(\\d+) (.*)$");
    private static final Pattern VERTEX_STATUS = Pattern.compile("^(DONE|ERROR|CACHED|CANCELED|sha256:|\\.\\.\\.|\\d+(\\.\\d+)? )");
    private static final Pattern VERTEX_ERROR = Pattern.compile("^#(\\d+) (?:\\d+(?:\\.\\d+)? )?ERROR:? ?(.*)$");
    private static final Pattern TTY_ERROR = Pattern.compile("^=> ERROR (.*?)(?:\\s+\\d+(?:\\.\\d+)?s)?$");
    /** The box BuildKit prints under a failure: {@code  > [internal] load metadata for docker.io/library/x:latest:}. */
    private static final Pattern ERROR_BOX = Pattern.compile("^> (.+):$");
    private static final Pattern STEP_IMAGE = Pattern.compile("(?:load metadata for|\\] FROM) (\\S+?):?$");
    /** {@code failed to solve: NAME: failed to resolve source metadata for REF: …} or {@code failed to solve: NAME: pull access denied …}. */
    private static final Pattern SOLVE_IMAGE = Pattern.compile(
            "failed to solve: (?:rpc error: code = \\w+ desc = )?(?:failed to solve with frontend dockerfile\\.v0: failed to create LLB definition: )?"
                    + "(\\S+?): (?:failed to resolve source metadata for (\\S+?): |pull access denied)");
    private static final Pattern COMPOSE_SERVICE = Pattern.compile("^(?:Service )?\\S+\\s+(?:Built|Building)$");
    private static final Pattern COMPOSE_VERTEX = Pattern.compile("^(?:=> (?:CANCELED |ERROR |CACHED )?|#\\d+ )\\[[A-Za-z0-9_.-]+ internal]");
    private static final Pattern SETUP_INPUT = Pattern.compile("^(driver|name|driver-opts):\\s+(\\S.*)$");
    private static final Pattern ACTION_MAJOR = Pattern.compile("docker/(setup-buildx-action|build-push-action)@(v\\d+)\\b");
    private static final Pattern PUSH_IMAGE = Pattern.compile("failed to push (\\S+?):");

    private static final Pattern ERROR_LINE = Pattern.compile(
            "^(?:ERROR|error)(?::|\\s\\[)|^=> ERROR\\b|^#\\d+ (?:\\d+(?:\\.\\d+)? )?ERROR\\b|^failed to (?:solve|build)\\b|^Error\\b|^##\\[error]"
                    + "|Error response from daemon|executor failed running|did not complete successfully|exited with (?:status|code) [1-9]"
                    + "|completed with exit code [1-9]|failed with exit code [1-9]|^make(?:\\[\\d+])?: \\*\\*\\*|^Exit code [1-9]"
                    + "|invalid from flag value");
    private static final Pattern BUILD_FAILURE = Pattern.compile(
            "failed to solve|failed to build|^#\\d+ (?:\\d+(?:\\.\\d+)? )?ERROR\\b|^=> ERROR\\b|executor failed running|did not complete successfully");
    private static final Pattern COMPLETION = Pattern.compile(
            "^\\[\\+] Building .*FINISHED|naming to \\S+.* done|writing image sha256:\\S+ done|^Successfully (?:built|tagged) "
                    + "|^\\S+\\s+Built$|^Status: (?:Downloaded newer image|Image is up to date) for ");
    private static final Pattern BUILD_START = Pattern.compile("^#1 \\[|^\\[\\+] Building (?!.*FINISHED)|^##\\[group]Run docker/build-push-action");
    private static final Pattern PULL_COMMAND = Pattern.compile("\\bdocker(?: buildx)? (?:image )?build\\b.*\\s--pull(?:\\s|=true|$)");
    private static final Pattern LOAD_COMMAND = Pattern.compile("\\bdocker(?: buildx)? (?:image )?build\\b.*\\s--load\\b|^\\s*load: true$");

    private final String source;
    private int lines;

    // Kind markers.
    private boolean githubMarks;
    private boolean gitlabSections;
    private boolean gitlabCommands;
    private boolean composeMarks;
    private boolean ttyMarks;
    private boolean plainMarks;
    private boolean shellTrace;

    // Builder sources, by priority (higher wins).
    private final List<Candidate> candidates = new ArrayList<>();
    private LogLine pendingInspectName;
    private final Map<String, String> driverOpts = new LinkedHashMap<>();
    /** Inside GitHub's {@code ##[group]Run docker/setup-buildx-action…}: its printed inputs name the driver. */
    private boolean inSetupBuildx;
    /**
     * Inside setup-buildx-action's {@code ##[group]Inspect builder}: it prints the builder as JSON
     * ({@code core.info(JSON.stringify(builderInspect, undefined, 2))} in its src/main.ts), the builder's own keys
     * indented two spaces, its nodes' deeper; the builder's {@code name} and {@code driver} come after its nodes.
     */
    private boolean inInspectBuilder;
    private static final Pattern INSPECT_JSON = Pattern.compile("^ {2}\"(name|driver)\": \"([^\"]+)\",?$");
    private static final Pattern INSPECT_JSON_BUILDKIT = Pattern.compile("^\\s+\"buildkit\": \"(v?\\d+\\.\\d+[^\"]*)\",?$");
    private String inspectName;
    private LogLine inspectNameLine;

    private final Map<String, String> versions = new LinkedHashMap<>();
    private String versionBlock = "";

    private final Map<String, String> vertexNames = new LinkedHashMap<>();
    private String failingStep;
    private LogLine failingStepLine;
    private String failingImage;
    private String failingRef;
    private final List<LogLine> imageLines = new ArrayList<>();
    private String operation;

    private final Deque<LogLine> errorLines = new ArrayDeque<>();
    private final List<SymptomHit> hits = new ArrayList<>();
    private int firstBuildFailure;
    private int lastCompletion;
    private int lastStart;
    private final List<LogLine> pullCommands = new ArrayList<>();
    private boolean loadRequested;

    /** A builder fact from one line, with how much it is trusted. */
    private record Candidate(int priority, String name, String driver, LogLine line) {
    }

    LogScanner(String source) {
        this.source = source;
    }

    void accept(int number, String raw) {
        lines = number;
        NormalisedLine normalised = LineNormaliser.normalise(raw);
        LogLine line = new LogLine(number, normalised.text());
        String text = line.trimmed();
        githubMarks |= normalised.githubTimestamp();
        gitlabSections |= normalised.gitlabSection() != null;
        if (text.isEmpty()) {
            return;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        kindMarks(text);
        builder(line, text);
        versions(text);
        progress(line, text);
        commands(line, text);
        boolean failure = symptoms(line, text, lower);
        boolean errorWords = lower.contains("error") || lower.contains("fail") || lower.contains("exit") || lower.contains("did not complete")
                || lower.contains("invalid from") || lower.contains("***");
        if (failure || errorWords && ERROR_LINE.matcher(text).find()) {
            if (!text.contains("CANCELED")) {
                keepError(line);
            }
        }
        if (errorWords && firstBuildFailure == 0 && BUILD_FAILURE.matcher(text).find() && !text.contains("CANCELED")) {
            firstBuildFailure = number;
        }
        boolean completionWords = lower.contains("finished") || lower.contains("naming to") || lower.contains("writing image")
                || lower.contains("successfully") || lower.contains("built") || lower.contains("status:");
        if (completionWords && COMPLETION.matcher(text).find()) {
            lastCompletion = number;
        } else if (BUILD_START.matcher(text).find()) {
            lastStart = number;
        }
    }

    private void kindMarks(String text) {
        if (text.startsWith("##[") || text.startsWith("Error: buildx failed with") || text.startsWith("buildx failed with:")
                || text.startsWith("Error: The process '") || text.startsWith("Error: Process completed with exit code")
                || text.startsWith("[command]") || SETUP_BUILDX_NAME.matcher(text).find()) {
            githubMarks = true;
        }
        if (text.startsWith("Running with gitlab-runner") || text.startsWith("Executing \"step_script\" stage")) {
            gitlabSections = true;
        }
        if (text.startsWith("$ ") || text.startsWith("`$ ") || text.contains("`n`$ ")) {
            gitlabCommands = true;
        }
        if ((text.endsWith("Built") || text.endsWith("Building")) && COMPOSE_SERVICE.matcher(text).find() || text.startsWith("failed to solve: ")
                || text.contains("docker-compose") || text.contains("docker compose ")) {
            composeMarks = true;
        }
        // Compose and bake prefix a vertex with the service or target: "[web internal] load metadata" (a platform has a '/').
        if (COMPOSE_VERTEX.matcher(text).find()) {
            composeMarks = true;
        }
        // `set -x` output: the build is one command of a script, so the log is a script's (cli), whatever it ran.
        if (text.startsWith("+ ") || text.startsWith("++ ")) {
            shellTrace = true;
        }
        if (text.startsWith("[+] Building ") || text.startsWith("=> ")) {
            ttyMarks = true;
        }
        if (text.startsWith("#") && VERTEX.matcher(text).find()) {
            plainMarks = true;
        }
    }

    private void builder(LogLine line, String text) {
        if (text.startsWith("##[group]") || text.startsWith("##[endgroup]")) {
            inSetupBuildx = text.startsWith("##[group]Run docker/setup-buildx-action");
            // setup-buildx-action's "Inspect builder" and build-push-action's "Builder info" print the same JSON.
            inInspectBuilder = text.startsWith("##[group]Inspect builder") || text.startsWith("##[group]Builder info");
            inspectName = null;
            inspectNameLine = null;
        } else if (inSetupBuildx) {
            setupBuildxInput(line, text);
        } else if (inInspectBuilder) {
            inspectBuilderJson(line);
        }
        Matcher m = BUILDING_WITH.matcher(text);
        if (m.find()) {
            candidates.add(new Candidate(5, m.group(1), m.group(2), line));
        }
        m = TTY_HEADER.matcher(text);
        if (m.find()) {
            Matcher suffix = TTY_SUFFIX.matcher(m.group(1));
            if (suffix.find() && DRIVERS.contains(suffix.group(1))) {
                candidates.add(new Candidate(4, suffix.group(2), suffix.group(1), line));
            }
        }
        // buildx inspect (setup-buildx-action prints it in its groups): "Name:" directly followed by "Driver:".
        m = INSPECT_DRIVER.matcher(text);
        if (m.find() && pendingInspectName != null && pendingInspectName.number() >= line.number() - 2) {
            Matcher name = INSPECT_NAME.matcher(pendingInspectName.trimmed());
            if (name.find()) {
                candidates.add(new Candidate(3, name.group(1), m.group(1), pendingInspectName));
                candidates.add(new Candidate(3, name.group(1), m.group(1), line));
            }
        }
        pendingInspectName = INSPECT_NAME.matcher(text).find() ? line : pendingInspectName;
        m = INSPECT_OPTS.matcher(text);
        if (m.find()) {
            Matcher pair = OPT_PAIR.matcher(m.group(1));
            while (pair.find() && driverOpts.size() < MAX_KEPT) {
                driverOpts.put(pair.group(1), pair.group(2));
            }
            keepBuilderLine(line);
        }
        m = CREATE.matcher(text);
        if (text.contains("buildx create") && m.find()) {
            String args = m.group(1);
            Matcher name = CREATE_NAME.matcher(args);
            Matcher driver = CREATE_DRIVER.matcher(args);
            String n = name.find() ? name.group(1) : null;
            String d = driver.find() ? driver.group(1) : null;
            if (n != null || d != null) {
                candidates.add(new Candidate(2, n, d, line));
            }
            Matcher opt = CREATE_OPT.matcher(args);
            while (opt.find() && driverOpts.size() < MAX_KEPT) {
                String[] kv = opt.group(1).split("=", 2);
                driverOpts.put(kv[0], kv[1]);
            }
        }
    }

    /** {@code  "name": "builder-…",} and {@code  "driver": "docker-container",} of the Inspect builder group's JSON. */
    private void inspectBuilderJson(LogLine line) {
        Matcher m = INSPECT_JSON.matcher(line.text());
        if (m.find()) {
            if (m.group(1).equals("name")) {
                inspectName = m.group(2);
                inspectNameLine = line;
                candidates.add(new Candidate(3, m.group(2), null, line));
            } else {
                candidates.add(new Candidate(3, inspectName, m.group(2), line));
                if (inspectNameLine != null) {
                    candidates.add(new Candidate(3, inspectName, m.group(2), inspectNameLine));
                }
            }
            return;
        }
        m = INSPECT_JSON_BUILDKIT.matcher(line.text());
        if (m.find()) {
            versions.putIfAbsent("buildkit", m.group(1));
        }
    }

    /**
     * setup-buildx-action's inputs as the runner prints them under {@code with:} ({@code driver: docker},
     * {@code name: ci}, {@code driver-opts: network=host}; §6). Only what is printed: the action's default driver is
     * not assumed, because the runner prints only the inputs that were given.
     */
    private void setupBuildxInput(LogLine line, String text) {
        Matcher m = SETUP_INPUT.matcher(text);
        if (!m.lookingAt()) {
            return;
        }
        switch (m.group(1)) {
            case "driver" -> candidates.add(new Candidate(2, null, m.group(2), line));
            case "name" -> candidates.add(new Candidate(2, m.group(2), null, line));
            default -> {
                for (String opt : m.group(2).split("[,\\s]+")) {
                    String[] kv = opt.split("=", 2);
                    if (kv.length == 2 && driverOpts.size() < MAX_KEPT) {
                        driverOpts.put(kv[0], kv[1]);
                    }
                }
                keepBuilderLine(line);
            }
        }
    }

    private void keepBuilderLine(LogLine line) {
        if (candidates.size() < MAX_KEPT) {
            candidates.add(new Candidate(0, null, null, line));
        }
    }

    private void versions(String text) {
        Matcher m = BUILDX_VERSION.matcher(text);
        if (text.contains("github.com/docker/buildx") && m.find()) {
            versions.putIfAbsent("buildx", m.group(1));
        }
        m = BUILDKIT_VERSION.matcher(text);
        if (m.find()) {
            versions.putIfAbsent("buildkit", m.group(1));
        }
        m = DOCKER_VERSION.matcher(text);
        if (m.find()) {
            versions.putIfAbsent("docker", m.group(1));
        }
        // The action majors a GitHub log shows (##[group]Run docker/build-push-action@v5): fixes are written for them.
        if (text.contains("docker/")) {
            Matcher action = ACTION_MAJOR.matcher(text);
            while (action.find()) {
                versions.putIfAbsent(action.group(1), action.group(2));
            }
        }
        m = COMPOSE_VERSION.matcher(text);
        if (m.find()) {
            versions.putIfAbsent("compose", m.group(1));
        }
        // `docker version`: "Client: …" and "Server: …" blocks, each with a "Version:" field.
        if (text.startsWith("Client:")) {
            versionBlock = "docker";
        } else if (text.startsWith("Server:")) {
            versionBlock = "docker-server";
        }
        m = VERSION_FIELD.matcher(text);
        if (m.find() && !versionBlock.isEmpty()) {
            versions.putIfAbsent(versionBlock, m.group(1));
            versionBlock = "";
        }
    }

    private void progress(LogLine line, String text) {
        Matcher m = VERTEX_ERROR.matcher(text);
        if (m.find()) {
            String name = vertexNames.get(m.group(1));
            if (name != null) {
                failingStep(name, line);
            }
            return;
        }
        m = VERTEX.matcher(text);
        if (m.find() && !vertexNames.containsKey(m.group(1)) && !VERTEX_STATUS.matcher(m.group(2)).find()
                && vertexNames.size() < MAX_VERTICES) {
            vertexNames.put(m.group(1), m.group(2));
        }
        m = TTY_ERROR.matcher(text);
        if (m.find()) {
            failingStep(m.group(1).strip(), line);
            return;
        }
        m = ERROR_BOX.matcher(text);
        if (m.find() && failingStep != null) {
            // The box repeats the failing vertex untruncated (the tty line may be cut at the terminal's width).
            failingStep(m.group(1), line);
        }
        m = SOLVE_IMAGE.matcher(text);
        if (text.contains("failed to solve") && m.find()) {
            failingImage = m.group(1);
            if (m.group(2) != null) {
                failingRef = m.group(2);
            }
            operation = operation == null ? "metadata-resolution" : operation;
            keepImageLine(line);
        }
        m = PUSH_IMAGE.matcher(text);
        if (text.contains("failed to push") && m.find()) {
            failingImage = failingImage == null ? m.group(1) : failingImage;
            operation = "push";
            keepImageLine(line);
        }
    }

    private void failingStep(String name, LogLine line) {
        failingStep = name;
        failingStepLine = line;
        Matcher image = STEP_IMAGE.matcher(name);
        if (image.find()) {
            failingRef = image.group(1);
            operation = name.contains("load metadata for") ? "metadata-resolution" : "pull";
            keepImageLine(line);
        } else if (name.startsWith("exporting to docker image format") || name.startsWith("sending tarball")
                || name.startsWith("importing to docker")) {
            operation = loadRequested ? "load" : "export";
        } else if (name.startsWith("exporting cache") || name.startsWith("exporting to client")) {
            operation = name.startsWith("exporting cache") ? "cache-export" : "export";
        } else if (name.startsWith("pushing")) {
            operation = "push";
        }
    }

    private void keepImageLine(LogLine line) {
        if (imageLines.size() < MAX_KEPT && imageLines.stream().noneMatch(l -> l.number() == line.number())) {
            imageLines.add(line);
        }
    }

    private void commands(LogLine line, String text) {
        if (!text.contains("build") && !text.contains("load:")) {
            return;
        }
        if (PULL_COMMAND.matcher(text).find() && pullCommands.size() < MAX_KEPT) {
            pullCommands.add(line);
        }
        if (LOAD_COMMAND.matcher(text).find()) {
            loadRequested = true;
        }
    }

    /** Records every recognised text on the line; true when one of them is a failure by itself. */
    private boolean symptoms(LogLine line, String text, String lower) {
        if (text.contains("CANCELED")) {
            return false;
        }
        boolean failure = false;
        for (Symptom symptom : Symptom.values()) {
            Matcher m = symptom.match(text, lower);
            if (m == null) {
                continue;
            }
            // A network error about a certificate or plain HTTP is the registry-settings symptom, not an outage.
            if (symptom == Symptom.REGISTRY_NETWORK && (Symptom.X509_UNKNOWN_AUTHORITY.match(text, lower) != null
                    || Symptom.HTTP_TO_HTTPS.match(text, lower) != null)) {
                continue;
            }
            String detail = m.groupCount() >= 2 && m.group(2) != null ? m.group(2) : m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : "";
            if (hits.size() < MAX_HITS) {
                hits.add(new SymptomHit(symptom.name(), line, detail));
            }
            failure |= symptom.failure();
            switch (symptom) {
                case DOCKER_DRIVER_MULTIPLATFORM, DOCKER_DRIVER_CACHE_EXPORT, DOCKER_DRIVER_EXPORTER -> {
                    // The message names the driver itself (§8): a fact about the builder, with no name.
                    candidates.add(new Candidate(1, null, "docker", line));
                    operation = symptom == Symptom.DOCKER_DRIVER_CACHE_EXPORT ? "cache-export"
                            : symptom == Symptom.DOCKER_DRIVER_EXPORTER ? "export" : "build";
                }
                case NO_OUTPUT -> candidates.add(new Candidate(1, null, m.group(1).toLowerCase(java.util.Locale.ROOT), line));
                case UNABLE_TO_FIND_LOCALLY -> {
                    failingImage = failingImage == null ? m.group(1) : failingImage;
                    operation = operation == null ? "run" : operation;
                    keepImageLine(line);
                }
                case DAEMON_PULL_DENIED -> {
                    failingImage = failingImage == null ? m.group(1) : failingImage;
                    keepImageLine(line);
                }
                case DOCKER_EXPORTER_MANIFEST_LIST -> operation = loadRequested ? "load" : "export";
                case BUILDX_CREATE_TLS_ENV -> operation = "builder-create";
                default -> {
                }
            }
        }
        return failure;
    }

    private void keepError(LogLine line) {
        if (errorLines.size() == MAX_ERROR_LINES) {
            errorLines.removeFirst();
        }
        errorLines.addLast(line);
    }

    LogFacts facts() {
        BuilderInfo builder = builder();
        LogOutcome outcome = !errorLines.isEmpty() ? LogOutcome.FAILURE
                : lastCompletion > 0 && lastStart <= lastCompletion ? LogOutcome.SUCCESS : LogOutcome.SUCCESS_EXCERPT;
        String step = failingStep;
        return new LogFacts(source, kind(), lines, builder, versions, step, failingImage, failingRef, operation, imageLines,
                List.copyOf(errorLines), hits, outcome, firstBuildFailure, pullCommands, loadRequested);
    }

    /** The most trusted source gives the builder; weaker ones only fill a field they do not contradict. */
    private BuilderInfo builder() {
        String name = null;
        String driver = null;
        List<LogLine> evidence = new ArrayList<>();
        List<Candidate> sorted = candidates.stream().filter(c -> c.priority() > 0)
                .sorted((a, b) -> Integer.compare(b.priority(), a.priority())).toList();
        for (Candidate c : sorted) {
            boolean nameFits = name == null || c.name() == null || name.equals(c.name());
            boolean driverFits = driver == null || c.driver() == null || driver.equals(c.driver());
            if (!nameFits || !driverFits) {
                continue;
            }
            boolean adds = (name == null && c.name() != null) || (driver == null && c.driver() != null);
            name = name == null ? c.name() : name;
            driver = driver == null ? c.driver() : driver;
            if ((adds || c.priority() >= 3) && evidence.size() < MAX_KEPT && evidence.stream().noneMatch(l -> l.number() == c.line().number())) {
                evidence.add(c.line());
            }
        }
        if (name == null && driver == null) {
            return new BuilderInfo(null, null, driverOpts, List.of());
        }
        candidates.stream().filter(c -> c.priority() == 0).forEach(c -> evidence.add(c.line()));
        evidence.sort(java.util.Comparator.comparingInt(LogLine::number));
        return new BuilderInfo(name, driver, driverOpts, evidence);
    }

    private LogKind kind() {
        if (githubMarks) {
            return LogKind.GITHUB_ACTIONS;
        }
        if (gitlabSections) {
            return LogKind.GITLAB;
        }
        if (composeMarks) {
            return LogKind.COMPOSE;
        }
        if (shellTrace) {
            return LogKind.CLI;
        }
        if (ttyMarks) {
            return LogKind.TTY;
        }
        if (plainMarks) {
            return LogKind.PLAIN;
        }
        return gitlabCommands ? LogKind.GITLAB : LogKind.CLI;
    }
}
