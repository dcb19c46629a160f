package dev.buildxlens.core.dockerfile;

/**
 * How the keys of named contexts reach BuildKit, which looks a {@code FROM} up by the familiar name without
 * {@code :latest} (buildx-facts §9.6). {@code docker buildx build --build-context} (and build-push-action's
 * {@code build-contexts}) normalise the keys the same way before sending them ({@code parseContextNames}); bake passes
 * its {@code contexts} keys through unchanged (buildx PR #4090, open), so a bake key {@code a:latest} never matches
 * {@code FROM a:latest}, while the same key on the command line does.
 */
public enum ContextKeys {
    /** Keys are normalised before BuildKit sees them: {@code docker buildx build --build-context}. */
    NORMALISED,
    /** Keys reach BuildKit exactly as written: {@code docker buildx bake}. */
    VERBATIM
}
