package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.model.ImageStoreKind;
import java.nio.file.Path;

/**
 * A GitHub Actions workflow: its file, the repository its Dockerfile paths resolve in ({@code null}: the git root
 * above the file), one job to report ({@code ""}: all), and the image store assumed for the runner's engine.
 */
public record WorkflowBuild(Path file, Path repoRoot, String job, ImageStoreKind imageStore) implements BuildInput {

    public WorkflowBuild {
        job = job == null ? "" : job;
        imageStore = imageStore == null ? ImageStoreKind.CLASSIC : imageStore;
    }

    public static WorkflowBuild of(Path file) {
        return new WorkflowBuild(file, null, "", ImageStoreKind.CLASSIC);
    }
}
