package dev.buildxlens.ui.storemap;

import dev.buildxlens.core.model.Access;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;

/**
 * The signature view: builders on the left, the places a FROM can resolve from on the right, and one edge per
 * verdict. The edge's shape carries its meaning, never colour alone: solid = can read, dashed = only with
 * network=host, broken with a cross = cannot read, dotted = layers only. Drawn with nodes, laid out on every resize.
 */
public final class StoreMapView extends BorderPane {

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass READABLE = PseudoClass.getPseudoClass("readable");
    static final PseudoClass UNREADABLE = PseudoClass.getPseudoClass("unreadable");
    static final PseudoClass HOLDING = PseudoClass.getPseudoClass("holding");
    static final PseudoClass DIMMED = PseudoClass.getPseudoClass("dimmed");
    static final PseudoClass LAYERS_ONLY = PseudoClass.getPseudoClass("layers-only");
    static final PseudoClass NETWORK_HOST = PseudoClass.getPseudoClass("network-host");
    static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");

    /** The legend in words, for where the drawn one is not (a handout). */
    public static final String LEGEND_IN_WORDS = "Solid edge: can read · dashed: only with network=host · long dash-dot: only with the builder's own registry config · broken with ✕: cannot read"
            + " · dotted: layers only, no names · dash-dot with ?: unknown (the daemon did not answer).";

    /** The drawn legend: each edge style as it looks, and what it means. */
    private static final List<String> LEGEND = List.of("──── can read", "─ ─ ─ only with network=host",
            "── · ── only with config", "──✕── cannot read",
            "······ layers only", "─ · ? · ─ unknown");

    private final StoreMapViewModel viewModel;
    private final Canvas canvas = new Canvas();

