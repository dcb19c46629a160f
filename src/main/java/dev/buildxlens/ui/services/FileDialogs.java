package dev.buildxlens.ui.services;

import java.nio.file.Path;
import java.util.Optional;

/** Asks the user for a file. The app uses the native chooser; tests hand over real files without one. */
public interface FileDialogs {

    Optional<Path> open(String title);

    Optional<Path> save(String title, String suggestedName);
}
