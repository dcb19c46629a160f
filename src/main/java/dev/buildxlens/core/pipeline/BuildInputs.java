package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.model.ImageStoreKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * From files and options to the {@link BuildInput} the pipeline takes, for the command line and the app alike: the
 * kind of a file (by name and content, {@link InputKinds}), and each kind's defaults (a Dockerfile's context is its
 * folder, compose's project folder is the first file's, bake runs in its first file's folder).
 */
public final class BuildInputs {

    /** Larger files are not build files: their kind is not guessed. */
    public static final long MAX_DETECTION_BYTES = 10L * 1024 * 1024;

    private BuildInputs() {
    }

    /**
     * Reads {@code file} and tells its kind.
     *
     * @throws InputException when it is missing, unreadable, too large, or its kind cannot be told (with the reason)
     */
    public static InputKind kindOf(Path file) throws InputException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file + ": no such file");
            }
            if (InputKinds.isLogName(file)) {
                // A log may be far larger than any build file (up to the log reader's own limit): its name says enough.
                return InputKind.LOG;
            }
            if (Files.size(file) > MAX_DETECTION_BYTES) {
                throw new InputException(file + ": too large for a build file (10 MB); give its kind with --dockerfile, --workflow, "
                        + "--gitlab-ci, --compose or --bake");
            }
            return InputKinds.detect(file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * What goes with the files of one kind. {@code spec}: a Dockerfile build's options (its {@code dockerfile} and
     * {@code contextDir} are set from the file and {@code contextDir} here), and for compose and bake the builder
     * ({@code ""}: the current one); {@code repo}: a workflow's or GitLab file's repository, or the folder bake runs in
     * ({@code null}: the default); {@code names}: compose services or bake targets; {@code sets}: bake's
     * {@code --set}; {@code environment}: what compose and bake interpolate with.
     */
    public record Request(InputKind kind, List<Path> files, String contextDir, BuildSpec spec, Path repo, String job,
                          ImageStoreKind imageStore, String event, List<String> names, List<String> sets,
                          Map<String, String> environment) {

        public Request {
            files = List.copyOf(files);
            spec = spec == null ? BuildSpec.newBuilder().build() : spec;
            job = job == null ? "" : job;
            names = List.copyOf(names);
            sets = List.copyOf(sets);
            environment = Map.copyOf(environment);
        }

        /** The files of {@code kind} with every option at its default. */
        public static Request of(InputKind kind, List<Path> files) {
            return new Request(kind, files, null, null, null, "", null, null, List.of(), List.of(), Map.of());
        }

        public Request withContextDir(String value) {
            return new Request(kind, files, value, spec, repo, job, imageStore, event, names, sets, environment);
        }

        public Request withSpec(BuildSpec value) {
            return new Request(kind, files, contextDir, value, repo, job, imageStore, event, names, sets, environment);
        }

        public Request withRepo(Path value) {
            return new Request(kind, files, contextDir, spec, value, job, imageStore, event, names, sets, environment);
        }

        public Request withJob(String value) {
            return new Request(kind, files, contextDir, spec, repo, value, imageStore, event, names, sets, environment);
        }

        public Request withImageStore(ImageStoreKind value) {
            return new Request(kind, files, contextDir, spec, repo, job, value, event, names, sets, environment);
        }

        public Request withEvent(String value) {
            return new Request(kind, files, contextDir, spec, repo, job, imageStore, value, names, sets, environment);
        }

        public Request withNames(List<String> value) {
            return new Request(kind, files, contextDir, spec, repo, job, imageStore, event, value, sets, environment);
        }

        public Request withSets(List<String> value) {
            return new Request(kind, files, contextDir, spec, repo, job, imageStore, event, names, value, environment);
        }

        public Request withEnvironment(Map<String, String> value) {
            return new Request(kind, files, contextDir, spec, repo, job, imageStore, event, names, sets, value);
        }
    }

    /**
     * The pipeline's input for {@code request}. Only bake takes no file (its own lookup in {@code repo}, else the
     * working directory); every other kind takes one file, compose one or more.
     *
     * @throws InputException when the files do not fit the kind
     */
    public static BuildInput create(Request request) throws InputException {
        List<Path> files = request.files();
        InputKind kind = request.kind();
        if (files.isEmpty() && kind != InputKind.BAKE) {
            throw new InputException(kind.option() + " needs a file");
        }
        if (files.size() > 1 && kind != InputKind.COMPOSE && kind != InputKind.BAKE) {
            throw new InputException(kind.option() + " takes one file, got " + files.size());
        }
        return switch (kind) {
            case COMPOSE -> new ComposeBuildInput(files, files.get(0).toAbsolutePath().getParent(), request.names(),
                    request.spec().builder(), request.environment());
            case BAKE -> {
                // Bake resolves contexts from the directory it runs in: the repo given, else the first file's folder, else here.
                Path directory = (request.repo() != null ? request.repo()
                        : !files.isEmpty() ? files.get(0).toAbsolutePath().getParent() : Path.of("")).toAbsolutePath();
                List<String> names = files.stream().map(f -> directory.relativize(f.toAbsolutePath()).toString()).toList();
                yield new BakeBuildInput(directory, names, request.names(), request.sets(), request.spec().builder(), request.environment());
            }
            case GITLAB_CI -> new GitlabCiBuild(files.get(0), request.repo(), request.job());
            case LOG -> new LogInput(files.get(0));
            case GITHUB_WORKFLOW -> new WorkflowBuild(files.get(0), request.repo(), request.job(), request.imageStore(), request.event());
            case DOCKERFILE -> {
                Path dockerfile = files.get(0);
                // CONTEXT_DIR defaults to the Dockerfile's folder.
                Path folder = dockerfile.getParent();
                String contextDir = request.contextDir() != null ? request.contextDir() : folder == null ? "." : folder.toString();
                yield DockerfileBuild.onDisk(request.spec().toBuilder().dockerfile(dockerfile.toString()).contextDir(contextDir).build());
            }
        };
    }

    /** Whether the kind's builds are judged against the machine's snapshot (a workflow's and GitLab's runners are simulated). */
    public static boolean usesMachine(InputKind kind) {
        return kind == InputKind.DOCKERFILE || kind == InputKind.COMPOSE || kind == InputKind.BAKE;
    }
}
