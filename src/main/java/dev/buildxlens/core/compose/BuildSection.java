package dev.buildxlens.core.compose;

import dev.buildxlens.core.dockerfile.NamedContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code build:} after merging and interpolation, with Compose's defaults filled in.
 *
 * <ul>
 *   <li>{@code context}: a path relative to the project directory ({@code .} for the directory itself; paths from an
 *       included or extended file are rebased onto it), an absolute path, or a URL (git or HTTP) kept as written.</li>
 *   <li>{@code dockerfile}: as written, relative to the context ({@code Dockerfile} by default); empty when
 *       {@code dockerfileInline} holds the Dockerfile's text.</li>
 *   <li>{@code args}: both syntaxes; a {@code KEY} without value took the environment's value, or is left out.</li>
 *   <li>{@code additionalContexts}: both syntaxes, values as written ({@code service:base},
 *       {@code docker-image://…}, {@code oci-layout://…}, URLs) except local paths, which are rebased like the
 *       context.</li>
 * </ul>
 */
public record BuildSection(String context, String dockerfile, String dockerfileInline, Map<String, String> args, String target,
                           List<String> platforms, List<String> tags, Map<String, String> additionalContexts,
                           List<String> cacheFrom, List<String> cacheTo, boolean pull, boolean noCache, String network) {

    /** The prefix of an additional context that names another service's image ({@code service:base}). */
    public static final String SERVICE_PREFIX = "service:";

    public BuildSection {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        platforms = List.copyOf(platforms);
        tags = List.copyOf(tags);
        additionalContexts = Collections.unmodifiableMap(new LinkedHashMap<>(additionalContexts));
        cacheFrom = List.copyOf(cacheFrom);
        cacheTo = List.copyOf(cacheTo);
    }

    /** A context Compose hands to the builder as a URL (compose-go {@code paths/context.go}). */
    public static boolean isRemote(String value) {
        return value.contains("://") || value.startsWith("github.com/") || value.startsWith("git@");
    }

    public boolean remoteContext() {
        return isRemote(context);
    }

    public boolean inlineDockerfile() {
        return !dockerfileInline.isEmpty();
    }

    /**
     * The Dockerfile's path relative to the project directory, as Compose hands it to bake ({@code dockerFilePath}):
     * joined to a local context unless absolute; as written for a remote context; empty for an inline Dockerfile.
     */
    public String dockerfilePath() {
        if (inlineDockerfile()) {
            return "";
        }
        if (remoteContext() || dockerfile.startsWith("/")) {
            return dockerfile;
        }
        return ComposePaths.join(context, dockerfile);
    }

    /** The additional contexts as named contexts, values unchanged (a {@code service:} value stays one). */
    public List<NamedContext> namedContexts() {
        List<NamedContext> contexts = new ArrayList<>();
        additionalContexts.forEach((name, value) -> contexts.add(new NamedContext(name, value)));
        return contexts;
    }

    /** The services whose images this build takes through {@code service:} contexts, by context name. */
    public Map<String, String> serviceContexts() {
        Map<String, String> services = new LinkedHashMap<>();
        additionalContexts.forEach((name, value) -> {
            if (value.startsWith(SERVICE_PREFIX)) {
                services.put(name, value.substring(SERVICE_PREFIX.length()));
            }
        });
        return services;
    }
}
