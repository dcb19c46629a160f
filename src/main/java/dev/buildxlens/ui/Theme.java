package dev.buildxlens.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/** AtlantaFX's Primer themes as the user-agent stylesheet; a {@code :dark} pseudo-class lets our CSS follow the theme. */
final class Theme {

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private Theme() {
    }

    /** Applies the theme now and whenever {@code dark} changes. */
    static void follow(BooleanProperty dark, Node root) {
        apply(dark.get(), root);
        dark.addListener((o, before, value) -> apply(value, root));
    }

    static void apply(boolean dark, Node root) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        root.pseudoClassStateChanged(DARK, dark);
    }
}
