package dev.buildxlens.ui;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;

/**
 * The window's zoom: one font size on the root, which every size in the CSS follows. Changed with Ctrl+Plus,
 * Ctrl+Minus and Ctrl+0, from the View menu, and by presenter mode; saved with the settings.
 */
final class Zoom {

    static final double BASE_FONT = 14;
    private static final double MIN = 0.6;
    private static final double MAX = 3;
    private static final double STEP = 0.1;

    private final DoubleProperty level;

    Zoom(double initial) {
        this.level = new SimpleDoubleProperty(this, "level", initial);
    }

    /** 1.0 is the base font size. */
    DoubleProperty levelProperty() {
        return level;
    }

    double level() {
        return level.get();
    }

    void set(double value) {
        level.set(value);
    }

    void in() {
        level.set(Math.min(MAX, level.get() + STEP));
    }

    void out() {
        level.set(Math.max(MIN, level.get() - STEP));
    }

    void reset() {
        level.set(1.0);
    }

    /** Sets the root's font size now and whenever the zoom changes. */
    void applyTo(Node root) {
        root.setStyle(fontSize(level.get()));
        level.addListener((o, before, value) -> root.setStyle(fontSize(value.doubleValue())));
    }

    static String fontSize(double zoom) {
        return String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * zoom);
    }
}
