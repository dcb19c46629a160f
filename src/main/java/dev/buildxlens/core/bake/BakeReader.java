package dev.buildxlens.core.bake;

import dev.buildxlens.core.bake.hcl.Body;
import dev.buildxlens.core.bake.hcl.HclException;
import dev.buildxlens.core.bake.hcl.HclJsonParser;
import dev.buildxlens.core.bake.hcl.HclParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads bake files the way {@code docker buildx bake} does (buildx {@code bake.ReadLocalFiles}, {@code ParseFiles}):
 * a name ending in {@code .yml}/{@code .yaml} is a compose file, {@code .json} JSON, {@code .hcl} HCL, anything else
 * compose if the compose reader takes it, else HCL, else JSON; compose files are merged first (through the
 * {@link ComposeTranslator}, when one is plugged in), then the HCL and JSON files in the order given.
 *
 * <pre>{@code
 * BakeDefinition bake = new BakeReader(composeReader).read(dir, List.of(), BakeOptions.of(System.getenv()));
 * BakeResolution plan = bake.resolve(List.of("app"), List.of("*.platform=linux/amd64"));
 * for (BakeBuild build : plan.builds()) { ... build.spec() ... build.target().patchBlock() ... }
 * }</pre>
 */
public final class BakeReader {

    /** All files of one invocation together. */
    public static final long MAX_TOTAL_BYTES = 8L * 1024 * 1024;

    private final ComposeTranslator compose;

    /** A reader without compose support: a compose file among the inputs is a {@code COMPOSE_UNAVAILABLE} error. */
    public BakeReader() {
        this(null);
    }

    public BakeReader(ComposeTranslator compose) {
        this.compose = compose;
    }

    /**
     * Reads the files bake would read in {@code workingDirectory}: {@code files} as {@code -f} gives them, or, when
     * empty, {@code BUILDX_BAKE_FILE} or bake's default names ({@link BakeFiles}).
     */
    public BakeDefinition read(Path workingDirectory, List<String> files, BakeOptions options) throws BakeException {
        List<BakeSource> sources = new ArrayList<>();
        Path base = workingDirectory.toAbsolutePath().normalize();
        for (Path file : BakeFiles.locate(files, workingDirectory, options.environment())) {
            sources.add(BakeSource.read(file, base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/')));
        }
        return read(sources, options);
    }

    public BakeDefinition read(List<BakeSource> sources, BakeOptions options) throws BakeException {
        if (sources.isEmpty()) {
            throw new BakeException(BakeException.Kind.NO_DEFINITION, null, "couldn't find a bake definition");
        }
        long total = 0;
        for (BakeSource source : sources) {
            if (source.text().length() > BakeSource.MAX_BYTES) {
                throw new BakeException(BakeException.Kind.LIMIT, null, source.name() + " is larger than "
                        + BakeSource.MAX_BYTES + " bytes; it is not read");
            }
            total += source.text().length();
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new BakeException(BakeException.Kind.LIMIT, null, "the bake files hold more than " + MAX_TOTAL_BYTES
                    + " bytes together; they are not read");
        }
        List<BakeSource> composeFiles = new ArrayList<>();
        List<HclConfigReader.ParsedFile> parsed = new ArrayList<>();
        for (BakeSource source : sources) {
            BakeSource.Format format = source.formatByName();
            if (format == BakeSource.Format.COMPOSE || (format == null && compose != null && compose.isCompose(source))) {
                composeFiles.add(source);
                continue;
            }
            parsed.add(parse(source, format));
        }
        BakeConfig composeConfig = BakeConfig.empty();
        if (!composeFiles.isEmpty()) {
            if (compose == null) {
                throw new BakeException(BakeException.Kind.COMPOSE_UNAVAILABLE, null, composeFiles.get(0).name()
                        + " is a compose file; reading compose files as bake input needs the compose reader");
            }
            Map<String, String> environment = new java.util.HashMap<>(options.environmentLookupAllowed()
                    ? options.environment() : Map.of());
            environment.putAll(options.vars());
            composeConfig = compose.translate(composeFiles, environment);
        }
        HclConfigReader reader = new HclConfigReader(parsed, options);
        BakeConfig config = reader.read(composeConfig);
        List<String> order = new ArrayList<>();
        composeFiles.forEach(f -> order.add(f.name()));
        parsed.forEach(f -> order.add(f.source().name()));
        return new BakeDefinition(order, config, reader.variableValues(), reader.warnings(), options);
    }

    /** buildx {@code ParseHCLFile}: by extension, or HCL then JSON for any other name. */
    private static HclConfigReader.ParsedFile parse(BakeSource source, BakeSource.Format format) throws BakeException {
        try {
            if (format == BakeSource.Format.JSON) {
                return new HclConfigReader.ParsedFile(source, format, json(source));
            }
            if (format == BakeSource.Format.HCL) {
                return new HclConfigReader.ParsedFile(source, format, HclParser.parse(source.name(), source.text()));
            }
            try {
                return new HclConfigReader.ParsedFile(source, BakeSource.Format.HCL, HclParser.parse(source.name(), source.text()));
            } catch (HclException hclError) {
                try {
                    return new HclConfigReader.ParsedFile(source, BakeSource.Format.JSON, json(source));
                } catch (HclException jsonError) {
                    throw hclError;
                }
            }
        } catch (HclException e) {
            throw BakeException.of(e);
        }
    }

    private static Body json(BakeSource source) throws HclException {
        return HclJsonParser.parse(source.name(), source.text(), HclConfigReader.JSON_SHAPES);
    }
}
