package dev.buildxlens.ui.services;

/** Puts text on the clipboard. The app uses the system clipboard; it is an interface so tests can read it back. */
public interface Clipboards {

    void copy(String text);
}
