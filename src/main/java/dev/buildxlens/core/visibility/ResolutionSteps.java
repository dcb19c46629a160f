package dev.buildxlens.core.visibility;

import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreIds;
import dev.buildxlens.core.model.StoreKind;
import java.util.ArrayList;
import java.util.List;

/**
 * How BuildKit resolves one image reference, step by step, in its real order: a named build context of that name;
 * the daemon's image store (the docker driver only); the builder's own cache (skipped: layers by digest, never
 * names); the registry the reference names. Each step says what happens and why, and the last shows the text the
 * real tools print when it fails (buildx-facts §8). A pure function of the snapshot.
 */
public final class ResolutionSteps {

    private ResolutionSteps() {
    }

    /**
     * What a step finds. {@code ASSUMED}: a registry that was not queried (docker.io, say) is where the builder pulls
     * from, but whether it holds the image is not known, so the step neither finds it nor fails.
     */
    public enum Outcome { SKIPPED, NOT_HERE, FOUND, ASSUMED, FAILS }

    /** One step: the store it looks at (null for a named context), what happens, why, and the error text if it fails. */
    public record Step(String storeId, String title, Outcome outcome, String explanation, String errorText) {
    }

    public static List<Step> of(Snapshot snapshot, Builder builder, String raw, NamedContext context) {
        List<Step> steps = new ArrayList<>();
        ImageReference reference = ImageReference.parseOrNull(raw);
        if (context != null && context.kind() != NamedContext.Kind.DOCKER_IMAGE) {
            steps.add(new Step(null, "Named build context '" + context.name() + "'", Outcome.FOUND,
                    "The build names a context for " + raw + " (" + context.value() + "): buildx reads it on the client and streams it "
                            + "to the builder, whatever its driver. Nothing else is looked at.", ""));
            return steps;
        }
        if (context != null) {
            steps.add(new Step(null, "Named build context '" + context.name() + "'", Outcome.NOT_HERE,
                    "The context is docker-image://" + context.imageRef() + ": buildx passes it to BuildKit unchanged, so the "
                            + "builder resolves " + context.imageRef() + " like any FROM.", ""));
            reference = ImageReference.parseOrNull(context.imageRef());
            raw = context.imageRef();
        } else {
            steps.add(new Step(null, "Named build context", Outcome.NOT_HERE, "No --build-context names " + raw + ".", ""));
        }
        if (reference == null) {
            steps.add(new Step(null, "Reference", Outcome.FAILS, raw + " is not a valid image reference.", "invalid reference format"));
            return steps;
        }
        ImageReference resolved = reference;
        List<String> foundIn = ImageLocator.foundIn(snapshot, reference);
        String daemonStore = snapshot.daemon().storeId();
        boolean dockerDriver = builder.driver().equals(VisibilityRules.DOCKER);
        if (dockerDriver) {
            boolean here = foundIn.contains(daemonStore);
            steps.add(new Step(daemonStore, "Daemon image store", here ? Outcome.FOUND : Outcome.NOT_HERE, here
                    ? "The docker driver builds with dockerd's own BuildKit, which finds " + reference.familiar() + " in the daemon's "
                      + "image store. The build goes on."
                    : "The docker driver looks in the daemon's image store first: " + reference.familiar() + " is not there.", ""));
            if (here) {
                return steps;
            }
        } else {
            steps.add(new Step(daemonStore, "Daemon image store", Outcome.SKIPPED, "A " + builder.driver() + " builder never reads "
                    + "the daemon's image store" + (foundIn.contains(daemonStore) ? ", even though " + reference.familiar() + " is in it" : "")
                    + ": BuildKit runs with its own content store.", ""));
        }
        String cache = StoreIds.buildkit(builder.name());
        if (snapshot.store(cache).isPresent()) {
            steps.add(new Step(cache, "The builder's own cache", Outcome.SKIPPED, "Skipped: the cache holds layers by digest, "
                    + "never names. Not even an image this builder built resolves from it.", ""));
        }
        String registryStore = StoreIds.registry(reference.domain());
        Access access = builder.accessTo(registryStore).map(StoreAccess::access).orElseGet(() ->
                VisibilityRules.accessFor(builder, List.of(new Store(registryStore, StoreKind.REGISTRY, resolved.domain(), "")),
                        VisibilityRules.localEndpoint(snapshot.daemon())).stream().findFirst().map(StoreAccess::access).orElse(Access.CANNOT_READ));
        if (access != Access.CAN_READ) {
            steps.add(new Step(registryStore, "Registry " + reference.domain(), Outcome.FAILS, "The builder asks " + reference.domain()
                    + " for " + reference.normalized() + ", but cannot reach it: " + (access == Access.ONLY_WITH_NETWORK_HOST
                    ? "its localhost is its own container (it needs network=host)." : "that localhost is another machine."),
                    "ERROR: failed to solve: " + raw + ": failed to resolve source metadata for " + reference.normalized()
                            + ": ... connect: connection refused"));
            return steps;
        }
        boolean inRegistry = foundIn.contains(registryStore);
        boolean listed = ImageLocator.registryListed(snapshot, reference.domain());
        if (inRegistry) {
            steps.add(new Step(registryStore, "Registry " + reference.domain(), Outcome.FOUND, "The builder pulls "
                    + reference.normalized() + " from " + reference.domain() + ".", ""));
            return steps;
        }
        if (!listed && !foundIn.contains(daemonStore)) {
            steps.add(new Step(registryStore, "Registry " + reference.domain(), Outcome.ASSUMED, "The builder asks "
                    + reference.domain() + " for " + reference.normalized() + ". Whether it is there is not known: "
                    + reference.domain() + " is not queried, so the build succeeds only if the image was pushed there.", ""));
            return steps;
        }
        steps.add(new Step(registryStore, "Registry " + reference.domain(), Outcome.FAILS, "The builder asks " + reference.domain()
                + " for " + reference.normalized() + ". It is not there: the image was loaded, built or tagged locally and never pushed.",
                "ERROR: failed to solve: " + raw + ": failed to resolve source metadata for " + reference.normalized()
                        + ": pull access denied, repository does not exist or may require authorization: server message: "
                        + "insufficient_scope: authorization failed"));
        return steps;
    }
}
