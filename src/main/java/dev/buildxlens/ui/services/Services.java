package dev.buildxlens.ui.services;

/** What views need from the desktop: file dialogs, the clipboard and file watching. Injected so tests use real files. */
public record Services(FileDialogs dialogs, Clipboards clipboard, FileWatcher watcher, Confirmations confirmations) {
}
