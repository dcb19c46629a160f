package dev.buildxlens.core.bake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One file given to bake: its name as given (used in messages and positions, and to choose the format) and its text.
 */
public record BakeSource(String name, String text) {

    /** Larger files are refused; the biggest real bake files are a few tens of kilobytes. */
    public static final long MAX_BYTES = 2L * 1024 * 1024;

    /** How bake reads a file. */
    public enum Format { HCL, JSON, COMPOSE }

    /** Reads a file, refusing one larger than {@link #MAX_BYTES}. */
    public static BakeSource read(Path file, String name) throws BakeException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new BakeException(BakeException.Kind.LIMIT, null, name + " is " + size
                        + " bytes; bake files larger than " + MAX_BYTES + " bytes are not read");
            }
            return new BakeSource(name, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BakeException(BakeException.Kind.IO, null, "cannot read " + name + ": " + e.getMessage());
        }
    }

    /**
     * The format bake gives the file by its name (buildx {@code validateComposeFile}, {@code ParseHCLFile}):
     * {@code .yml}/{@code .yaml} are compose, {@code .json} JSON, {@code .hcl} HCL; null for any other name, which
     * bake tries as compose, then HCL, then JSON.
     */
    public Format formatByName() {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            return Format.COMPOSE;
        }
        if (lower.endsWith(".json")) {
            return Format.JSON;
        }
        if (lower.endsWith(".hcl")) {
            return Format.HCL;
        }
        return null;
    }
}
