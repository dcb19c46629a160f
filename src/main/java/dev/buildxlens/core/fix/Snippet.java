package dev.buildxlens.core.fix;

/**
 * Text the user copies or saves. {@code kind} is {@code shell}, {@code dockerfile}, {@code dockerfile-patch},
 * {@code github-actions}, {@code workflow-patch}, {@code buildkitd-toml} or {@code daemon-json}; {@code language}
 * names the syntax for highlighting ({@code sh}, {@code dockerfile}, {@code diff}, {@code yaml}, {@code toml},
 * {@code json}). A patch's {@code title} is the file it changes, relative to the plans' {@link dev.buildxlens.core.files.PatchRoot}.
 */
public record Snippet(String kind, String title, String language, String content) {

    public static final String DOCKERFILE_PATCH = "dockerfile-patch";
    public static final String WORKFLOW_PATCH = "workflow-patch";

    /** A unified diff of one of the user's files ({@code git apply} takes it from the patch root). */
    public boolean patch() {
        return kind.endsWith("-patch");
    }
}
