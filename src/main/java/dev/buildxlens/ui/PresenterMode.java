package dev.buildxlens.ui;

import dev.buildxlens.ui.main.MainView;
import javafx.beans.property.BooleanProperty;
import javafx.css.PseudoClass;

/**
 * Presenter mode, for workshops: big type, heavy lines (the {@code :presenter} rules in app.css), the store map in
 * front; back to the user's zoom when it ends.
 */
final class PresenterMode {

    private static final PseudoClass PRESENTER = PseudoClass.getPseudoClass("presenter");
    private static final double ZOOM = 1.6;

    private PresenterMode() {
    }

    static void install(BooleanProperty presenter, MainView view, Zoom zoom) {
        double[] zoomBefore = {zoom.level()};
        presenter.addListener((o, before, on) -> {
            view.pseudoClassStateChanged(PRESENTER, on);
            view.presenting(on);
            if (on) {
                zoomBefore[0] = zoom.level();
                zoom.set(Math.max(ZOOM, zoom.level()));
                view.tabs().getSelectionModel().select(0);
            } else {
                zoom.set(zoomBefore[0]);
            }
        });
    }
}
