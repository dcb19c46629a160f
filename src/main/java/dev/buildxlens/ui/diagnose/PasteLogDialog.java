package dev.buildxlens.ui.diagnose;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Diagnose → Paste an error…: a large text area for the error or the job log (Ctrl+V, or what the clipboard held
 * when it opened), and Diagnose. The text is read as a log: nothing in it is run or sent anywhere, and what is shown
 * of it later is redacted.
 */
final class PasteLogDialog {

    static final ButtonType DIAGNOSE = new ButtonType("Diagnose", ButtonBar.ButtonData.OK_DONE);

    private PasteLogDialog() {
    }

    /** The text to diagnose, or empty when the user cancelled or pasted nothing. */
    static Optional<String> ask(Window owner, Optional<String> clipboard) {
        return create(owner, clipboard).showAndWait().filter(text -> !text.isBlank());
    }

    static Dialog<String> create(Window owner, Optional<String> clipboard) {
        Dialog<String> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Paste an error");
        dialog.setHeaderText("Paste the error, or the whole log of the failed job");
        dialog.setResizable(true);
        Label hint = new Label("A docker buildx or docker build error, a GitHub Actions or GitLab job log (raw or copied from the "
                + "page), or docker compose build output. The builder, the failing image and the cause are read from it.");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextArea text = new TextArea(clipboard.filter(PasteLogDialog::looksLikeText).orElse(""));
        text.setId("paste-log-text");
        text.setPromptText("ERROR: failed to solve: my-base:latest: failed to resolve source metadata for docker.io/library/my-base:latest: pull access denied …");
        text.setWrapText(false);
        text.setPrefRowCount(16);
        text.setPrefColumnCount(80);
        text.getStyleClass().add("snippet");
        VBox.setVgrow(text, Priority.ALWAYS);
        VBox content = new VBox(8, hint, text);
        // The dialog pane gives its content no room of its own in the app's theme: the text keeps off the edges.
        content.setPadding(new Insets(10, 14, 4, 14));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(DIAGNOSE, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(DIAGNOSE).disableProperty().bind(text.textProperty().isEmpty());
        dialog.getDialogPane().setPrefWidth(760);
        dialog.setResultConverter(button -> button == DIAGNOSE ? text.getText() : null);
        dialog.setOnShown(e -> text.requestFocus());
        return dialog;
    }

    /** A path or a word from another app is not a log to prefill; several lines or an error's words are. */
    private static boolean looksLikeText(String clip) {
        return clip.contains("\n") || clip.toLowerCase(java.util.Locale.ROOT).contains("error");
    }
}
