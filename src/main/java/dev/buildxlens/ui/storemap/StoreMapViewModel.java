package dev.buildxlens.ui.storemap;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.visibility.ResolutionSteps;
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

    /** What lit the map up: nothing, a builder, an image search, or a step of "What will the builder do?". */
    public enum Mode { NONE, BUILDER, IMAGE_SEARCH, STEP }

    /**
     * What is highlighted, and why ({@code mode}): the lit builders, the verdict for each store (the selected
     * builder's, or what the steps so far found), the stores that hold a searched image, and the badges of the
     * step-through on store cards ({@code badges}, by store id) and on the builder card ({@code builderBadges}, by
     * name: a step that looks at no store, such as the named build context).
     */
    public record Highlight(Mode mode, Set<String> builders, java.util.Map<String, Access> verdicts, Set<String> holding,
                            java.util.Map<String, String> badges, java.util.Map<String, String> builderBadges) {
        public static final Highlight NONE = new Highlight(Mode.NONE, Set.of(), java.util.Map.of(), Set.of(), java.util.Map.of(),
                java.util.Map.of());

        public boolean active() {
            return !builders.isEmpty() || !verdicts.isEmpty() || !holding.isEmpty();
        }

        /** Lit builders can use the searched image: only an image search says so, never a step. */
        public boolean imageSearch() {
            return mode == Mode.IMAGE_SEARCH && active();
        }
    }

    private static final String HINT =
            "Click a builder to see what it can read; search an image to see where it lives; click an edge to see why.";

    private final ReadOnlyObjectWrapper<StoreMapModel> model = new ReadOnlyObjectWrapper<>(this, "model",
            StoreMapModel.EMPTY);
    private final ReadOnlyObjectWrapper<Highlight> highlight = new ReadOnlyObjectWrapper<>(this, "highlight", Highlight.NONE);
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", HINT);
    private final ReadOnlyObjectWrapper<Set<String>> foldedEngines = new ReadOnlyObjectWrapper<>(this, "foldedEngines", Set.of());
    /** Engines the user unfolded or folded by their heading; forgotten with the world. */
    private final Set<String> openedByUser = new java.util.HashSet<>();
    private final Set<String> closedByUser = new java.util.HashSet<>();
    private Snapshot snapshot;
    /** Derives the highlight again from the picture shown: what the user last lit up (a builder, an image, a step). */
    private Runnable lens = () -> { };

    public ReadOnlyObjectProperty<StoreMapModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Highlight> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    /**
     * The engines whose builders the map folds under their heading. With builders on several engines the map shows
     * those of the current context and of whatever is lit up (the selected builder, the builders that can use a
     * searched image, a step-through's builder); the rest are folded until their heading is opened. Empty when the
     * builders run on one engine.
     */
    public ReadOnlyObjectProperty<Set<String>> foldedEnginesProperty() {
        return foldedEngines.getReadOnlyProperty();
    }

    /** The heading of an engine was activated: fold it if it shows, show it if it is folded. */
    public void toggleEngine(String context) {
        if (foldedEngines.get().contains(context)) {
            closedByUser.remove(context);
            openedByUser.add(context);
        } else {
            openedByUser.remove(context);
            closedByUser.add(context);
        }
        fold();
    }

    private void fold() {
        StoreMapModel shown = model.get();
        Set<String> lit = highlight.get().builders();
        Set<String> folded = new java.util.LinkedHashSet<>();
        if (shown.grouped()) {
            for (StoreMapModel.EngineGroup group : shown.engines()) {
                boolean wanted = group.current() || group.builders().stream().anyMatch(lit::contains);
                boolean open = openedByUser.contains(group.context()) || wanted && !closedByUser.contains(group.context());
                if (!open) {
                    folded.add(group.context());
                }
            }
        }
        if (!folded.equals(foldedEngines.get())) {
            foldedEngines.set(Set.copyOf(folded));
        }
    }

    /** One sentence about the current selection or edge. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public void show(Snapshot value) {
        show(value, StoreMapModel.of(value));
    }

    /**
     * Shows {@code value} with its map model already made (off the FX thread). A refresh that changed nothing on the
     * map keeps the map; what the user lit up (a builder, an image, the step-through) is derived again from the new
     * picture, or cleared when what it was about is gone.
     */
    public void show(Snapshot value, StoreMapModel next) {
        snapshot = value;
        if (!next.equals(model.get())) {
            model.set(next);
        }
        lens.run();
        fold();
    }

    /** Another world is shown (a lesson, or this machine again): nothing lit up in the last one carries over. */
    public void forgetWorld() {
        endStepThrough();
        clear();
        openedByUser.clear();
        closedByUser.clear();
        fold();
    }

    /** Sets the highlight only when it differs: re-styling every card for an equal highlight is wasted work. */
    private void highlight(Highlight value) {
        if (!value.equals(highlight.get())) {
            highlight.set(value);
        }
        fold();
    }

    /** Lights up what {@code name} can read and why; ends a step-through, whose picture this replaces. */
    public void selectBuilder(String name) {
        endStepThrough();
        // Chosen on purpose (on the map, in the Builders tab): its engine shows, even if its heading was folded.
        model.get().engineOf(name).ifPresent(group -> closedByUser.remove(group.context()));
        showBuilder(name);
    }

    private void showBuilder(String name) {
        if (model.get().builders().stream().noneMatch(b -> b.name().equals(name))) {
            clear();
            return;
        }
        java.util.Map<String, Access> verdicts = new java.util.LinkedHashMap<>();
        model.get().edges().stream().filter(e -> e.builder().equals(name)).forEach(e -> verdicts.put(e.store(), e.access()));
        lens = () -> showBuilder(name);
        highlight(new Highlight(Mode.BUILDER, Set.of(name), verdicts, Set.of(), java.util.Map.of(), java.util.Map.of()));
        // With its daemon gone, what the builder can read may be all unknown: it is then not said to read "nothing".
        List<String> parts = new java.util.ArrayList<>();
        boolean unknown = verdicts.containsValue(Access.UNKNOWN);
        if (unknown && !verdicts.containsValue(Access.CAN_READ)) {
            parts.add("whether " + name + " can read " + join(verdicts, Access.UNKNOWN, "") + " is unknown: the daemon does not answer");
        } else {
            parts.add(name + " can read " + join(verdicts, Access.CAN_READ, "nothing a FROM resolves from"));
        }
        if (verdicts.containsValue(Access.CANNOT_READ)) {
            parts.add("not " + join(verdicts, Access.CANNOT_READ, ""));
        }
        if (verdicts.containsValue(Access.ONLY_WITH_NETWORK_HOST)) {
            parts.add(join(verdicts, Access.ONLY_WITH_NETWORK_HOST, "") + " only with network=host");
        }
        if (verdicts.containsValue(Access.ONLY_WITH_CONFIG)) {
            parts.add(join(verdicts, Access.ONLY_WITH_CONFIG, "") + " only with its own registry config");
        }
        if (verdicts.containsValue(Access.CACHE_ONLY)) {
            parts.add("its own cache " + join(verdicts, Access.CACHE_ONLY, "") + " holds layers, never names");
        }
        if (unknown && verdicts.containsValue(Access.CAN_READ)) {
            parts.add("whether it can read " + join(verdicts, Access.UNKNOWN, "") + " is unknown: the daemon does not answer");
        }
        explanation.set(String.join("; ", parts) + ".");
    }

    private static String join(java.util.Map<String, Access> verdicts, Access access, String none) {
        List<String> stores = verdicts.entrySet().stream().filter(e -> e.getValue() == access).map(java.util.Map.Entry::getKey).toList();
        return stores.isEmpty() ? none : String.join(", ", stores);
    }

    /** Lights up the stores that hold {@code query} and the builders that can use it there; ends a step-through. */
    public void findImage(String query) {
        endStepThrough();
        showImage(query);
    }

    private void showImage(String query) {
        if (snapshot == null || query == null || query.isBlank()) {
            clear();
            return;
        }
        lens = () -> showImage(query);
        Set<String> holding = StoreMapModel.storesHolding(snapshot, query);
        Set<String> builders = model.get().buildersReading(holding);
        highlight(new Highlight(Mode.IMAGE_SEARCH, builders, java.util.Map.of(), holding, java.util.Map.of(), java.util.Map.of()));
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
            case ONLY_WITH_CONFIG -> "can read only with its own registry config";
            case CACHE_ONLY -> "keeps only layers in";
            case UNKNOWN -> "may or may not read (unknown)";
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
        // Lit like an image search: the store, and the builders whose FROM resolves from it.
        highlight(new Highlight(Mode.IMAGE_SEARCH, readers, java.util.Map.of(), Set.of(id), java.util.Map.of(id, "◆ selected"), java.util.Map.of()));
        List<String> parts = new java.util.ArrayList<>();
        parts.add(readers.isEmpty() ? "no builder can read " + id : String.join(", ", readers) + " can read " + id);
        if (byVerdict.containsKey(Access.ONLY_WITH_NETWORK_HOST)) {
            parts.add(String.join(", ", byVerdict.get(Access.ONLY_WITH_NETWORK_HOST)) + " only with network=host");
        }
        if (byVerdict.containsKey(Access.ONLY_WITH_CONFIG)) {
            parts.add(String.join(", ", byVerdict.get(Access.ONLY_WITH_CONFIG)) + " only with their own registry config");
        }
        if (byVerdict.containsKey(Access.CANNOT_READ)) {
            parts.add("not " + String.join(", ", byVerdict.get(Access.CANNOT_READ)));
        }
        if (byVerdict.containsKey(Access.CACHE_ONLY)) {
            parts.add(String.join(", ", byVerdict.get(Access.CACHE_ONLY)) + " keeps only layers there, never names");
        }
        if (byVerdict.containsKey(Access.UNKNOWN)) {
            parts.add("unknown for " + String.join(", ", byVerdict.get(Access.UNKNOWN)) + " (the daemon does not answer)");
        }
        explanation.set(String.join("; ", parts) + ".");
    }

    /** Nothing lit up. */
    public void clear() {
        lens = () -> { };
        highlight(Highlight.NONE);
        explanation.set(HINT);
    }

    // ---- step-through resolution ----

    private final ReadOnlyStringWrapper stepCaption = new ReadOnlyStringWrapper(this, "stepCaption", "");
    private final ReadOnlyStringWrapper stepError = new ReadOnlyStringWrapper(this, "stepError", "");
    private List<ResolutionSteps.Step> steps = List.of();
    private int step;
    private String stepReference = "";
    /** The builder the user asked about. */
    private String askedBuilder = "";
    /** The fix replayed on a what-if copy of the world ({@code add-network-host}, {@code use-docker-driver}), or "". */
    private String whatIf = "";
    /** The builder whose resolution is played: the asked one, or the one the what-if builds on. */
    private String stepBuilder = "";

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
        Highlight shown = highlight.get();
        String chosen = shown.mode() == Mode.BUILDER ? shown.builders().iterator().next()
                : shown.mode() == Mode.STEP && whatIf.isEmpty() ? askedBuilder : null;
        java.util.Optional<Builder> builder = chosen != null ? snapshot.builder(chosen) : snapshot.currentBuilder();
        builder.ifPresent(b -> play(reference.trim(), b.name(), "", 0));
    }

    /**
     * Replays the same resolution on a what-if copy of the world with the targeted fix: a builder given network=host
     * when a loopback registry was out of reach, else the context's docker-driver builder (use-docker-driver).
     * Nothing on the machine changes, and the caption says so. Returns the fix id, or empty when the resolution did
     * not fail.
     */
    public String applyFixAndReplay(String reference) {
        if (snapshot == null || steps.isEmpty() || steps.get(steps.size() - 1).outcome() != ResolutionSteps.Outcome.FAILS) {
            return "";
        }
        ResolutionSteps.Step failing = steps.get(steps.size() - 1);
        Builder asked = snapshot.builder(askedBuilder).orElse(null);
        if (asked == null) {
            return "";
        }
        boolean loopback = failing.storeId() != null && failing.storeId().startsWith("registry:")
                && dev.buildxlens.core.model.RegistryHosts.isLoopback(failing.storeId().substring("registry:".length()));
        String fix = loopback && asked.driver().equals(dev.buildxlens.core.visibility.VisibilityRules.DOCKER_CONTAINER)
                ? "add-network-host" : "use-docker-driver";
        String what = reference == null || reference.isBlank() ? stepReference : reference.trim();
        return play(what, askedBuilder, fix, 0) ? fix : "";
    }

    /**
     * Plays {@code reference} on the named builder (as the what-if {@code fix} changes it), showing step {@code at}
     * (or the last); false, with nothing changed, when the picture has no such builder.
     */
    private boolean play(String reference, String builderName, String fix, int at) {
        java.util.Optional<Builder> asked = snapshot.builder(builderName);
        if (asked.isEmpty()) {
            return false;
        }
        Builder played = fix.isEmpty() ? asked.get() : fixed(asked.get(), fix);
        stepReference = reference;
        askedBuilder = builderName;
        whatIf = fix;
        stepBuilder = played.name();
        steps = ResolutionSteps.of(snapshot, played, reference, null);
        step = Math.max(0, Math.min(at, steps.size() - 1));
        // A new picture of the same world plays the same question again, from the same step.
        lens = () -> {
            if (!play(stepReference, askedBuilder, whatIf, step)) {
                endStepThrough();
                clear();
            }
        };
        showStep();
        return true;
    }

    /** The builder as the fix would make it: network=host on each node, or the context's docker-driver builder. */
    private Builder fixed(Builder builder, String fix) {
        if (fix.equals("add-network-host")) {
            List<dev.buildxlens.core.model.BuilderNode> nodes = builder.nodes().stream().map(n -> {
                java.util.Map<String, String> opts = new java.util.TreeMap<>(n.driverOpts());
                opts.put("network", "host");
                return new dev.buildxlens.core.model.BuilderNode(n.name(), n.endpoint(), n.status(), n.buildkitVersion(), n.platforms(),
                        opts, n.buildkitdFlags(), n.buildkitdConfig(), n.container());
            }).toList();
            Builder changed = new Builder(builder.name(), builder.driver(), builder.current(), builder.fromDockerContext(),
                    builder.lastActivity(), nodes, List.of(), builder.error());
            return changed.withAccess(dev.buildxlens.core.visibility.VisibilityRules.accessFor(changed, snapshot.stores(), snapshot.daemon()));
        }
        return snapshot.builder(snapshot.daemon().context()).orElse(builder);
    }

    /** No step-through: no steps, no caption, no error text, and its picture off the map. */
    private void endStepThrough() {
        boolean shown = highlight.get().mode() == Mode.STEP;
        steps = List.of();
        step = 0;
        stepReference = "";
        askedBuilder = "";
        whatIf = "";
        stepBuilder = "";
        stepCaption.set("");
        stepError.set("");
        if (shown) {
            clear();
        }
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

    /**
     * The steps so far on the map: a store a step looked at carries its number and outcome, and is lit only by what
     * the step found there (found: can read; fails: cannot; not checked: unknown); a step that looks at no store (the
     * named build context) is a badge on the builder's card. Nothing says "can use it" until a step found it.
     */
    private void showStep() {
        java.util.Map<String, Access> verdicts = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> badges = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> builderBadges = new java.util.LinkedHashMap<>();
        for (int i = 0; i <= step && i < steps.size(); i++) {
            ResolutionSteps.Step current = steps.get(i);
            if (current.storeId() == null) {
                builderBadges.put(stepBuilder, (i + 1) + " · " + current.title() + ": " + words(current.outcome()));
                continue;
            }
            Access verdict = switch (current.outcome()) {
                case FOUND -> Access.CAN_READ;
                case FAILS -> Access.CANNOT_READ;
                case ASSUMED -> Access.UNKNOWN;
                case SKIPPED, NOT_HERE -> null;
            };
            if (verdict != null) {
                verdicts.put(current.storeId(), verdict);
            }
            badges.put(current.storeId(), (i + 1) + " · " + words(current.outcome()));
        }
        highlight(new Highlight(Mode.STEP, Set.of(stepBuilder), verdicts, Set.of(), badges, builderBadges));
        ResolutionSteps.Step current = steps.get(step);
        String prefix = whatIf.isEmpty() ? "" : "What if (" + whatIf + "), a replay: nothing on this machine changed. ";
        stepCaption.set(prefix + "Step " + (step + 1) + "/" + steps.size() + " on " + stepBuilder + ": " + current.title());
        explanation.set(current.explanation());
        stepError.set(current.errorText());
        publishStepState();
    }

    private static String words(ResolutionSteps.Outcome outcome) {
        return switch (outcome) {
            case FOUND -> "✓ found here";
            case FAILS -> "✗ fails here";
            case SKIPPED -> "skipped";
            case NOT_HERE -> "not here";
            case ASSUMED -> "? not checked";
        };
    }
}
