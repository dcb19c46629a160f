package dev.buildxlens.ui.diagnose;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.ui.services.Services;
import dev.buildxlens.ui.snippet.SnippetBox;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * The fix wizard for one finding: where you build, which fix (side by side with what each costs, the recommended
 * one chosen), your names, the snippets and patches with Copy, Save and Apply, and how to check the result.
 */
public final class FixWizard {

    private final DiagnoseViewModel viewModel;
    private final Services services;
    private final Finding finding;
    private final ToggleGroup choice = new ToggleGroup();
    private final Label result = new Label();
    /** Undoes what the wizard hung on the view model (a listener, bindings): run when it closes. */
    private final List<Runnable> onClose = new ArrayList<>();

    public FixWizard(DiagnoseViewModel viewModel, Services services, Finding finding) {
        this.viewModel = viewModel;
        this.services = services;
        this.finding = finding;
    }

    public void show(Window owner) {
        Wizard wizard = new Wizard(owner, "Fix " + finding.id());
        WizardPane first = where();
        if (owner instanceof javafx.stage.Stage stage) {
            // The wizard's dialog window carries the app icon like every other window.
            first.sceneProperty().addListener((o, before, scene) -> {
                if (scene != null) {
                    scene.windowProperty().addListener((w, was, window) -> {
                        if (window instanceof javafx.stage.Stage dialog) {
                            dialog.getIcons().setAll(stage.getIcons());
                        }
                    });
                }
            });
        }
        // Resizable, never smaller than its buttons and a few lines need: a projector's screen may be small, a
        // long patch wants a large window.
        wizard.getDialog().setResizable(true);
        wizard.getDialog().setOnShown(e -> {
            if (wizard.getDialog().getDialogPane().getScene().getWindow() instanceof javafx.stage.Stage dialog) {
                dialog.setMinWidth(MIN_WIDTH);
                dialog.setMinHeight(MIN_HEIGHT);
                // The dialog opens at the size of the wizard's first, empty pane (600 px): give it the pages' size,
                // within the screen, so the comparison's columns have room for their words.
                // After the dialog's own sizing, which runs when it is shown.
                javafx.application.Platform.runLater(() -> {
                    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
                    dialog.setWidth(Math.max(MIN_WIDTH, Math.min(OPENING_WIDTH, screen.getWidth() - 40)));
                    dialog.setHeight(Math.max(MIN_HEIGHT, Math.min(680, screen.getHeight() - 40)));
                    dialog.setX(screen.getMinX() + (screen.getWidth() - dialog.getWidth()) / 2);
                    dialog.setY(screen.getMinY() + (screen.getHeight() - dialog.getHeight()) / 2);
                });
            }
        });
        // The wizard sizes its window to each new page (ControlsFX calls sizeToScene), which came out 600 px wide
        // after the first page whatever the page asked for: keep the size the window had when the page was left
        // (the opening size, or the one the user dragged it to).
        Dialog<ButtonType> window = wizard.getDialog();
        window.dialogPaneProperty().addListener((o, before, page) -> {
            if (before != null && window.isShowing() && leftAt != null) {
                double[] size = leftAt;
                javafx.application.Platform.runLater(() -> {
                    window.setWidth(size[0]);
                    window.setHeight(size[1]);
                    window.setX(size[2]);
                    window.setY(size[3]);
                });
            }
        });
        wizard.setFlow(new Wizard.LinearFlow(first, choose(), names(), snippets(), next()));
        try {
            wizard.showAndWait();
        } finally {
            // Nothing of the wizard may outlive it on the view model: each opening would otherwise add more.
            onClose.forEach(Runnable::run);
        }
    }

    /**
     * The fixes of this wizard's finding in the latest diagnosis, not the Diagnose tab's selection: a re-run (after
     * Apply, or a new registry) may move the finding, and the wizard stays with it.
     */
    private List<FixPlan> plans() {
        return viewModel.fixesFor(finding);
    }

    static final double MIN_WIDTH = 560;
    /** The width it opens at, screen permitting: the comparison's five columns keep their words whole. */
    public static final double OPENING_WIDTH = 900;
    static final double MIN_HEIGHT = 420;

