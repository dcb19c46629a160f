package dev.buildxlens.ui.services;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real file chooser and system clipboard. */
public final class FxServices implements FileDialogs, Clipboards, Confirmations {

    private final java.util.function.Supplier<Window> owner;

    public FxServices(java.util.function.Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> open(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(openFilters());
        File file = chooser.showOpenDialog(owner.get());
        return Optional.ofNullable(file).map(File::toPath);
    }

    /**
     * The open dialog's filters: the build files the Diagnose tab reads (Dockerfiles, workflows, GitLab CI, Compose and
     * Bake files, as {@code diagnose PATH} tells them apart), then every file (a Dockerfile may have any name).
     */
    public static java.util.List<FileChooser.ExtensionFilter> openFilters() {
        return java.util.List.of(new FileChooser.ExtensionFilter("Build files and logs (Dockerfile, workflow, GitLab CI, Compose, Bake, build log)",
                dev.buildxlens.core.pipeline.InputKinds.FILE_GLOBS), new FileChooser.ExtensionFilter("All files", "*"));
    }

    @Override
    public Optional<Path> save(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        File file = chooser.showSaveDialog(owner.get());
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public boolean confirm(String title, String details) {
        return confirmation(owner.get(), title, details).showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }

    /**
     * The confirmation dialog: the title as its question, the details (a diff, a command) in a monospace area sized
     * to about 24 lines and 100 columns that scrolls beyond them; resizable, with a minimum size that keeps the
     * question, a few lines and the buttons in sight.
     */
    public static javafx.scene.control.Alert confirmation(Window owner, String title, String details) {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setResizable(true);
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(details);
        text.setId("confirmation-details");
        text.setEditable(false);
        text.setWrapText(false);
        text.getStyleClass().add("confirmation-details");
        text.setStyle("-fx-font-family: \"DejaVu Sans Mono\", \"Menlo\", \"Consolas\", monospace;");
        long lines = details.lines().count();
        text.setPrefRowCount((int) Math.max(4, Math.min(24, lines + 1)));
        text.setPrefColumnCount(100);
        text.setMinHeight(120);
        javafx.scene.layout.VBox.setVgrow(text, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.control.DialogPane pane = alert.getDialogPane();
        pane.setContent(text);
        pane.setMinSize(480, 320);
        // Never larger than the screen it opens on: the area scrolls instead.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        pane.setMaxSize(screen.getWidth() - 40, screen.getHeight() - 40);
        pane.setPrefWidth(Math.min(960, screen.getWidth() - 80));
        return alert;
    }

    @Override
    public java.util.Optional<String> text() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        return clipboard.hasString() ? java.util.Optional.ofNullable(clipboard.getString()) : java.util.Optional.empty();
    }

    @Override
    public void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