    public StoreMapView(StoreMapViewModel viewModel) {
        this.viewModel = viewModel;
        setId("store-map");
        getStyleClass().add("store-map");
        TextField search = new TextField();
        search.setId("image-search");
        search.setPromptText("Find image: e.g. dmca-base:latest");
        // The field Ctrl+F focuses from anywhere in the window (Shortcuts).
        search.getStyleClass().add("find-field");
        search.setPrefColumnCount(24);
        search.textProperty().addListener((o, before, text) -> viewModel.findImage(text));
        // The legend, item by item: it wraps to a second line in a narrow window rather than losing its end.
        javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(14, 2);
        legend.setId("map-legend");
        for (String item : LEGEND) {
            Label label = new Label(item);
            label.getStyleClass().add("map-legend");
            label.setMinWidth(Region.USE_PREF_SIZE);
            legend.getChildren().add(label);
        }
        legend.setMinWidth(0);
        HBox.setHgrow(legend, Priority.ALWAYS);
        search.setMinWidth(160);
        // The explanations say BuildKit, content store and driver: the link defines them (tooltip) and opens the help.
        javafx.scene.control.Hyperlink words = dev.buildxlens.ui.help.Help.wordsLink("map-words");
        words.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(12, legend, search);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 14, 4, 14));
        setTop(top);
        Label explanation = new Label();
        explanation.setId("store-map-explanation");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("map-explanation");
        explanation.textProperty().bind(viewModel.explanationProperty());
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.FlowPane controls = stepBar();
        // Last in the row (and in the Tab order, after the step controls), so it moves none of them.
        controls.getChildren().add(words);
        // The map, then what it says (the explanation, the step's caption and error) in an area that grows with the
        // text and scrolls when the window is too small for it; the step controls in fixed places at the bottom.
        VBox story = new VBox(6, explanation, stepCaption, stepError);
        story.setPadding(new Insets(6, 14, 4, 14));
        ScrollPane storyArea = new ScrollPane(story) {
            @Override
            protected double computePrefHeight(double width) {
                double inner = (getWidth() > 0 ? getWidth() : width > 0 ? width : 800) - 2;
                return story.prefHeight(inner) + 2;
            }

            @Override
            protected double computeMinHeight(double width) {
                // Room for a line and a half: the rest scrolls.
                return Math.min(computePrefHeight(width), explanation.getFont().getSize() * 2.6 + 12);
            }
        };
        storyArea.setId("map-story");
        storyArea.setFitToWidth(true);
        storyArea.setFocusTraversable(false);
        storyArea.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        storyArea.getStyleClass().add("edge-to-edge");
        story.heightProperty().addListener((o, before, now) -> storyArea.requestLayout());
        // The cards scale down to fit; in a window too small even for that, the map scrolls rather than drawing its
        // cards over the text and controls below it.
        ScrollPane mapArea = new ScrollPane(canvas);
        mapArea.setId("map-area");
        mapArea.setFitToWidth(true);
        mapArea.setFitToHeight(true);
        mapArea.setFocusTraversable(false);
        mapArea.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        mapArea.getStyleClass().add("edge-to-edge");
        mapArea.setMinHeight(100);
        mapArea.viewportBoundsProperty().addListener((o, before, now) -> canvas.requestLayout());
        canvas.viewport = mapArea;
        VBox.setVgrow(mapArea, Priority.ALWAYS);
        setCenter(new VBox(mapArea, storyArea));
        controls.setPadding(new Insets(6, 14, 8, 14));
        setBottom(controls);
        viewModel.modelProperty().addListener((o, before, model) -> {
            canvas.rebuild(model);
            canvas.fold(viewModel.foldedEnginesProperty().get());
            // New cards start plain: the highlight, kept or derived again for the new picture, goes on them too.
            canvas.highlight(viewModel.highlightProperty().get());
        });
        viewModel.highlightProperty().addListener((o, before, highlight) -> canvas.highlight(highlight));
        viewModel.foldedEnginesProperty().addListener((o, before, folded) -> canvas.fold(folded));
        canvas.rebuild(viewModel.modelProperty().get());
        canvas.fold(viewModel.foldedEnginesProperty().get());
    }

    private final Label stepCaption = new Label();
    private final Label stepError = new Label();

    /** "What will the builder do?": an image, then Next/Previous/Play through BuildKit's resolution order. */
    private javafx.scene.layout.FlowPane stepBar() {
        TextField image = new TextField();
        image.setId("step-image");
        image.setPromptText("Image to resolve, e.g. my-base:latest");
        image.setPrefColumnCount(24);
        javafx.scene.control.Button start = new javafx.scene.control.Button("What will the builder do?");
        start.setId("step-start");
        // Nothing to resolve without an image; nothing to step before or after the ends; no fix for a resolution that works.
        javafx.beans.binding.BooleanBinding noImage = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> image.getText() == null || image.getText().isBlank(), image.textProperty());
        start.disableProperty().bind(noImage);
        start.setOnAction(e -> {
            viewModel.stepThrough(image.getText());
            requestFocus();
        });
        image.setOnAction(e -> viewModel.stepThrough(image.getText()));
        javafx.scene.control.Button previous = new javafx.scene.control.Button("◀ Previous");
        previous.setId("step-previous");
        previous.disableProperty().bind(viewModel.canStepBackProperty().not());
        previous.setOnAction(e -> viewModel.previousStep());
        javafx.scene.control.Button next = new javafx.scene.control.Button("Next ▶");
        next.setId("step-next");
        next.disableProperty().bind(viewModel.canStepForwardProperty().not());
        next.setOnAction(e -> viewModel.nextStep());
        javafx.animation.Timeline autoplay = new javafx.animation.Timeline();
        javafx.scene.control.Button play = new javafx.scene.control.Button("Play");
        play.setId("step-play");
        play.disableProperty().bind(noImage);
        autoplay.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(2.5), e -> {
            if (!viewModel.nextStep()) {
                autoplay.stop();
            }
        }));
        autoplay.setCycleCount(javafx.animation.Animation.INDEFINITE);
        play.setOnAction(e -> {
            viewModel.stepThrough(image.getText());
            autoplay.playFromStart();
        });
        javafx.scene.control.Button fix = new javafx.scene.control.Button("Replay with the fix");
        fix.setId("step-fix");
        fix.setTooltip(new Tooltip("Plays the same steps as if the fix were made (a what-if): nothing on this machine changes"));
        fix.disableProperty().bind(viewModel.canApplyFixProperty().not());
        fix.setOnAction(e -> {
            autoplay.stop();
            viewModel.applyFixAndReplay(image.getText());
            requestFocus();
        });
        Label caption = stepCaption;
        caption.setId("step-caption");
        caption.getStyleClass().add("card-title");
        caption.textProperty().bind(viewModel.stepCaptionProperty());
        // The caption has a row of its own that grows with it: the buttons above never move as it changes.
        caption.setWrapText(true);
        caption.setMaxWidth(Double.MAX_VALUE);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        caption.visibleProperty().bind(viewModel.stepCaptionProperty().isNotEmpty());
        caption.managedProperty().bind(caption.visibleProperty());
        Label error = stepError;
        error.setId("step-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.getStyleClass().addAll("snippet", "step-error");
        error.textProperty().bind(viewModel.stepErrorProperty());
        error.visibleProperty().bind(viewModel.stepErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        // Buttons keep their words; the field gives up width. In a narrow window (a projector in presenter mode)
        // the row wraps by the window's width only, never by what the caption says.
        image.setMinWidth(180);
        for (javafx.scene.control.Button button : List.of(start, previous, next, play, fix)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(8, 6, image, start, previous, next, play, fix);
        controls.setId("step-bar");
        controls.setAlignment(Pos.CENTER_LEFT);
        // The controls at the very bottom, their places set by the window's width alone; the caption and error
        // are in the area above them, which grows and scrolls.
        // Keyboard-driven: the map takes focus when clicked, and arrows step (a filter, before buttons take arrows).
        // Not a Tab stop of its own: it would be one without anything to see; the cards and edges are the stops.
        // On click, after the tab pane has taken focus for itself on the press; a card or edge takes it itself.
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (!(e.getTarget() instanceof TextField)) {
                requestFocus();
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            // On a card or an edge the arrows move between them (Canvas#onKey).
            if (e.getTarget() instanceof TextField || isMapElement(e.getTarget())) {
                return;
            }
            if (e.getCode() == javafx.scene.input.KeyCode.RIGHT) {
                viewModel.nextStep();
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.LEFT) {
                viewModel.previousStep();
                e.consume();
            }
        });
        return controls;
    }

    /** The drawing alone (cards, edges, badges), without the search and step controls around it: for a handout. */
    public Node figure() {
        return canvas;
    }

    private static boolean isMapElement(Object target) {
        return target instanceof EdgeShape || target instanceof Node node && node.getStyleClass().contains("map-card");
    }

    static String nodeId(String prefix, String name) {
        return prefix + "-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Where a card or an edge keeps its key ({@code builder-NAME}, {@code store-ID}, {@code edge-BUILDER--STORE}). */
    private static final String ELEMENT_KEY = "buildx-lens.map-element";

    /**
     * The key of a card or an edge of the map, or null for any other node. Not the node's CSS id: JavaFX caches the
     * styles it matches per type, id and style classes, so some 250 nodes with ids of their own were each matched
     * against the whole theme, and their children could share no styles either (about 250 ms of the first frame with
     * 50 builders, measured).
     */
    public static String elementKey(Node node) {
        return node == null ? null : node.getProperties().get(ELEMENT_KEY) instanceof String key ? key : null;
    }

    /** Finds the map's card or edge with this key (see {@link #elementKey}). */
    public static java.util.function.Predicate<Node> element(String key) {
        return node -> key.equals(elementKey(node));
    }

    /** The drawing surface: cards placed in two columns, edges behind them, recomputed on every layout pass. */
    private final class Canvas extends Pane {
        private final Map<String, VBox> builderCards = new HashMap<>();
        private final Map<String, VBox> storeCards = new HashMap<>();
        /** The cards in model order: what Up and Down walk. */
        private final List<VBox> builderOrder = new ArrayList<>();
        private final List<VBox> storeOrder = new ArrayList<>();
        private final Map<String, Label> badges = new HashMap<>();
        private final List<EdgeShape> edges = new ArrayList<>();
        /** One heading per engine, above its builders, when the builders run on more than one engine. */
        private final Map<String, javafx.scene.control.Button> engineHeadings = new java.util.LinkedHashMap<>();
        private final Label builderHeading = heading("BUILDERS");
        private final Label storeHeading = heading("WHERE A FROM CAN RESOLVE");

        Canvas() {
            getStyleClass().add("map-canvas");
            // Small enough that the step bar and its caption below always keep their room: the cards scale instead.
            setMinSize(400, 100);
            addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, this::onKey);
        }

        private Label heading(String text) {
            Label label = new Label(text);
            label.getStyleClass().add("map-heading");
            return label;
        }

        /** The model the cards show now; a refresh that changes only texts updates them in place. */
        private StoreMapModel shown;

        void rebuild(StoreMapModel model) {
            if (shown != null && sameShape(shown, model)) {
                // New nodes mean a CSS pass and layout of the whole map (about 250 ms for 50 builders):
                // a refresh where only counts and statuses changed must not cost that on the FX thread.
                update(model);
                shown = model;
                return;
            }
            shown = model;
            // New cards are measured at the window's size first, then fitted again.
            cardScale = 1;
            getChildren().clear();
            builderCards.clear();
            storeCards.clear();
            builderOrder.clear();
            storeOrder.clear();
            badges.clear();
            edges.clear();
            engineHeadings.clear();
            getChildren().addAll(builderHeading, storeHeading);
            for (StoreMapModel.StoreCard store : model.stores()) {
                VBox card = card(nodeId("store", store.id()), dev.buildxlens.ui.AppIcons.store(store.kind()), title(store),
                        store.description(), "store-card", "store-" + store.kind().label());
                card.setAccessibleText(accessibleText(store));
                card.setAccessibleHelp("Enter or Space shows which builders can read it; arrow keys move between cards");
                card.setOnMouseClicked(e -> {
                    viewModel.selectStore(store.id());
                    card.requestFocus();
                    e.consume();
                });
                card.setUserData(store);
                storeCards.put(store.id(), card);
                storeOrder.add(card);
            }
            // Tab goes in the order of the children: each builder, then its edges (its verdicts), then the stores.
            // The edges are drawn behind the cards (view order), whatever their place in that order.
            for (StoreMapModel.BuilderCard builder : model.builders()) {
                StoreMapModel.EngineGroup group = model.engineOf(builder.name()).orElse(null);
                if (model.grouped() && group != null && group.builders().get(0).equals(builder.name())) {
                    javafx.scene.control.Button heading = engineHeading(group);
                    engineHeadings.put(group.context(), heading);
                    getChildren().add(heading);
                }
                VBox card = card(nodeId("builder", builder.name()), dev.buildxlens.ui.AppIcons.driver(builder.driver()),
                        title(builder), detail(builder), "builder-card");
                card.setOnMouseClicked(e -> {
                    viewModel.selectBuilder(builder.name());
                    card.requestFocus();
                    e.consume();
                });
                card.setAccessibleText(accessibleText(builder));
                card.setAccessibleHelp("Enter or Space shows what it can read; arrow keys move between cards");
                card.setUserData(builder);
                builderCards.put(builder.name(), card);
                builderOrder.add(card);
                getChildren().add(card);
                for (StoreMapModel.Edge edge : model.edges()) {
                    if (edge.builder().equals(builder.name()) && storeCards.containsKey(edge.store())) {
                        EdgeShape shape = new EdgeShape(edge);
                        edges.add(shape);
                        getChildren().add(shape);
                    }
                }
            }
            getChildren().addAll(storeOrder);
            requestLayout();
        }

        /** A heading that folds or shows the builders of one engine: Enter, Space or a click. */
        private javafx.scene.control.Button engineHeading(StoreMapModel.EngineGroup group) {
            javafx.scene.control.Button heading = new javafx.scene.control.Button();
            heading.setId(nodeId("engine", group.context()));
            heading.getStyleClass().addAll("engine-heading", "flat");
            heading.setMnemonicParsing(false);
            heading.setAlignment(Pos.CENTER_LEFT);
            heading.setUserData(group);
            heading.setAccessibleHelp("Enter or Space folds or shows the builders on this engine");
            heading.setOnAction(e -> viewModel.toggleEngine(group.context()));
            return heading;
        }

        /** Folded engines' builders (and their own stores, and their edges) are hidden; their heading says how many. */
        void fold(java.util.Set<String> folded) {
            StoreMapModel model = shown;
            if (model == null) {
                return;
            }
            java.util.Set<String> hiddenStores = new java.util.HashSet<>();
            for (StoreMapModel.EngineGroup group : model.engines()) {
                boolean hide = folded.contains(group.context());
                group.builders().forEach(name -> {
                    VBox card = builderCards.get(name);
                    if (card != null) {
                        card.setVisible(!hide);
                    }
                });
                if (hide) {
                    hiddenStores.addAll(group.ownStores());
                }
                javafx.scene.control.Button heading = engineHeadings.get(group.context());
                if (heading != null) {
                    int count = group.builders().size();
                    String builders = count + (count == 1 ? " builder" : " builders");
                    heading.setText((hide ? "▸ " : "▾ ") + "context " + group.context() + (group.current() ? " (current)" : "")
                            + " · " + builders + (hide ? " · folded" : ""));
                    heading.setAccessibleText("Engine of context " + group.context() + ", " + builders + (hide ? ", folded" : ", shown"));
                }
            }
            storeCards.forEach((id, card) -> card.setVisible(!hiddenStores.contains(id)));
            for (EdgeShape edge : edges) {
                VBox from = builderCards.get(edge.edge.builder());
                VBox to = storeCards.get(edge.edge.store());
                edge.setVisible(from != null && from.isVisible() && to != null && to.isVisible());
            }
            requestLayout();
        }

        /** Enter or Space selects a card or explains an edge; arrows move between cards, and along a builder's edges. */
        private void onKey(javafx.scene.input.KeyEvent e) {
            Node target = e.getTarget() instanceof Node node ? node : null;
            javafx.scene.input.KeyCode code = e.getCode();
            boolean activate = code == javafx.scene.input.KeyCode.ENTER || code == javafx.scene.input.KeyCode.SPACE;
            Node next = null;
            if (target instanceof EdgeShape edge) {
                if (activate) {
                    viewModel.explainEdge(edge.edge);
                    e.consume();
                    return;
                }
                List<EdgeShape> siblings = edges.stream().filter(other -> other.edge.builder().equals(edge.edge.builder()) && other.isVisible()).toList();
                next = switch (code) {
                    case LEFT -> builderCards.get(edge.edge.builder());
                    case RIGHT -> storeCards.get(edge.edge.store());
                    case UP -> neighbour(siblings, edge, -1);
                    case DOWN -> neighbour(siblings, edge, 1);
                    default -> null;
                };
            } else if (target != null && target.getUserData() instanceof StoreMapModel.BuilderCard builder) {
                if (activate) {
                    viewModel.selectBuilder(builder.name());
                    e.consume();
                    return;
                }
                next = switch (code) {
                    case UP -> neighbour(shownOnly(builderOrder), target, -1);
                    case DOWN -> neighbour(shownOnly(builderOrder), target, 1);
                    case RIGHT -> nearest(shownOnly(storeOrder), target);
                    default -> null;
                };
            } else if (target != null && target.getUserData() instanceof StoreMapModel.StoreCard store) {
                if (activate) {
                    viewModel.selectStore(store.id());
                    e.consume();
                    return;
                }
                next = switch (code) {
                    case UP -> neighbour(shownOnly(storeOrder), target, -1);
                    case DOWN -> neighbour(shownOnly(storeOrder), target, 1);
                    case LEFT -> nearest(shownOnly(builderOrder), target);
                    default -> null;
                };
            }
            if (next != null) {
                next.requestFocus();
                e.consume();
            }
        }

        private static List<VBox> shownOnly(List<VBox> cards) {
            return cards.stream().filter(Node::isVisible).toList();
        }

        private static Node neighbour(List<? extends Node> nodes, Node from, int step) {
            int index = nodes.indexOf(from) + step;
            return index >= 0 && index < nodes.size() ? nodes.get(index) : null;
        }

        /** The card of the other column whose middle is closest in height to {@code from}'s. */
        private static Node nearest(List<VBox> cards, Node from) {
            double middle = from.getBoundsInParent().getCenterY();
            return cards.stream().min(java.util.Comparator.comparingDouble(card -> Math.abs(card.getBoundsInParent().getCenterY() - middle)))
                    .orElse(null);
        }

        /** Same builders (name, driver), stores (id, kind) and edges (ends, verdict), in the same order. */
        private static boolean sameShape(StoreMapModel a, StoreMapModel b) {
            return a.builders().stream().map(c -> c.name() + "\u0000" + c.driver()).toList()
                    .equals(b.builders().stream().map(c -> c.name() + "\u0000" + c.driver()).toList())
                    && a.stores().stream().map(c -> c.id() + "\u0000" + c.kind()).toList()
                    .equals(b.stores().stream().map(c -> c.id() + "\u0000" + c.kind()).toList())
                    && a.edges().stream().map(e -> e.builder() + "\u0000" + e.store() + "\u0000" + e.access()).toList()
                    .equals(b.edges().stream().map(e -> e.builder() + "\u0000" + e.store() + "\u0000" + e.access()).toList())
                    && a.engines().equals(b.engines());
        }

        private void update(StoreMapModel model) {
            for (StoreMapModel.BuilderCard builder : model.builders()) {
                retext(builderCards.get(builder.name()), builder, title(builder), detail(builder), accessibleText(builder));
            }
            for (StoreMapModel.StoreCard store : model.stores()) {
                retext(storeCards.get(store.id()), store, title(store), store.description(), accessibleText(store));
            }
            for (int i = 0; i < edges.size(); i++) {
                EdgeShape old = edges.get(i);
                StoreMapModel.Edge edge = model.edges().stream()
                        .filter(e -> e.builder().equals(old.edge.builder()) && e.store().equals(old.edge.store()))
                        .findFirst().orElse(old.edge);
                if (!edge.equals(old.edge)) {
                    EdgeShape replacement = new EdgeShape(edge);
                    edges.set(i, replacement);
                    getChildren().set(getChildren().indexOf(old), replacement);
                    if (old.isFocused()) {
                        replacement.requestFocus();
                    }
                }
            }
        }

        private static void retext(VBox card, Object data, String title, String detail, String accessible) {
            if (card == null) {
                return;
            }
            card.setUserData(data);
            ((Label) card.getChildren().get(0)).setText(title);
            ((Label) card.getChildren().get(1)).setText(detail);
            card.setAccessibleText(accessible);
        }

        private static String title(StoreMapModel.BuilderCard builder) {
            return builder.name() + (builder.current() ? "  ★ current" : "");
        }

        private static String detail(StoreMapModel.BuilderCard builder) {
            return builder.driver() + " · " + builder.status() + (builder.detail().isEmpty() ? "" : " · " + builder.detail());
        }

        private static String accessibleText(StoreMapModel.BuilderCard builder) {
            return "Builder " + builder.name() + ", " + builder.driver() + " driver, " + builder.status();
        }

        private static String kind(StoreMapModel.StoreCard store) {
            return switch (store.kind()) {
                case DAEMON -> "Daemon image store";
                case BUILDKIT -> "BuildKit cache";
                case REGISTRY -> "Registry";
            };
        }

        private static String title(StoreMapModel.StoreCard store) {
            return kind(store) + ": " + store.name();
        }

        private static String accessibleText(StoreMapModel.StoreCard store) {
            return kind(store) + " " + store.name() + ": " + store.description();
        }

        private VBox card(String key, javafx.scene.Node icon, String title, String detail, String... classes) {
            Label name = new Label(title, icon);
            name.getStyleClass().add("card-title");
            // Long builder and registry names wrap; the tooltip has the whole title should a card still cut it.
            name.setWrapText(true);
            dev.buildxlens.ui.LazyTooltip.install(name, name::getText);
            Label text = new Label(detail);
            text.getStyleClass().add("card-detail");
            text.setWrapText(true);
            dev.buildxlens.ui.LazyTooltip.install(text, text::getText);
            // The badge joins the card the first time it has something to say (see badge): most cards never do.
            VBox card = new VBox(4, name, text);
            card.getProperties().put(ELEMENT_KEY, key);
            card.setFocusTraversable(true);
            card.setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
            card.getStyleClass().add("map-card");
            card.getStyleClass().addAll(classes);
            card.setPadding(new Insets(8, 12, 8, 12));
            return card;
        }

        /** The cards' text size relative to the window's (1 = as the rest of the window): below 1 when they would not fit. */
        private double cardScale = 1;
        private static final double MIN_CARD_SCALE = 0.6;

        /** The scroll pane the map is shown in: its viewport is the height the cards have to fit in. */
        private ScrollPane viewport;

        @Override
        protected void layoutChildren() {
            double width = getWidth();
            double height = getHeight();
            double columnWidth = Math.max(180, Math.min(360, width * 0.34));
            double leftX = 20;
            double rightX = Math.max(leftX + columnWidth + 120, width - 20 - columnWidth);
            double available = viewport != null && viewport.getViewportBounds().getHeight() > 0 ? viewport.getViewportBounds().getHeight() : height;
            fitCards(columnWidth, available);
            // Still too tall at the smallest scale: the canvas grows past the viewport, which scrolls.
            double needed = Math.max(needed(builderColumn(), columnWidth), needed(shownOnly(storeOrder), columnWidth));
            double min = needed > available + 0.5 ? Math.ceil(needed) : 100;
            if (Math.abs(getMinHeight() - min) > 0.5) {
                setMinHeight(min);
                // Found during this layout pass (a scroll bar narrowed the cards, so their text wrapped taller). The
                // scroll pane sized the map before, and its content holder drops layout requests made while it lays
                // out: ask again once this pass is over, so the map grows to the new minimum and scrolls.
                javafx.application.Platform.runLater(this::requestLayout);
            }
            builderHeading.resizeRelocate(leftX, 6, columnWidth, 20);
            storeHeading.resizeRelocate(rightX, 6, columnWidth, 20);
            place(builderColumn(), leftX, columnWidth, height);
            place(shownOnly(storeOrder), rightX, columnWidth, height);
            for (EdgeShape edge : edges) {
                if (edge.isVisible()) {
                    edge.route(builderCards.get(edge.edge.builder()), storeCards.get(edge.edge.store()));
                }
            }
        }

        /**
         * The cards scale with the window: when a column's cards would run past the map's bottom (into the step bar
         * and its caption), their text gets smaller until they fit (down to 60 %); when there is room again, it grows
         * back to the window's size.
         */
        private void fitCards(double columnWidth, double height) {
            for (int attempt = 0; attempt < 4; attempt++) {
                double needed = Math.max(needed(builderColumn(), columnWidth), needed(shownOnly(storeOrder), columnWidth));
                double scale = cardScale;
                if (needed > height + 0.5) {
                    scale = Math.max(MIN_CARD_SCALE, cardScale * Math.max(0.5, height / needed) - 0.02);
                } else if (cardScale < 1 && needed * (1 / cardScale) < height) {
                    scale = 1;
                } else if (cardScale < 1 && needed < height * 0.85) {
                    scale = Math.min(1, cardScale * Math.min(1.15, height / needed));
                }
                if (Math.abs(scale - cardScale) < 0.005) {
                    return;
                }
                cardScale = scale;
                String style = cardScale >= 1 ? "" : String.format(java.util.Locale.ROOT, "-fx-font-size: %.3fem;", cardScale);
                for (VBox card : builderOrder) {
                    card.setStyle(style);
                    card.applyCss();
                }
                for (VBox card : storeOrder) {
                    card.setStyle(style);
                    card.applyCss();
                }
            }
        }

        /** Height of a column: the headings, the cards at their height for this width, the smallest gaps. */
        private static double needed(java.util.Collection<? extends Region> cards, double width) {
            double total = 34 + 10;
            for (Region card : cards) {
                total += card.prefHeight(width);
            }
            return total + Math.max(0, cards.size() - 1) * 12;
        }

        /**
         * The left column top to bottom: the builders in model order (grouped by engine), each engine's heading above
         * its builders when there are several engines; folded builders take no room.
         */
        private List<Region> builderColumn() {
            List<Region> column = new ArrayList<>();
            StoreMapModel model = shown;
            if (model == null) {
                return column;
            }
            for (StoreMapModel.BuilderCard builder : model.builders()) {
                model.engineOf(builder.name()).filter(g -> g.builders().get(0).equals(builder.name()))
                        .map(g -> engineHeadings.get(g.context())).ifPresent(column::add);
                VBox card = builderCards.get(builder.name());
                if (card != null && card.isVisible()) {
                    column.add(card);
                }
            }
            return column;
        }

        /** Cards top to bottom in the order given, spread over the height when there is room. */
        private void place(List<? extends Region> ordered, double x, double width, double height) {
            double total = 0;
            for (Region card : ordered) {
                total += card.prefHeight(width);
            }
            double top = 34;
            double gap = ordered.size() > 1 ? Math.max(12, Math.min(48, (height - top - 10 - total) / (ordered.size() - 1))) : 0;
            double y = top;
            for (Region card : ordered) {
                double h = card.prefHeight(width);
                card.resizeRelocate(x, y, width, h);
                y += h + gap;
            }
        }

        void highlight(StoreMapViewModel.Highlight highlight) {
            boolean active = highlight.active();
            boolean imageSearch = highlight.imageSearch();
            builderCards.forEach((name, card) -> {
                boolean lit = highlight.builders().contains(name);
                card.pseudoClassStateChanged(SELECTED, lit && !imageSearch);
                card.pseudoClassStateChanged(READABLE, lit && imageSearch);
                card.pseudoClassStateChanged(DIMMED, active && !lit);
                badge(card, lit && imageSearch ? "✓ can use it" : highlight.builderBadges().get(name));
            });
            storeCards.forEach((id, card) -> {
                Access verdict = highlight.verdicts().get(id);
                boolean holding = highlight.holding().contains(id);
                card.pseudoClassStateChanged(READABLE, verdict == Access.CAN_READ);
                card.pseudoClassStateChanged(UNREADABLE, verdict == Access.CANNOT_READ);
                card.pseudoClassStateChanged(NETWORK_HOST, verdict == Access.ONLY_WITH_NETWORK_HOST || verdict == Access.ONLY_WITH_CONFIG);
                card.pseudoClassStateChanged(LAYERS_ONLY, verdict == Access.CACHE_ONLY);
                card.pseudoClassStateChanged(UNKNOWN, verdict == Access.UNKNOWN);
                card.pseudoClassStateChanged(HOLDING, holding);
                String stepBadge = highlight.badges().get(id);
                card.pseudoClassStateChanged(DIMMED, active && verdict == null && !holding && stepBadge == null);
                String badge = stepBadge != null ? stepBadge : verdict == null ? (holding ? "◆ holds the image" : null) : switch (verdict) {
                    case CAN_READ -> "✓ can read";
                    case CANNOT_READ -> "✗ cannot read";
                    case ONLY_WITH_NETWORK_HOST -> "~ only with network=host";
                    case ONLY_WITH_CONFIG -> "≈ only with config";
                    case CACHE_ONLY -> "· layers only, no names";
                    case UNKNOWN -> "? unknown";
                };
                badge(card, badge);
            });
            for (EdgeShape edge : edges) {
                boolean lit = highlight.builders().contains(edge.edge.builder())
                        && (highlight.holding().isEmpty() || highlight.holding().contains(edge.edge.store()));
                edge.pseudoClassStateChanged(DIMMED, active && !lit);
                edge.pseudoClassStateChanged(SELECTED, active && lit);
            }
        }

        private void badge(VBox card, String text) {
            Label badge = badges.get(elementKey(card));
            boolean show = text != null;
            if (badge == null) {
                if (!show) {
                    return;
                }
                badge = new Label();
                badge.getStyleClass().add("card-badge");
                badge.setWrapText(true);
                badge.setMinHeight(Region.USE_PREF_SIZE);
                card.getChildren().add(badge);
                badges.put(elementKey(card), badge);
            }
            badge.setText(show ? text : "");
            badge.setVisible(show);
            badge.setManaged(show);
        }
    }

    /** One edge: a wide invisible line to click or hover, and the visible line(s) whose shape says the verdict. */
    private final class EdgeShape extends Group {
        final StoreMapModel.Edge edge;
        private final Line hit = new Line();
        private final Line first = new Line();
        private final Line second = new Line();
        private final Text cross = new Text("✕");

        EdgeShape(StoreMapModel.Edge edge) {
            this.edge = edge;
            getProperties().put(ELEMENT_KEY, nodeId("edge", edge.builder() + "--" + edge.store()));
            getStyleClass().addAll("edge", "edge-" + edge.access().label());
            hit.getStyleClass().add("edge-hit");
            first.getStyleClass().add("edge-line");
            second.getStyleClass().add("edge-line");
            cross.getStyleClass().add("edge-cross");
            boolean broken = edge.access() == Access.CANNOT_READ;
            // A cross marks the wall of "cannot read"; a question mark the edge whose verdict is unknown.
            cross.setText(edge.access() == Access.UNKNOWN ? "?" : "✕");
            // Only the parts this edge draws are in the scene: every node costs CSS and layout, and a map of 50
            // builders has some 150 edges, most of them one plain line.
            getChildren().add(first);
            if (broken) {
                getChildren().add(second);
            }
            if (broken || edge.access() == Access.UNKNOWN) {
                getChildren().add(cross);
            }
            getChildren().add(hit);
            dev.buildxlens.ui.LazyTooltip.install(hit, edge.builder() + " → " + edge.store() + ": " + edge.reason());
            hit.setOnMouseClicked(e -> {
                viewModel.explainEdge(edge);
                requestFocus();
                e.consume();
            });
            // Behind the cards, wherever it is in the Tab order; a stop of its own, read out with its reason.
            setViewOrder(1);
            setFocusTraversable(true);
            setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
            setAccessibleText(StoreMapViewModel.describe(edge));
            setAccessibleHelp("Enter or Space explains it; Left and Right go to its builder and its store, Up and Down to the builder's other edges");
        }

        void route(Node from, Node to) {
            double x1 = from.getLayoutX() + from.getLayoutBounds().getWidth();
            double y1 = from.getLayoutY() + from.getLayoutBounds().getHeight() / 2;
            double x2 = to.getLayoutX();
            double y2 = to.getLayoutY() + to.getLayoutBounds().getHeight() / 2;
            hit.setStartX(x1);
            hit.setStartY(y1);
            hit.setEndX(x2);
            hit.setEndY(y2);
            double mx = (x1 + x2) / 2;
            double my = (y1 + y2) / 2;
            if (edge.access() != Access.CANNOT_READ) {
                set(first, x1, y1, x2, y2);
                cross.setX(mx - cross.getLayoutBounds().getWidth() / 2);
                cross.setY(my - 6);
                return;
            }
            // A visible gap with a cross in the middle: the wall between this builder and that store.
            double dx = x2 - x1;
            double dy = y2 - y1;
            double length = Math.max(1, Math.hypot(dx, dy));
            double gap = 14;
            set(first, x1, y1, mx - dx / length * gap, my - dy / length * gap);
            set(second, mx + dx / length * gap, my + dy / length * gap, x2, y2);
            cross.setX(mx - cross.getLayoutBounds().getWidth() / 2);
            cross.setY(my + cross.getLayoutBounds().getHeight() / 3);
        }

        private void set(Line line, double x1, double y1, double x2, double y2) {
            line.setStartX(x1);
            line.setStartY(y1);
            line.setEndX(x2);
            line.setEndY(y2);
        }
    }
}
