/**
 * Reads Compose projects the way {@code docker compose} does (compose-spec, compose-go's loader), for what the
 * services build.
 *
 * <p>Entry point: {@link dev.buildxlens.core.compose.ComposeReader#read(ComposeRequest)} with a
 * {@link dev.buildxlens.core.compose.ComposeRequest} (files in {@code -f} order, project directory, environment,
 * profiles, services named, project name). It returns a {@link dev.buildxlens.core.compose.ComposeProject}: the
 * enabled and disabled {@link dev.buildxlens.core.compose.ComposeService}s, each with its
 * {@link dev.buildxlens.core.compose.BuildSection}, {@code depends_on}, {@code pull_policy}, profiles, image name,
 * the {@link dev.buildxlens.core.build.BuildSpec} Compose hands to bake
 * ({@link dev.buildxlens.core.compose.ComposeService#buildSpec()}) and the
 * {@link dev.buildxlens.core.compose.ServicePositions} of the keys a patch may touch. Bad input is a
 * {@link dev.buildxlens.core.compose.ComposeException} naming the file and line.
 *
 * <p>Internals: {@code ComposeYaml} reads YAML into {@code Tree} nodes that keep their places (merge keys, go-yaml's
 * scalar typing, {@code !reset}/{@code !override}, interpolation by {@code Interpolation}); {@code ModelLoader} merges
 * files ({@code Merge}), follows {@code include} and {@code extends}; {@code ServiceReader} turns the model into
 * records; {@code DotEnv} reads {@code .env} files.
 */
package dev.buildxlens.core.compose;
