package dev.buildxlens.ui.storemap;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Snapshot;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the store map: the model, the selected builder or image query, what is lit up, and the explanation of
 * the edge the user pointed at.
 */
public final class StoreMapViewModel {

    /**
     * What is highlighted: the lit builders, the selected builder's verdict for each store, and the stores that hold
     * a searched image.
     */
    public record Highlight(Set<String> builders, java.util.Map<String, Access> verdicts, Set<String> holding,
                            java.util.Map<String, String> badges) {
        public static final Highlight NONE = new Highlight(Set.of(), java.util.Map.of(), Set.of(), java.util.Map.of());

        public Highlight(Set<String> builders, java.util.Map<String, Access> verdicts, Set<String> holding) {
            this(builders, verdicts, holding, java.util.Map.of());
        }

        public boolean active() {
            return !builders.isEmpty() || !verdicts.isEmpty() || !holding.isEmpty();
        }

        public boolean imageSearch() {
            return verdicts.isEmpty() && active();
        }
    }

    private final ReadOnlyObjectWrapper<StoreMapModel> model = new ReadOnlyObjectWrapper<>(this, "model",
            new StoreMapModel(java.util.List.of(), java.util.List.of(), java.util.List.of()));
    private final ReadOnlyObjectWrapper<Highlight> highlight = new ReadOnlyObjectWrapper<>(this, "highlight", Highlight.NONE);
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation",
            "Click a builder to see what it can read; search an image to see where it lives; click an edge to see why.");
    private Snapshot snapshot;

    public ReadOnlyObjectProperty<StoreMapModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Highlight> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    /** One sentence about the current selection or edge. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public void show(Snapshot value) {
        show(value, StoreMapModel.of(value));
    }

    /** Shows {@code value} with its map model already made (off the FX thread). */
    public void show(Snapshot value, StoreMapModel next) {
        snapshot = value;
        if (next.equals(model.get())) {
            // A refresh that changed nothing on the map keeps the map, and what the user lit up.
            return;
        }
        model.set(next);
        highlight(Highlight.NONE);
    }

    /** Sets the highlight only when it differs: re-styling every card for an equal highlight is wasted work. */
    private void highlight(Highlight value) {
        if (!value.equals(highlight.get())) {
            highlight.set(value);
        }
    }

    public void selectBuilder(String name) {
        java.util.Map<String, Access> verdicts = new java.util.LinkedHashMap<>();
        model.get().edges().stream().filter(e -> e.builder().equals(name)).forEach(e -> verdicts.put(e.store(), e.access()));
        highlight(new Highlight(Set.of(name), verdicts, Set.of()));
        explanation.set(name + " can read " + join(verdicts, Access.CAN_READ, "nothing a FROM resolves from")
                + (verdicts.containsValue(Access.CANNOT_READ) ? "; not " + join(verdicts, Access.CANNOT_READ, "") : "")
                + (verdicts.containsValue(Access.ONLY_WITH_NETWORK_HOST)
                        ? "; " + join(verdicts, Access.ONLY_WITH_NETWORK_HOST, "") + " only with network=host" : "")
                + (verdicts.containsValue(Access.CACHE_ONLY)
                        ? "; its own cache " + join(verdicts, Access.CACHE_ONLY, "") + " holds layers, never names" : "") + ".");
    }

    private static String join(java.util.Map<String, Access> verdicts, Access access, String none) {
        List<String> stores = verdicts.entrySet().stream().filter(e -> e.getValue() == access).map(java.util.Map.Entry::getKey).toList();
        return stores.isEmpty() ? none : String.join(", ", stores);
    }

    public void findImage(String query) {
        if (snapshot == null || query == null || query.isBlank()) {
            highlight(Highlight.NONE);
            return;
        }
        Set<String> holding = StoreMapModel.storesHolding(snapshot, query);
        Set<String> builders = model.get().buildersReading(holding);
        highlight(new Highlight(builders, java.util.Map.of(), holding));
        explanation.set(holding.isEmpty() ? "No store here holds '" + query.trim() + "' (registries such as docker.io are not listed)."
                : "'" + query.trim() + "' is in " + String.join(", ", holding) + "; "
                  + (builders.isEmpty() ? "no builder can read it there." : "builders that can use it: " + String.join(", ", builders) + "."));
    }

    public void explainEdge(StoreMapModel.Edge edge) {
        explanation.set(describe(edge));
    }

    /** An edge in one sentence, with its reason: the explanation, and what a screen reader says for the edge. */
    public static String describe(StoreMapModel.Edge edge) {
        return edge.builder() + " " + verdict(edge.access()) + " " + edge.store() + ": " + edge.reason() + ".";
    }

    private static String verdict(Access access) {
        return switch (access) {
            case CAN_READ -> "can read";
            case CANNOT_READ -> "cannot read";
            case ONLY_WITH_NETWORK_HOST -> "can read only with network=host";
            case CACHE_ONLY -> "keeps only layers in";
        };
    }

    /**
     * Lights up a store and the builders whose FROM can resolve from it, and says how every builder stands to it:
     * the store's side of {@link #selectBuilder(String)}.
     */
    public void selectStore(String id) {
        java.util.Map<Access, List<String>> byVerdict = new java.util.EnumMap<>(Access.class);
        model.get().edges().stream().filter(e -> e.store().equals(id))
                .forEach(e -> byVerdict.computeIfAbsent(e.access(), a -> new java.util.ArrayList<>()).add(e.builder()));
        Set<String> readers = new java.util.LinkedHashSet<>(byVerdict.getOrDefault(Access.CAN_READ, List.of()));
        highlight(new Highlight(readers, java.util.Map.of(), Set.of(id), java.util.Map.of(id, "◆ selected")));
        List<String> parts = new java.util.ArrayList<>();
        parts.add(readers.isEmpty() ? "no builder can read " + id : String.join(", ", readers) + " can read " + id);
        if (byVerdict.containsKey(Access.ONLY_WITH_NETWORK_HOST)) {
            parts.add(String.join(", ", byVerdict.get(Access.ONLY_WITH_NETWORK_HOST)) + " only with network=host");
        }
        if (byVerdict.containsKey(Access.CANNOT_READ)) {
            parts.add("not " + String.join(", ", byVerdict.get(Access.CANNOT_READ)));
        }
        if (byVerdict.containsKey(Access.CACHE_ONLY)) {
            parts.add(String.join(", ", byVerdict.get(Access.CACHE_ONLY)) + " keeps only layers there, never names");
        }
        explanation.set(String.join("; ", parts) + ".");
    }

    public void clear() {
        highlight(Highlight.NONE);
    }

    // ---- step-through resolution ----

    private final ReadOnlyStringWrapper stepCaption = new ReadOnlyStringWrapper(this, "stepCaption", "");
    private final ReadOnlyStringWrapper stepError = new ReadOnlyStringWrapper(this, "stepError", "");
    private List<dev.buildxlens.core.visibility.ResolutionSteps.Step> steps = List.of();
    private int step;
    private String stepBuilder = "";
    private String fixPrefix = "";

    private final javafx.beans.property.ReadOnlyBooleanWrapper canStepBack = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "canStepBack");
    private final javafx.beans.property.ReadOnlyBooleanWrapper canStepForward = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "canStepForward");
    private final javafx.beans.property.ReadOnlyBooleanWrapper canApplyFix = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "canApplyFix");

    /** There is a step before the one on screen: Previous has something to do. */
    public javafx.beans.property.ReadOnlyBooleanProperty canStepBackProperty() {
        return canStepBack.getReadOnlyProperty();
    }

    /** There is a step after the one on screen: Next (and Play's next tick) has something to do. */
    public javafx.beans.property.ReadOnlyBooleanProperty canStepForwardProperty() {
        return canStepForward.getReadOnlyProperty();
    }

    /** The resolution being stepped through fails: {@link #applyFixAndReplay(String)} has a fix to show. */
    public javafx.beans.property.ReadOnlyBooleanProperty canApplyFixProperty() {
        return canApplyFix.getReadOnlyProperty();
    }

    /** Whoever changes {@code steps} or {@code step} calls this, so the step buttons match what there is to step. */
    private void publishStepState() {
        canStepBack.set(!steps.isEmpty() && step > 0);
        canStepForward.set(step + 1 < steps.size());
        canApplyFix.set(!steps.isEmpty()
                && steps.get(steps.size() - 1).outcome() == dev.buildxlens.core.visibility.ResolutionSteps.Outcome.FAILS);
    }

    /** "Step 2/4: …" for the step on screen; empty when not stepping. */
    public ReadOnlyStringProperty stepCaptionProperty() {
        return stepCaption.getReadOnlyProperty();
    }

    /** The text the real tools print at the failing step; empty otherwise. */
    public ReadOnlyStringProperty stepErrorProperty() {
        return stepError.getReadOnlyProperty();
    }

    /**
     * Plays how the selected (else the current) builder resolves {@code reference}: named context, daemon store,
     * its own cache, the registry.
     */
    public void stepThrough(String reference) {
        if (snapshot == null || reference == null || reference.isBlank()) {
            return;
        }
        java.util.Optional<dev.buildxlens.core.model.Builder> builder = highlight.get().builders().size() == 1 && !highlight.get().imageSearch()
                ? snapshot.builder(highlight.get().builders().iterator().next()) : snapshot.currentBuilder();
        if (builder.isEmpty()) {
            return;
        }
        stepBuilder = builder.get().name();
        steps = dev.buildxlens.core.visibility.ResolutionSteps.of(snapshot, builder.get(), reference.trim(), null);
        step = 0;
        fixPrefix = "";
        showStep();
    }

    /**
     * Replays the same resolution on the world with the targeted fix applied: a builder given network=host when a
     * loopback registry was out of reach, else the context's docker-driver builder (use-docker-driver).
     * Returns the fix id, or empty when the resolution did not fail.
     */
    public String applyFixAndReplay(String reference) {
        if (snapshot == null || steps.isEmpty() || steps.get(steps.size() - 1).outcome() != dev.buildxlens.core.visibility.ResolutionSteps.Outcome.FAILS) {
            return "";
        }
        var failing = steps.get(steps.size() - 1);
        var builder = snapshot.builder(stepBuilder).orElseThrow();
        String fix;
        dev.buildxlens.core.model.Builder fixed;
        boolean loopback = failing.storeId() != null && failing.storeId().startsWith("registry:")
                && dev.buildxlens.core.model.RegistryHosts.isLoopback(failing.storeId().substring("registry:".length()));
        if (loopback && builder.driver().equals("docker-container")) {
            fix = "add-network-host";
            List<dev.buildxlens.core.model.BuilderNode> nodes = builder.nodes().stream().map(n -> {
                java.util.Map<String, String> opts = new java.util.TreeMap<>(n.driverOpts());
                opts.put("network", "host");
                return new dev.buildxlens.core.model.BuilderNode(n.name(), n.endpoint(), n.status(), n.buildkitVersion(), n.platforms(),
                        opts, n.buildkitdFlags(), n.buildkitdConfig(), n.container());
            }).toList();
            var changed = new dev.buildxlens.core.model.Builder(builder.name(), builder.driver(), builder.current(), builder.fromDockerContext(),
                    builder.lastActivity(), nodes, List.of(), builder.error());
            fixed = changed.withAccess(dev.buildxlens.core.visibility.VisibilityRules.accessFor(changed, snapshot.stores(),
                    dev.buildxlens.core.visibility.VisibilityRules.localEndpoint(snapshot.daemon())));
        } else {
            fix = "use-docker-driver";
            fixed = snapshot.builder(snapshot.daemon().context()).orElse(builder);
        }
        stepBuilder = fixed.name();
        steps = dev.buildxlens.core.visibility.ResolutionSteps.of(snapshot, fixed, reference.trim(), null);
        step = 0;
        fixPrefix = "Fix applied (" + fix + "). ";
        showStep();
        return fix;
    }

    public boolean nextStep() {
        if (step + 1 < steps.size()) {
            step++;
            showStep();
            return true;
        }
        return false;
    }

    public void previousStep() {
        if (step > 0) {
            step--;
            showStep();
        }
    }

    private void showStep() {
        java.util.Map<String, Access> verdicts = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> badges = new java.util.LinkedHashMap<>();
        for (int i = 0; i <= step && i < steps.size(); i++) {
            var current = steps.get(i);
            if (current.storeId() == null) {
                continue;
            }
            verdicts.put(current.storeId(), switch (current.outcome()) {
                case FOUND -> Access.CAN_READ;
                case FAILS -> Access.CANNOT_READ;
                case SKIPPED -> Access.CACHE_ONLY;
                case NOT_HERE -> Access.ONLY_WITH_NETWORK_HOST;
            });
            badges.put(current.storeId(), (i + 1) + " · " + switch (current.outcome()) {
                case FOUND -> "✓ found here";
                case FAILS -> "✗ fails here";
                case SKIPPED -> "skipped";
                case NOT_HERE -> "not here";
            });
        }
        highlight(new Highlight(Set.of(stepBuilder), verdicts, Set.of(), badges));
        var current = steps.get(step);
        stepCaption.set(fixPrefix + "Step " + (step + 1) + "/" + steps.size() + " on " + stepBuilder + ": " + current.title());
        explanation.set(current.explanation());
        stepError.set(current.errorText());
        publishStepState();
    }
}
