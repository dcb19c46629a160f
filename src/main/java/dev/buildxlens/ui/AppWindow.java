package dev.buildxlens.ui;

import dev.buildxlens.ui.main.MainView;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Scene;

/** The window's parts that settings, screenshots and the measurement need. */
record AppWindow(Scene scene, MainView view, Zoom zoom, BooleanProperty dark, BooleanProperty presenter) {
}
