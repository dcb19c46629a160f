package dev.buildxlens.ui;

import dev.buildxlens.ui.main.MainViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The window's keys, in one place: F5 and Ctrl+R refresh, Ctrl+Plus/Minus/0 zoom, Ctrl+Shift+P presenter mode. */
final class Shortcuts {

    private Shortcuts() {
    }

    static void install(Scene scene, MainViewModel viewModel, Zoom zoom, BooleanProperty presenter) {
        var keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.F5), viewModel::refresh);
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), viewModel::refresh);
        keys.put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), zoom::in);
        keys.put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), zoom::in);
        keys.put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), zoom::out);
        keys.put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), zoom::reset);
        keys.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> presenter.set(!presenter.get()));
    }
}
