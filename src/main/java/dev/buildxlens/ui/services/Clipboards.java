package dev.buildxlens.ui.services;

/** Puts text on the clipboard. The app uses the system clipboard; it is an interface so tests can read it back. */
public interface Clipboards {

    void copy(String text);

    /** The text on the clipboard, if any: what Ctrl+V on an empty Diagnose tab reads as a log. */
    default java.util.Optional<String> text() {
        return java.util.Optional.empty();
    }
}
