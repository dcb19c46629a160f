package dev.buildxlens.ui.doctor;

import dev.buildxlens.core.doctor.Check;
import dev.buildxlens.core.model.Secrets;
import dev.buildxlens.ui.AppIcons;
import dev.buildxlens.ui.services.Clipboards;
import dev.buildxlens.ui.snippet.SnippetBox;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The checklist of Help → Check this machine, in the style of {@code flutter doctor}: one row per check with its
 * mark (✓ ok, ! warning, ✗ error), why, the fix to copy under a problem, and the details {@code doctor -v} prints
 * folded away. Buttons: Check again (takes a new picture), Copy as Markdown, Copy issue body, Close.
 *
 * <p>It binds to {@link DoctorViewModel}'s read-only properties and rebuilds its rows when the checks change;
 * it keeps nothing of its own. What it shows is masked as every output is ({@link Secrets#maskValues}).
 * Style classes ({@code doctor}, {@code doctor-check}, …) are in app.css.
 */
public final class DoctorView extends VBox {

    public static final String TITLE = "Check this machine";

    private final VBox rows = new VBox();
    private final Label copied = new Label();
    private final Clipboards clipboard;

    public DoctorView(DoctorViewModel viewModel, Clipboards clipboard, Runnable checkAgain, Runnable close) {
        this.clipboard = clipboard;
        getStyleClass().add("doctor");
        setId("doctor");

        Label title = new Label(TITLE);
        title.getStyleClass().add("doctor-title");
        Label subject = wrapping(new Label());
        subject.setId("doctor-subject");
        subject.textProperty().bind(viewModel.subjectProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(viewModel.checkingProperty());
        progress.managedProperty().bind(viewModel.checkingProperty());
        Label summary = wrapping(new Label());
        summary.setId("doctor-summary");
        summary.getStyleClass().add("doctor-summary");
        summary.textProperty().bind(viewModel.summaryProperty());
        HBox summaryRow = new HBox(8, progress, summary);
        summaryRow.setAlignment(Pos.CENTER_LEFT);

        rows.getStyleClass().add("doctor-rows");
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setId("doctor-checks");
        scroll.getStyleClass().add("doctor-checks");
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        Button again = new Button("Check again");
        again.setId("doctor-check-again");
        again.setGraphic(AppIcons.refresh());
        again.disableProperty().bind(viewModel.checkingProperty());
        again.setOnAction(e -> checkAgain.run());
        Button markdown = new Button("Copy as Markdown");
        markdown.setId("doctor-copy-markdown");
        markdown.setGraphic(AppIcons.copy());
        markdown.disableProperty().bind(viewModel.reportableProperty().not());
        markdown.setOnAction(e -> copy(viewModel.markdown(), "Copied the checklist as Markdown."));
        Button issue = new Button("Copy issue body");
        issue.setId("doctor-copy-issue");
        issue.setGraphic(AppIcons.copy());
        issue.disableProperty().bind(viewModel.reportableProperty().not());
        issue.setOnAction(e -> copy(viewModel.issueBody(), "Copied an issue body: the checklist and this picture as a scenario, secrets removed."));
        Button closeButton = new Button("Close");
        closeButton.setId("doctor-close");
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, again, markdown, issue, gap, closeButton);
        buttons.setAlignment(Pos.CENTER_LEFT);
        copied.setId("doctor-copied");
        wrapping(copied);

        getChildren().addAll(title, subject, summaryRow, scroll, copied, buttons);
        viewModel.checksProperty().addListener((ListChangeListener<Check>) change -> show(viewModel));
        // A new picture is not the one the "Copied" line was about.
        viewModel.checkingProperty().addListener((o, before, now) -> copied.setText(""));
        show(viewModel);
    }

    private void copy(String text, String done) {
        clipboard.copy(text);
        copied.setText(done);
    }

    private void show(DoctorViewModel viewModel) {
        rows.getChildren().setAll(viewModel.checksProperty().stream().map(this::row).toList());
    }

    private Node row(Check check) {
        Label mark = new Label();
        mark.setGraphic(switch (check.status()) {
            case OK -> AppIcons.ok();
            case WARNING -> AppIcons.severity(dev.buildxlens.core.diagnose.Severity.WARNING);
            case ERROR -> AppIcons.severity(dev.buildxlens.core.diagnose.Severity.ERROR);
        });
        // A screen reader says what the colour and the glyph say.
        mark.setAccessibleText(check.status().label());
        mark.setMinWidth(Region.USE_PREF_SIZE);
        Label title = wrapping(new Label(Secrets.maskValues(check.title())));
        title.getStyleClass().add("doctor-check-title");
        VBox text = new VBox(4, title);
        if (!check.detail().isEmpty()) {
            Label detail = wrapping(new Label(Secrets.maskValues(check.detail())));
            detail.getStyleClass().add("doctor-check-detail");
            text.getChildren().add(detail);
        }
        if (!check.fix().isEmpty()) {
            text.getChildren().add(new SnippetBox("Fix", check.fix(), clipboard)
                    .onCopied(() -> copied.setText("Copied the fix for \"" + check.title() + "\".")));
        }
        if (!check.more().isEmpty()) {
            Label more = wrapping(new Label(Secrets.maskValues(String.join("\n", check.more()))));
            more.getStyleClass().add("doctor-check-more");
            TitledPane details = new TitledPane("Details", more);
            details.setExpanded(false);
            details.setAnimated(false);
            text.getChildren().add(details);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(mark, text);
        row.getStyleClass().addAll("doctor-check", "doctor-" + check.status().label());
        row.setId("doctor-check-" + check.id().replaceAll("[^A-Za-z0-9-]", "-"));
        return row;
    }

    private static Label wrapping(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }
}
