package dev.buildxlens.ui;

import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The window's keys, in one place: F5 and Ctrl+R refresh, Ctrl+Plus/Minus/0 zoom (also on the keypad), Ctrl+F the
 * find field of the tab in front, Ctrl+Shift+P presenter mode. Ctrl+O (File → Open…) is the menu's accelerator.
 */
final class Shortcuts {

    private Shortcuts() {
    }

    /** Style class of the one field per tab that Ctrl+F focuses. */
    static final String FIND_FIELD = "find-field";

    static void install(Scene scene, MainViewModel viewModel, Zoom zoom, BooleanProperty presenter) {
        var keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.F5), viewModel::refresh);
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), viewModel::refresh);
        // Ctrl+Plus is Ctrl+Shift+= on most layouts, and a key of its own on the keypad: shift either way.
        keys.put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), zoom::in);
        keys.put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), zoom::in);
        keys.put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), zoom::in);
        keys.put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), zoom::out);
        keys.put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), zoom::out);
        keys.put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), zoom::reset);
        keys.put(new KeyCodeCombination(KeyCode.NUMPAD0, KeyCombination.SHORTCUT_DOWN), zoom::reset);
        // Wherever the focus is: the find field of the tab in front (Images: the filter; Store map: find image).
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> focusFindField(scene));
        keys.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> presenter.set(!presenter.get()));
    }

    private static void focusFindField(Scene scene) {
        if (scene.getRoot() instanceof MainView view) {
            Tab tab = view.tabs().getSelectionModel().getSelectedItem();
            Node field = tab == null || tab.getContent() == null ? null : tab.getContent().lookup("." + FIND_FIELD);
            if (field != null) {
                field.requestFocus();
                if (field instanceof TextField text) {
                    text.selectAll();
                }
            }
        }
    }
}
