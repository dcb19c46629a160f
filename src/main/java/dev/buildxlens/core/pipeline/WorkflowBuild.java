package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.model.ImageStoreKind;
import java.nio.file.Path;

/**
 * A GitHub Actions workflow: its file, the repository its Dockerfile paths resolve in ({@code null}: the git root
 * above the file), one job to report ({@code ""}: all), the image store assumed for every job's engine ({@code null}:
 * the one each job's runs-on implies), and the event it runs for ({@code null}: push, or its first trigger).
 */
public record WorkflowBuild(Path file, Path repoRoot, String job, ImageStoreKind imageStore, String event) implements BuildInput {

    public WorkflowBuild {
        job = job == null ? "" : job;
        // An unknown store is no assumption at all: each job's runs-on decides, as with null.
        imageStore = imageStore == ImageStoreKind.UNKNOWN ? null : imageStore;
    }

    public WorkflowBuild(Path file, Path repoRoot, String job, ImageStoreKind imageStore) {
        this(file, repoRoot, job, imageStore, null);
    }

    public static WorkflowBuild of(Path file) {
        return new WorkflowBuild(file, null, "", null, null);
    }
}
