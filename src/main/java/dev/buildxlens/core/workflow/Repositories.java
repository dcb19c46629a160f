package dev.buildxlens.core.workflow;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a workflow's repository is, so its Dockerfile paths resolve. */
public final class Repositories {

    private Repositories() {
    }

    /** The git root above the workflow file; else the folder holding {@code .github}; else the file's folder. */
    public static Path rootOf(Path workflowFile) {
        Path absolute = workflowFile.toAbsolutePath().normalize();
        for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals(".github")) {
                return dir.getParent();
            }
        }
        return absolute.getParent();
    }
}
