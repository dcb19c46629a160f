package dev.buildxlens.core.bake;

import java.util.List;
import java.util.Map;

/**
 * The seam for compose files given to bake (explicitly, or found by bake's default lookup): the compose reader turns
 * them into the targets and groups buildx's {@code bake/compose.go ParseCompose} makes — one target per service with a
 * {@code build} section, named after the service with dots replaced by underscores, and a {@code default} group of
 * them all; {@code build.additional_contexts} become {@code contexts}, an {@code image} with no {@code tags} becomes the
 * tag. Bake merges compose files before HCL and JSON ones, whatever their order on the command line.
 */
public interface ComposeTranslator {

    /**
     * Whether a file whose name says neither compose ({@code .yml}, {@code .yaml}) nor HCL/JSON holds a compose
     * project; bake tries such files as compose first.
     */
    boolean isCompose(BakeSource source);

    /**
     * The bake configuration of these compose files, read together as compose merges them. {@code environment} is the
     * environment for compose interpolation (bake passes its {@code --var} values over the process environment).
     */
    BakeConfig translate(List<BakeSource> composeFiles, Map<String, String> environment) throws BakeException;
}
