package dev.buildxlens.ui.diagnose;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.ui.services.Clipboards;
import dev.buildxlens.ui.services.FileDialogs;
import dev.buildxlens.ui.services.FileWatcher;
import dev.buildxlens.ui.snippet.SnippetBox;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Open (or drop) any build file (a Dockerfile, a GitHub workflow, a GitLab CI file, a Compose or Bake file): the
 * source of the file the selected finding is in with the findings' lines marked, the findings with their
 * explanations, the images, and for the selected finding its fixes with every snippet one Copy away.
 */
public final class DiagnoseView extends BorderPane {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass INFO = PseudoClass.getPseudoClass("info");
    /** The title of the dialog that opens a file to diagnose, here and in File → Open…. */
    public static final String OPEN_TITLE = "Open a Dockerfile, workflow, GitLab CI, Compose or Bake file";
    /** Lines shown above a finding's line when the source scrolls to it. */
    private static final int SOURCE_CONTEXT_LINES = 3;

    private final DiagnoseViewModel viewModel;
    private final FileDialogs dialogs;
    private final Clipboards clipboard;
    private final VBox snippets = new VBox(10);
    private final Label copied = new Label();

    private dev.buildxlens.ui.services.Services services;
    private ListView<Finding> findingList;

    public DiagnoseView(DiagnoseViewModel viewModel, dev.buildxlens.ui.services.Services services) {
        this(viewModel, services.dialogs(), services.clipboard(), services.watcher());
        this.services = services;
    }

