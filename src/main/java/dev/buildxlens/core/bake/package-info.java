/**
 * Reads {@code docker buildx bake} definitions as buildx does and answers what a bake invocation would build.
 *
 * <p>Entry points: {@link dev.buildxlens.core.bake.BakeReader} reads files (bake's default lookup order and merging
 * in {@link dev.buildxlens.core.bake.BakeFiles}) into a {@link dev.buildxlens.core.bake.BakeDefinition};
 * {@link dev.buildxlens.core.bake.BakeDefinition#resolve(java.util.List, java.util.List)} applies targets/groups and
 * {@code --set} values and gives a {@link dev.buildxlens.core.bake.BakeResolution} of
 * {@link dev.buildxlens.core.bake.BakeTarget}s (as {@code bake --print} shows them, with source positions for patches)
 * and {@link dev.buildxlens.core.bake.BakeBuild}s for the diagnoser (a {@code BuildSpec} whose named-context keys are
 * {@link dev.buildxlens.core.dockerfile.ContextKeys#VERBATIM}).
 *
 * <p>Compose files as bake input go through {@link dev.buildxlens.core.bake.ComposeTranslator}, which the compose
 * reader implements; without one, a compose file is a {@code COMPOSE_UNAVAILABLE} error.
 *
 * <p>Every failure is a {@link dev.buildxlens.core.bake.BakeException} with a kind, and a file and line when one place
 * is to blame. HCL itself (native and JSON syntax, evaluation, bake's function library) lives in
 * {@code dev.buildxlens.core.bake.hcl}.
 */
package dev.buildxlens.core.bake;
