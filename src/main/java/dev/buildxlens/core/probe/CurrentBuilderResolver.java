package dev.buildxlens.core.probe;

import java.util.Optional;
import java.util.Set;

/**
 * Which builder a plain {@code docker buildx build} would use, following buildx's precedence
 * (buildx-facts §1.4; buildx {@code store/storeutil/storeutil.go GetCurrentInstance}, {@code commands/root.go}):
 * {@code BUILDX_BUILDER}; then {@code current}, which applies only when its {@code Global} is true or its
 * {@code Key} is the present endpoint key (an empty {@code Name} there means the context's own builder);
 * then {@code defaults/<first 20 hex of sha256(key)>}; then the docker-driver builder named after the context.
 */
public final class CurrentBuilderResolver {

    private CurrentBuilderResolver() {
    }

    /** The chosen builder and, in words, why. */
    public record Resolution(String builder, String reason) {
    }

    /**
     * @param endpointKey the context name, or for the {@code default} context the docker host
     * @param known       names of every builder that exists (instances and contexts), lower case
     */
    public static Resolution resolve(Optional<String> buildxBuilderVar, BuilderStore store, String context,
                                     String endpointKey, Set<String> known) {
        if (buildxBuilderVar.isPresent()) {
            String name = buildxBuilderVar.get();
            return new Resolution(name, "BUILDX_BUILDER=" + name
                    + (known.contains(name.toLowerCase()) ? "" : " (no such builder: builds will fail)"));
        }
        String ignored = "";
        if (store.current().isPresent()) {
            BuilderStore.CurrentPointer current = store.current().get();
            if (!current.name().isEmpty() && !known.contains(current.name().toLowerCase())
                    && (current.global() || current.key().equals(endpointKey))) {
                // buildx skips such a pointer too; saying so explains why the user's 'buildx use' seems forgotten.
                ignored = "; the store's 'current' names '" + current.name() + "', which no longer exists";
            }
            if (current.global() && !current.name().isEmpty() && known.contains(current.name().toLowerCase())) {
                return new Resolution(current.name(), "'docker buildx use --global " + current.name() + "'");
            }
            if (current.key().equals(endpointKey)) {
                if (current.name().isEmpty()) {
                    return new Resolution(context, "'docker buildx use " + context + "' for endpoint " + endpointKey);
                }
                if (known.contains(current.name().toLowerCase())) {
                    return new Resolution(current.name(), "'docker buildx use " + current.name() + "' for endpoint " + endpointKey);
                }
            }
        }
        String defaultsFile = defaultsFileName(endpointKey);
        String fromDefaults = store.defaults().get(defaultsFile);
        if (fromDefaults != null && !fromDefaults.isEmpty() && known.contains(fromDefaults.toLowerCase())) {
            return new Resolution(fromDefaults, "defaults/" + defaultsFile + " ('docker buildx use --default')" + ignored);
        }
        return new Resolution(context, "the docker-driver builder of context '" + context + "' (nothing else selected)" + ignored);
    }

    /** {@code defaults/} files are named by the first 20 hex characters of sha256(endpoint key). */
    public static String defaultsFileName(String endpointKey) {
        return Hashes.sha256Hex(endpointKey).substring(0, 20);
    }
}