    public DiagnoseView(DiagnoseViewModel viewModel, FileDialogs dialogs, Clipboards clipboard, FileWatcher watcher) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        getStyleClass().add("diagnose-view");
        setTop(toolbar());
        setCenter(body());
        Label status = new Label();
        status.setId("diagnose-status");
        status.textProperty().bind(viewModel.statusProperty());
        status.setPadding(new Insets(4, 14, 6, 14));
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        setBottom(status);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        // Ctrl+V on an empty tab reads the clipboard as a log; in a text field it pastes as ever.
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            boolean pasteKeys = e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.V;
            boolean typing = getScene() != null && getScene().getFocusOwner() instanceof javafx.scene.control.TextInputControl;
            if (pasteKeys && !typing && viewModel.fileProperty().get() == null && services != null) {
                services.clipboard().text().ifPresent(viewModel::pasteLog);
                e.consume();
            }
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) {
                viewModel.open(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        // The opened file and every file the diagnosis read (Dockerfiles, includes, composite actions): an edit to any
        // of them re-runs. When the file goes with its world (a lesson's folder is deleted), nothing is left to watch.
        viewModel.watchedFilesProperty().addListener((o, before, files) -> {
            if (files == null || files.isEmpty()) {
                watcher.stop();
            } else {
                watcher.watch(files, () -> Platform.runLater(viewModel::rerun));
            }
        });
    }

    private VBox toolbar() {
        Button open = new Button("_Open…");
        open.setId("open-file");
        open.setTooltip(new Tooltip("Open " + DiagnoseViewModel.KINDS + " (or drop one here)"));
        open.setOnAction(e -> dialogs.open(OPEN_TITLE).ifPresent(viewModel::open));
        Button paste = new Button("_Paste an error…");
        paste.setId("paste-log");
        paste.setTooltip(new Tooltip("Paste a build error or a CI job's log: the builder, the failing image and the cause are read from it "
                + "(Ctrl+V on an empty tab does the same)"));
        paste.setOnAction(e -> PasteLogDialog.ask(getScene() == null ? null : getScene().getWindow(),
                services == null ? java.util.Optional.empty() : services.clipboard().text()).ifPresent(viewModel::pasteLog));
        javafx.scene.control.ComboBox<String> builder = new javafx.scene.control.ComboBox<>(viewModel.builderNamesProperty());
        builder.setId("builder-picker");
        builder.setEditable(true);
        builder.setPromptText("builder (current)");
        builder.setPrefWidth(170);
        builder.setTooltip(new Tooltip("The builder that runs the build (--builder); empty: the current one"));
        builder.valueProperty().bindBidirectional(viewModel.builderProperty());
        javafx.scene.control.MenuButton recent = new javafx.scene.control.MenuButton("Recent");
        recent.setId("recent");
        Runnable fillRecent = () -> recent.getItems().setAll(viewModel.recentProperty().stream().map(path -> {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(path);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> viewModel.open(Path.of(path)));
            return item;
        }).toList());
        viewModel.recentProperty().addListener((javafx.collections.ListChangeListener<String>) c -> fillRecent.run());
        fillRecent.run();
        recent.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.recentProperty()));
        TextField args = field("build-args", "build args: NAME=value …", viewModel.buildArgsProperty(), 22);
        TextField target = field("target", "target stage", viewModel.targetProperty(), 10);
        TextField platforms = field("platforms", "platforms", viewModel.platformsProperty(), 14);
        Button rerun = new Button("Run _again");
        rerun.setId("rerun");
        rerun.setOnAction(e -> viewModel.rerun());
        javafx.scene.control.ToggleButton more = new javafx.scene.control.ToggleButton("More options");
        more.setId("more-options");
        more.setTooltip(new Tooltip("Named contexts, outputs, cache export, --load/--push/--pull, and the runner's image store for workflows"));
        HBox bar = new HBox(8, open, paste, recent, builder, args, target, platforms, more, rerun);
        bar.setAlignment(Pos.CENTER_LEFT);
        keepLabelsWhole(bar);
        // Options the open kind does not take are off, as the command line does not take them for that kind.
        builder.disableProperty().bind(viewModel.builderOptionProperty().not());
        for (javafx.scene.Node node : new javafx.scene.Node[] {args, target, platforms}) {
            node.disableProperty().bind(viewModel.dockerfileOptionsProperty().not());
        }
        HBox options = moreOptions();
        options.visibleProperty().bind(more.selectedProperty());
        options.managedProperty().bind(more.selectedProperty());
        VBox box = new VBox(6, bar, options);
        box.setId("diagnose-toolbar");
        box.setPadding(new Insets(8, 14, 8, 14));
        return box;
    }

    /** The rest of docker buildx build's options, as on the command line, and the image store a workflow's runner is assumed to use. */
    private HBox moreOptions() {
        TextField contexts = field("build-contexts", "named contexts: NAME=docker-image://… NAME=oci-layout://…", viewModel.buildContextsProperty(), 22);
        TextField outputs = field("outputs", "outputs: type=docker,dest=…", viewModel.outputsProperty(), 14);
        TextField cacheTo = field("cache-to", "cache-to: type=gha,mode=max", viewModel.cacheToProperty(), 14);
        javafx.scene.control.CheckBox load = new javafx.scene.control.CheckBox("--load");
        load.setId("load");
        load.selectedProperty().bindBidirectional(viewModel.loadProperty());
        javafx.scene.control.CheckBox push = new javafx.scene.control.CheckBox("--push");
        push.setId("push");
        push.selectedProperty().bindBidirectional(viewModel.pushProperty());
        javafx.scene.control.CheckBox pull = new javafx.scene.control.CheckBox("--pull");
        pull.setId("pull");
        pull.selectedProperty().bindBidirectional(viewModel.pullProperty());
        javafx.scene.control.ComboBox<dev.buildxlens.core.model.ImageStoreKind> store = new javafx.scene.control.ComboBox<>(
                FXCollections.observableArrayList(dev.buildxlens.core.model.ImageStoreKind.UNKNOWN,
                        dev.buildxlens.core.model.ImageStoreKind.CLASSIC, dev.buildxlens.core.model.ImageStoreKind.CONTAINERD));
        store.setId("image-store");
        store.setTooltip(new Tooltip("The image store a workflow's runners are assumed to use: as each job's runs-on says "
                + "(GitHub's runner images), or one for all (a Dockerfile build uses this machine's)"));
        store.valueProperty().bindBidirectional(viewModel.imageStoreProperty());
        store.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(dev.buildxlens.core.model.ImageStoreKind kind) {
                return kind == null || kind == dev.buildxlens.core.model.ImageStoreKind.UNKNOWN ? "runner: store by runs-on"
                        : "runner: " + kind.label() + " store";
            }

            @Override
            public dev.buildxlens.core.model.ImageStoreKind fromString(String text) {
                return null;
            }
        });
        for (javafx.scene.Node node : new javafx.scene.Node[] {contexts, outputs, cacheTo, load, push, pull}) {
            node.disableProperty().bind(viewModel.dockerfileOptionsProperty().not());
        }
        store.disableProperty().bind(viewModel.runnerOptionProperty().not());
        HBox row = new HBox(8, contexts, outputs, cacheTo, load, push, pull, store);
        row.setAlignment(Pos.CENTER_LEFT);
        keepLabelsWhole(row);
        // Under More options, not a row of its own: the source and findings keep their height at 1024×768. It says
        // why fields are off for the open kind.
        Label note = new Label();
        note.setId("options-note");
        note.setWrapText(true);
        note.textProperty().bind(viewModel.optionsNoteProperty());
        note.visibleProperty().bind(viewModel.optionsNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.setMinWidth(120);
        HBox.setHgrow(note, Priority.SOMETIMES);
        row.getChildren().add(0, note);
        return row;
    }

    /**
     * Under the explanation, for a log: the causes it is consistent with but cannot establish (each with the facts that
     * would decide it), and what was read from it. Hidden for build files.
     */
    private VBox possibleCauses() {
        Label heading = heading("Possible causes (the log does not show what decides them)");
        heading.setWrapText(true);
        VBox causes = new VBox(4);
        causes.setId("possible-causes");
        Label readHeading = heading("Read from the log");
        Label read = new Label();
        read.setId("log-notes");
        read.setWrapText(true);
        read.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Runnable fill = () -> {
            causes.getChildren().setAll(viewModel.possibleCausesProperty().stream().map(text -> {
                Label cause = new Label("• " + text);
                cause.setWrapText(true);
                cause.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                return (javafx.scene.Node) cause;
            }).toList());
            read.setText(String.join("\n", viewModel.logNotesProperty()));
        };
        viewModel.possibleCausesProperty().addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        viewModel.logNotesProperty().addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        fill.run();
        heading.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.possibleCausesProperty()));
        heading.managedProperty().bind(heading.visibleProperty());
        readHeading.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.logNotesProperty()));
        readHeading.managedProperty().bind(readHeading.visibleProperty());
        read.visibleProperty().bind(readHeading.visibleProperty());
        read.managedProperty().bind(readHeading.visibleProperty());
        VBox box = new VBox(4, heading, causes, readHeading, read);
        box.setPadding(new Insets(6, 0, 0, 0));
        return box;
    }

    /**
     * In a narrow window the text fields give up width, never the buttons and check boxes: a button cut to "Ope…"
     * says nothing. The fields keep room for a few characters and share what is left.
     */
    private static void keepLabelsWhole(HBox row) {
        for (javafx.scene.Node node : row.getChildren()) {
            if (node instanceof javafx.scene.control.Labeled labeled) {
                labeled.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            } else if ("image-store".equals(node.getId())) {
                // A choice of three fixed values: always whole.
                ((javafx.scene.layout.Region) node).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            } else if (node instanceof javafx.scene.control.ComboBox<?> combo) {
                combo.setMinWidth(130);
                HBox.setHgrow(node, Priority.ALWAYS);
            } else if (node instanceof TextField) {
                ((javafx.scene.layout.Region) node).setMinWidth(70);
                HBox.setHgrow(node, Priority.ALWAYS);
            }
        }
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty property, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private SplitPane body() {
        ListView<SourceLine> source = new ListView<>(viewModel.sourceProperty());
        source.setId("source");
        source.getStyleClass().add("source");
        Label sourceHint = new Label("Open " + DiagnoseViewModel.KINDS + " (or drop it here).");
        sourceHint.setWrapText(true);
        source.setPlaceholder(sourceHint);
        source.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SourceLine line, boolean empty) {
                super.updateItem(line, empty);
                Severity severity = empty || line == null ? null : line.severity();
                pseudoClassStateChanged(ERROR, severity == Severity.ERROR);
                pseudoClassStateChanged(WARNING, severity == Severity.WARNING);
                pseudoClassStateChanged(INFO, severity == Severity.INFO);
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                String mark = severity == null ? " " : switch (severity) {
                    case ERROR -> "✗";
                    case WARNING -> "!";
                    case INFO -> "i";
                };
                setText(String.format("%s %4d  %s%s", mark, line.number(), line.text(),
                        line.marker().isEmpty() ? "" : "    ← " + line.marker()));
            }
        });

        // The selected finding's line is selected in the source and scrolled into view, a few lines of context above it.
        viewModel.selectedLineProperty().addListener((o, before, line) -> showLine(source, line.intValue()));

        ListView<Finding> findings = new ListView<>(viewModel.findingsProperty());
        findings.setId("findings");
        findings.setPrefHeight(130);
        findings.setMinHeight(100);
        Label noFindings = new Label();
        noFindings.setId("findings-placeholder");
        noFindings.setWrapText(true);
        noFindings.setPadding(new Insets(6));
        // Empty is not "all good" when the daemon does not answer: the view model says which it is.
        noFindings.textProperty().bind(viewModel.findingsPlaceholderProperty());
        findings.setPlaceholder(noFindings);
        findings.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Finding finding, boolean empty) {
                super.updateItem(finding, empty);
                setText(empty || finding == null ? null : finding.severity().label() + "[" + finding.id() + "] line " + finding.line()
                        + ": " + finding.message());
                setGraphic(empty || finding == null ? null : dev.buildxlens.ui.AppIcons.severity(finding.severity()));
            }

            {
                // A finding is a sentence: it wraps to the list's width, never behind a horizontal scroll bar.
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
            }
        });
        Label explanation = new Label();
        explanation.setId("finding-explanation");
        explanation.setWrapText(true);
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        findings.getSelectionModel().selectedItemProperty().addListener((o, before, finding) -> {
            if (finding != null && finding != viewModel.selectedFindingProperty().get()) {
                viewModel.selectFinding(finding);
            }
        });
        // A click on the finding already selected, after another file was picked for the source, shows its file again.
        findings.setOnMouseClicked(e -> {
            Finding finding = findings.getSelectionModel().getSelectedItem();
            if (finding != null && !viewModel.showsFileOf(finding)) {
                viewModel.selectFinding(finding);
            }
        });
        // The view model decides which finding is shown (the same key after a re-run, else the first): follow it.
        viewModel.selectedFindingProperty().addListener((o, before, finding) -> {
            explanation.setText(finding == null ? "" : finding.explanation());
            if (finding == null) {
                findings.getSelectionModel().clearSelection();
            } else if (findings.getSelectionModel().getSelectedItem() != finding) {
                findings.getSelectionModel().select(finding);
            }
        });

        ListView<FixPlan> fixes = new ListView<>(viewModel.fixesProperty());
        fixes.setId("fixes");
        fixes.setPrefHeight(110);
        fixes.setMinHeight(96);
        fixes.setPlaceholder(new Label("Select a finding to see its fixes"));
        fixes.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(FixPlan plan, boolean empty) {
                super.updateItem(plan, empty);
                setText(empty || plan == null ? null : (plan.recommended() ? "★ " : "   ") + plan.title() + " (" + plan.id() + ")"
                        + switch (plan.state()) {
                            case APPLIED -> " — already applied";
                            case PARTLY_APPLIED -> " — partly applied";
                            case NEW -> "";
                        }
                        + " · registry: " + (plan.tradeoffs().needsRegistry() ? "yes" : "no") + " · multi-platform: " + plan.tradeoffs().multiPlatform());
            }

            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
            }
        });
        fixes.getSelectionModel().selectedItemProperty().addListener((o, before, plan) -> showPlan(plan));
        viewModel.fixesProperty().addListener((javafx.collections.ListChangeListener<FixPlan>) c -> {
            if (!viewModel.fixesProperty().isEmpty()) {
                fixes.getSelectionModel().select(0);
            } else {
                showPlan(null);
            }
        });
        // A finding with no fix here says why, also when the (empty) fixes did not change from the last finding's.
        viewModel.notOfferedProperty().addListener((javafx.collections.ListChangeListener<dev.buildxlens.core.fix.NotOffered>) c -> {
            if (viewModel.fixesProperty().isEmpty()) {
                showPlan(null);
            }
        });

        findingList = findings;
        Button wizard = new Button("_Fix…");
        wizard.setId("fix-wizard");
        wizard.setTooltip(new Tooltip("Walk through the fixes for the selected finding"));
        wizard.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.fixesProperty()));
        wizard.setOnAction(e -> {
            Finding selected = findingList.getSelectionModel().getSelectedItem();
            if (selected != null && services != null) {
                new FixWizard(viewModel, services, selected).show(getScene().getWindow());
            }
        });
        Button markdown = new Button("Copy all as _Markdown");
        markdown.setGraphic(dev.buildxlens.ui.AppIcons.copy());
        markdown.setId("copy-markdown");
        markdown.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.fixesProperty()));
        markdown.setOnAction(e -> copy(viewModel.fixesAsMarkdown()));
        copied.setId("copied");
        wizard.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        markdown.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox copyBar = new HBox(10, wizard, markdown, copied);
        copyBar.setAlignment(Pos.CENTER_LEFT);
        ScrollPane snippetScroll = new ScrollPane(snippets);
        snippetScroll.setFitToWidth(true);
        snippetScroll.setId("snippets");
        // The explanations say BuildKit, content store and driver: the link defines them (tooltip) and opens the help.
        javafx.scene.control.Hyperlink words = dev.buildxlens.ui.help.Help.wordsLink("finding-words");
        words.visibleProperty().bind(explanation.textProperty().isNotEmpty());
        words.managedProperty().bind(words.visibleProperty());
        // The explanation grows with its text up to about six lines, then scrolls: the fixes and the Fix… button
        // below it stay in sight in a short window.
        VBox explained = new VBox(2, explanation, possibleCauses());
        ScrollPane explanationArea = new ScrollPane(explained) {
            @Override
            protected double computePrefHeight(double width) {
                double inner = (getWidth() > 0 ? getWidth() : width > 0 ? width : 500) - 2;
                return Math.min(explained.prefHeight(inner), explanation.getFont().getSize() * 9) + 2;
            }

            @Override
            protected double computeMinHeight(double width) {
                return Math.min(computePrefHeight(width), explanation.getFont().getSize() * 3);
            }
        };
        explanationArea.setId("finding-explanation-area");
        explanationArea.setFitToWidth(true);
        explanationArea.setFocusTraversable(false);
        explanationArea.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        explanationArea.getStyleClass().add("edge-to-edge");
        explained.heightProperty().addListener((o, before, now) -> explanationArea.requestLayout());
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // The fixes' heading carries their buttons: Fix… is in sight whenever the fixes are.
        Label fixesHeading = heading("Fixes");
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        gap.setMinWidth(8);
        copyBar.getChildren().add(0, fixesHeading);
        copyBar.getChildren().add(1, gap);
        copied.setMinWidth(0);
        words.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox right = new VBox(8, heading("Findings"), findings, explanationArea, words, copyBar, fixes, snippetScroll);
        VBox.setVgrow(snippetScroll, Priority.ALWAYS);
        snippetScroll.setMinHeight(0);
        right.setPadding(new Insets(0, 14, 0, 8));
        // In a short window (a projector, the banner open) the panes give up height: with their whole height as
        // their minimum, the split would push into the toolbar above and hide the More options row under the findings.
        right.setMinHeight(0);

        TableView<ImageCheck> images = new TableView<>(viewModel.imagesProperty());
        images.setId("diagnose-images");
        images.setPrefHeight(140);
        Label noImages = new Label("No images yet: open a Dockerfile or a workflow to see the images its build needs");
        noImages.setWrapText(true);
        images.setPlaceholder(noImages);
        images.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        images.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Image", ImageCheck::normalized), 120, "the image as BuildKit resolves its name"));
        images.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Instruction", c -> c.instruction() + " (line " + c.line() + ")"), 90, ""));
        // Without a daemon, "not found locally" and "visible: yes" would be guesses: they say unknown.
        images.getColumns().add(readable(column("Found in", c -> viewModel.localImagesUnknownProperty().get()
                ? (c.foundIn().isEmpty() ? "unknown (the daemon does not answer)" : String.join(", ", c.foundIn()) + "; the daemon's store: unknown")
                : c.foundIn().isEmpty() ? "not found locally" : String.join(", ", c.foundIn())), 90, "the stores on this machine that hold it"));
        images.getColumns().add(readable(column("Visible to the builder", c -> viewModel.localImagesUnknownProperty().get() && c.foundIn().isEmpty()
                ? "unknown" : c.visible() ? "yes" : "NO"), 80, "whether the builder that runs this build can read it"));
        VBox left = new VBox(6, sourceHeading(), source, heading("Images the build needs"), images);
        VBox.setVgrow(source, Priority.ALWAYS);
        left.setPadding(new Insets(0, 8, 0, 14));
        source.setMinHeight(60);
        // The images the build needs keep their few rows; the source gives up height first.
        images.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        left.setMinHeight(0);
        SplitPane split = new SplitPane(left, right);
        split.setId("diagnose-body");
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        return split;
    }

    private static void showLine(ListView<SourceLine> source, int line) {
        int index = indexOf(source.getItems(), line);
        if (index < 0) {
            source.getSelectionModel().clearSelection();
            return;
        }
        source.getSelectionModel().select(index);
        // The lines were just replaced: laid out first, the list scrolls by the height of real cells, not estimates.
        source.applyCss();
        source.layout();
        source.scrollTo(Math.max(0, index - SOURCE_CONTEXT_LINES));
    }

    /**
     * The row of line {@code number}: the row before it when every line is shown, else (a large log shown by its
     * evidence lines only) found among the numbers, which ascend; -1 when it is not shown.
     */
    static int indexOf(java.util.List<SourceLine> lines, int number) {
        if (number < 1) {
            return -1;
        }
        if (number <= lines.size() && lines.get(number - 1).number() == number) {
            return number - 1;
        }
        int low = 0;
        int high = lines.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int at = lines.get(middle).number();
            if (at == number) {
                return middle;
            }
            if (at < number) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return -1;
    }

    /**
     * "Source: <file>", and a picker of every file the diagnosis read (the opened one, the Dockerfiles its builds use,
     * the files it includes): selecting a finding in another file shows that file, the picker shows any of them.
     */
    private HBox sourceHeading() {
        Label title = heading("Source");
        title.setId("source-title");
        title.textProperty().bind(viewModel.sourceTitleProperty());
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.control.ComboBox<Path> files = new javafx.scene.control.ComboBox<>(viewModel.sourceFilesProperty());
        files.setId("source-files");
        files.setTooltip(new Tooltip("Show another file this diagnosis read"));
        files.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Path path) {
                return path == null ? "" : viewModel.displayName(path);
            }

            @Override
            public Path fromString(String text) {
                return null;
            }
        });
        // Only worth a picker when there is more than the opened file.
        files.visibleProperty().bind(javafx.beans.binding.Bindings.size(viewModel.sourceFilesProperty()).greaterThan(1));
        files.managedProperty().bind(files.visibleProperty());
        viewModel.shownFileProperty().addListener((o, before, path) -> {
            if (files.getValue() != path) {
                files.setValue(path);
            }
        });
        files.setOnAction(e -> {
            Path chosen = files.getValue();
            if (chosen != null && !chosen.equals(viewModel.shownFileProperty().get())) {
                viewModel.showSource(chosen);
            }
        });
        HBox row = new HBox(10, title, files);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static TableColumn<ImageCheck, String> readable(TableColumn<ImageCheck, String> column, double minWidth, String explanation) {
        return dev.buildxlens.ui.Tables.readable(column, minWidth, explanation);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-heading");
        return label;
    }

    private static TableColumn<ImageCheck, String> column(String title, Function<ImageCheck, String> value) {
        TableColumn<ImageCheck, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** The plan's steps, each snippet in a {@link SnippetBox} with its own Copy (and Save for patches). */
    private void showPlan(FixPlan plan) {
        snippets.getChildren().clear();
        if (plan == null) {
            viewModel.notOfferedProperty().forEach(n -> snippets.getChildren().add(wrapped("Not offered: " + n.kind().title() + " — " + n.reason())));
            return;
        }
        snippets.getChildren().add(wrapped(plan.summary()));
        switch (plan.state()) {
            case APPLIED -> snippets.getChildren().add(wrapped("Already applied: every change of this fix is in your files."));
            case PARTLY_APPLIED -> snippets.getChildren().add(wrapped("Partly applied: the steps below are what is still missing."));
            case NEW -> {
                // nothing to add
            }
        }
        plan.alreadyDone().forEach(d -> snippets.getChildren().add(wrapped("Already done: " + d)));
        plan.prerequisites().forEach(p -> snippets.getChildren().add(wrapped("Needs: " + p)));
        plan.breaks().forEach(b -> snippets.getChildren().add(wrapped("Also changes: " + b)));
        int number = 1;
        for (FixStep step : plan.steps()) {
            Label title = new Label(number++ + ". " + step.title());
            title.getStyleClass().add("card-title");
            title.setWrapText(true);
            snippets.getChildren().add(title);
            for (Snippet snippet : step.snippets()) {
                SnippetBox box = new SnippetBox(snippet.title(), snippet.content(), clipboard)
                        .copyId("copy-" + snippet.kind())
                        .onCopied(() -> copied.setText("Copied"));
                if (snippet.patch()) {
                    box.action("save-" + snippet.kind(), "Save patch…", dev.buildxlens.ui.AppIcons.save(), () -> save(snippet));
                }
                snippets.getChildren().add(box);
            }
        }
        if (!plan.patches().isEmpty()) {
            snippets.getChildren().add(wrapped(viewModel.howToApply()));
        }
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    private void copy(String text) {
        clipboard.copy(text);
        copied.setText("Copied");
    }

    /** The view model writes it atomically, off the FX thread. */
    private void save(Snippet snippet) {
        String name = Path.of(snippet.title()).getFileName() + ".patch";
        dialogs.save("Save patch", name).ifPresent(target -> viewModel.save(target, snippet.content(), copied::setText));
    }
}