    /** The window's size and place when the last page was left: the next page opens at the same. */
    private double[] leftAt;

    /** A page of this wizard: leaving it records the window's size and place for the next. */
    private class Page extends WizardPane {
        @Override
        public void onExitingPage(Wizard wizard) {
            if (getScene() != null && getScene().getWindow() != null) {
                Window window = getScene().getWindow();
                leftAt = new double[] {window.getWidth(), window.getHeight(), window.getX(), window.getY()};
            }
        }
    }

    private WizardPane page(String header, javafx.scene.Node content) {
        WizardPane pane = new Page();
        pane.setHeaderText(header);
        pane.setContent(content);
        size(pane);
        return pane;
    }

    /** Sized for its content up to 900×620, within the screen, and no smaller than its buttons and a few lines. */
    private static void size(WizardPane pane) {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        pane.setPrefSize(Math.min(900, screen.getWidth() - 60), Math.min(620, screen.getHeight() - 80));
        pane.setMinSize(MIN_WIDTH - 20, MIN_HEIGHT - 60);
    }

    /** A comparison cell: wraps in a narrow column, and its tooltip has the whole text. */
    private static Label cell(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinWidth(40);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setTooltip(new javafx.scene.control.Tooltip(text));
        return label;
    }

    private WizardPane where() {
        boolean ci = finding.job() != null;
        dev.buildxlens.core.pipeline.InputKind kind = viewModel.kindProperty().get();
        boolean gitlab = kind == dev.buildxlens.core.pipeline.InputKind.GITLAB_CI;
        String tool = kind == null ? "docker buildx build" : switch (kind) {
            case COMPOSE -> "docker compose build";
            case BAKE -> "docker buildx bake";
            default -> "docker buildx build";
        };
        ToggleGroup group = new ToggleGroup();
        RadioButton laptop = new RadioButton("On my machine (" + tool + ")");
        RadioButton actions = new RadioButton(gitlab ? "In GitLab CI" : "In GitHub Actions");
        laptop.setToggleGroup(group);
        actions.setToggleGroup(group);
        (ci ? actions : laptop).setSelected(true);
        laptop.setDisable(ci);
        actions.setDisable(!ci);
        String file = kind == null ? "file" : switch (kind) {
            case DOCKERFILE -> "Dockerfile";
            case COMPOSE -> "Compose file";
            case BAKE -> "Bake file";
            case GITLAB_CI -> "GitLab CI file";
            case GITHUB_WORKFLOW -> "workflow";
            case LOG -> "log's build";
        };
        Label note = new Label(ci ? "The fixes are written for this " + file + ": fragments and patches of its files."
                : "The fixes are written for this " + file + " and this machine's builders."
                  + (kind == null || kind == dev.buildxlens.core.pipeline.InputKind.DOCKERFILE
                        ? " Open the workflow for GitHub Actions patches." : ""));
        note.setId("wizard-where-note");
        note.setWrapText(true);
        Label what = new Label(finding.message());
        what.setWrapText(true);
        VBox box = new VBox(12, what, laptop, actions, note);
        box.setId("wizard-where");
        box.setPadding(new Insets(12));
        return page("1. Where do you build?", box);
    }

