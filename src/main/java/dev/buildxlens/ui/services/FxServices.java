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
        return java.util.List.of(new FileChooser.ExtensionFilter("Build files (Dockerfile, workflow, GitLab CI, Compose, Bake)",
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
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(details);
        text.setEditable(false);
        text.setStyle("-fx-font-family: monospace;");
        alert.getDialogPane().setContent(text);
        return alert.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }

    @Override
    public void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
