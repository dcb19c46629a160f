package dev.buildxlens.core.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the repository that holds a file is: for resolving a workflow's Dockerfiles, and for naming files in patches. */
public final class Repositories {

    private Repositories() {
    }

    /** The git root above the workflow file; else the folder holding {@code .github}; else the file's folder. */
    public static Path rootOf(Path workflowFile) {
        Path absolute = workflowFile.toAbsolutePath().normalize();
        return gitRoot(absolute).orElseGet(() -> {
            for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals(".github")) {
                    return dir.getParent();
                }
            }
            return absolute.getParent();
        });
    }

    /** The work tree root of the git repository holding {@code file} (a folder with {@code .git}), if any. */
    public static Optional<Path> gitRoot(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /**
     * The folder patches of these files are applied from: the git work tree that holds them all, else the deepest
     * folder that holds every one of them.
     */
    public static PatchRoot patchRootFor(List<Path> files) {
        List<Path> absolute = files.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        Optional<Path> git = gitRoot(absolute.get(0));
        if (git.isPresent() && absolute.stream().allMatch(f -> f.startsWith(git.get()))) {
            return new PatchRoot(git.get(), true);
        }
        Path common = absolute.get(0).getParent();
        for (Path file : absolute) {
            while (common != null && !file.startsWith(common)) {
                common = common.getParent();
            }
        }
        return new PatchRoot(common == null ? absolute.get(0).getRoot() : common, false);
    }
}