    private WizardPane choose() {
        GridPane grid = new GridPane();
        grid.setId("wizard-choose");
        grid.setHgap(14);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        String[] headings = {"Fix", "Multi-platform", "Cache export", "Registry", "Daemon change", "Extra time"};
        for (int column = 0; column < headings.length; column++) {
            Label heading = cell(headings[column]);
            heading.getStyleClass().add("section-heading");
            grid.add(heading, column, 0);
            javafx.scene.layout.ColumnConstraints constraints = new javafx.scene.layout.ColumnConstraints();
            // The fix's name gets the most room; every trade-off column shares the rest and wraps.
            constraints.setPercentWidth(column == 0 ? 30 : 14);
            constraints.setHgrow(javafx.scene.layout.Priority.ALWAYS);
            constraints.setFillWidth(true);
            grid.getColumnConstraints().add(constraints);
        }
        Label reason = new Label();
        reason.setWrapText(true);
        reason.setId("wizard-reason");
        int row = 1;
        for (FixPlan plan : plans()) {
            RadioButton option = new RadioButton(plan.title() + (plan.recommended() ? "  ★ recommended" : ""));
            option.setId("wizard-option-" + plan.id());
            option.setUserData(plan.id());
            option.setToggleGroup(choice);
            option.setWrapText(true);
            option.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            option.setTooltip(new javafx.scene.control.Tooltip(option.getText() + ": " + plan.summary()));
            if (plan.recommended() && choice.getSelectedToggle() == null) {
                option.setSelected(true);
                reason.setText("Recommended: " + plan.summary()
                        + (plan.breaks().isEmpty() ? " It breaks nothing in this build." : ""));
            }
            grid.add(option, 0, row);
            grid.add(cell(plan.tradeoffs().multiPlatform()), 1, row);
            grid.add(cell(plan.tradeoffs().cacheExport()), 2, row);
            grid.add(cell(plan.tradeoffs().needsRegistry() ? "yes" : "no"), 3, row);
            grid.add(cell(plan.tradeoffs().needsDaemonChange() ? "yes" : "no"), 4, row);
            grid.add(cell(plan.tradeoffs().ciMinutes()), 5, row);
            if (!plan.breaks().isEmpty()) {
                Label breaks = new Label("Breaks " + String.join("; ", plan.breaks()));
                breaks.setWrapText(true);
                grid.add(breaks, 0, ++row, 6, 1);
            }
            row++;
        }
        if (choice.getSelectedToggle() == null && !choice.getToggles().isEmpty()) {
            choice.getToggles().get(0).setSelected(true);
        }
        // The chosen option described in words, whichever it is.
        choice.selectedToggleProperty().addListener((o, before, toggle) -> {
            FixPlan plan = chosen();
            if (plan != null) {
                reason.setText((plan.recommended() ? "Recommended: " : "Chosen: ") + plan.summary()
                        + (plan.breaks().isEmpty() ? " It breaks nothing in this build." : " It also changes: " + String.join("; ", plan.breaks())));
            }
        });
        reason.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        reason.setPadding(new Insets(0, 12, 0, 12));
        VBox box = new VBox(10, grid, reason);
        box.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return page("2. Choose a fix", scroll);
    }

    private WizardPane names() {
        TextField registry = new TextField();
        registry.setId("wizard-registry");
        registry.textProperty().bindBidirectional(viewModel.registryProperty());
        onClose.add(() -> registry.textProperty().unbindBidirectional(viewModel.registryProperty()));
        Label help = new Label("The registry the bridge pushes the image to and builds from. A workflow's registry service runs "
                + "on the runner's localhost; on your machine any HOST:PORT works (outside 127.0.0.0/8 the fix adds a "
                + "buildkitd.toml with http = true). Image names, step names and paths come from your files.");
        help.setWrapText(true);
        VBox box = new VBox(10, new Label("Registry (HOST:PORT)"), registry, help);
        box.setPadding(new Insets(12));
        WizardPane pane = page("3. Adjust names", box);
        return pane;
    }

