package dev.buildxlens.core.files;

import java.nio.file.Path;

/**
 * The folder a set of patches applies from ({@code git apply} or {@code patch -p1} run there): the git work tree
 * root when the files are in one, else the deepest folder holding them all. Patches name files relative to it.
 */
public record PatchRoot(Path directory, boolean gitRepository) {

    /** {@code file} as a patch names it: relative to the root, with forward slashes. */
    public String relative(Path file) {
        return directory.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The file a patch path names. */
    public Path resolve(String patchPath) {
        return directory.resolve(patchPath).normalize();
    }

    /** How to apply a patch saved as {@code patchFile}, said once for every output. */
    public String howToApply() {
        return "Apply the patches from " + directory + (gitRepository ? " (the repository root)" : "")
                + ": git apply FILE.patch" + (gitRepository ? "" : " (or patch -p1 < FILE.patch)");
    }
}