    private WizardPane snippets() {
        // One column that scrolls, not tabs: a tab strip hides what does not fit behind an overflow arrow, and a
        // patch still to apply must never be out of sight.
        VBox changes = new VBox(10);
        changes.setId("wizard-changes");
        changes.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(changes);
        scroll.setId("wizard-snippets");
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        result.setId("wizard-result");
        result.setWrapText(true);
        Button markdown = new Button("Copy all as Markdown");
        markdown.setGraphic(dev.buildxlens.ui.AppIcons.copy());
        markdown.setId("wizard-copy-markdown");
        markdown.setOnAction(e -> {
            services.clipboard().copy(viewModel.markdownFor(chosen() == null ? List.of() : List.of(chosen())));
            result.setText("Copied");
        });
        VBox box = new VBox(10, scroll, new HBox(10, markdown, result));
        WizardPane pane = new Page() {
            @Override
            public void onEnteringPage(Wizard wizard) {
                // The registry may have changed on the previous page: diagnose again, then show the chosen plan.
                viewModel.rerun();
                fill(changes);
            }
        };
        // Rebuilt content starts at the top: what is already done and what is still missing are read first.
        changes.getChildren().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c -> scroll.setVvalue(0));
        pane.setHeaderText("4. The changes, ready to copy");
        pane.setContent(box);
        size(pane);
        // Every finished diagnosis (after Apply, an edit on disk, Re-check) shows what is still to do.
        javafx.beans.value.ChangeListener<Number> refill = (o, before, now) -> fill(changes);
        viewModel.finishedRunsProperty().addListener(refill);
        onClose.add(() -> viewModel.finishedRunsProperty().removeListener(refill));
        return pane;
    }

    private FixPlan chosen() {
        String id = choice.getSelectedToggle() == null ? "" : (String) choice.getSelectedToggle().getUserData();
        List<FixPlan> plans = plans();
        return plans.stream().filter(p -> p.id().equals(id)).findFirst().orElse(plans.isEmpty() ? null : plans.get(0));
    }

    /**
     * The chosen plan as the latest diagnosis has it: what is already in the files, then each step still to do with
     * its snippets (Copy; Save and Apply for patches). An applied part is not offered again.
     */
    private void fill(VBox changes) {
        changes.getChildren().clear();
        if (viewModel.latest(finding).isEmpty()) {
            changes.getChildren().add(wrapped("wizard-state", "The diagnosis no longer reports this finding: the fix is in "
                    + "place. Check it on the next page."));
            return;
        }
        FixPlan plan = chosen();
        if (plan == null) {
            return;
        }
        switch (plan.state()) {
            case APPLIED -> changes.getChildren().add(wrapped("wizard-state", "Already applied: every change this fix makes to your "
                    + "files is in them" + (plan.steps().isEmpty() ? "." : "; what is below still has to run.")));
            case PARTLY_APPLIED -> changes.getChildren().add(wrapped("wizard-state", "Partly applied: below is only what is still missing."));
            case NEW -> {
                // nothing to add
            }
        }
        plan.alreadyDone().forEach(done -> changes.getChildren().add(wrapped(null, "✓ Already done: " + done)));
        int index = 0;
        int number = 1;
        for (FixStep step : plan.steps()) {
            Label title = wrapped(null, number++ + ". " + step.title());
            title.getStyleClass().add("card-title");
            changes.getChildren().add(title);
            for (Snippet snippet : step.snippets()) {
                int i = index++;
                SnippetBox box = new SnippetBox(snippet.kind() + ": " + snippet.title(), snippet.content(), services.clipboard())
                        .copyId("wizard-copy-" + i)
                        .onCopied(() -> result.setText("Copied"));
                box.setId("wizard-snippet-" + i);
                if (snippet.patch()) {
                    box.action("wizard-save-" + i, "Save patch…", dev.buildxlens.ui.AppIcons.save(), () ->
                            services.dialogs().save("Save patch", java.nio.file.Path.of(snippet.title()).getFileName() + ".patch")
                                    .ifPresent(target -> viewModel.save(target, snippet.content(), result::setText)));
                    box.action("wizard-apply-" + i, "Apply to file…", null, () -> {
                        if (services.confirmations().confirm("Apply to " + viewModel.patchTarget(snippet) + "?", box.shownText())) {
                            viewModel.applyPatch(snippet, result::setText);
                        }
                    });
                }
                changes.getChildren().add(box);
            }
        }
    }

    private static Label wrapped(String id, String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        if (id != null) {
            label.setId(id);
        }
        return label;
    }

    private WizardPane next() {
        Label steps = new Label("Run your build again (or push the workflow). Re-check diagnoses the file as it is now on disk: "
                + "after Apply, the finding should be gone.");
        steps.setWrapText(true);
        Button recheck = new Button("Re-check");
        recheck.setId("wizard-recheck");
        Label status = new Label();
        status.setId("wizard-recheck-status");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        onClose.add(() -> status.textProperty().unbind());
        recheck.setOnAction(e -> viewModel.rerun());
        VBox box = new VBox(12, steps, recheck, status);
        box.setPadding(new Insets(12));
        return page("5. Check it", box);
    }
}
