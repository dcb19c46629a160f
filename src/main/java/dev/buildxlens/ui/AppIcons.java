package dev.buildxlens.ui;

import dev.buildxlens.core.model.StoreKind;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The app's in-app icons, all from one set (Feather) so drivers, stores, severities and actions look alike.
 * Each icon carries a style class, so its colour comes from app.css and follows the theme. Its size follows the
 * font of the control that shows it, so the zoom (Ctrl+Plus) scales icons with the text. Ikonli's own
 * {@code em} sizes are relative to the icon's font, which is the icon size itself, and grow on every CSS pass.
 */
public final class AppIcons {

    /** Feather's glyphs are drawn inside their em box with some air; slightly larger than the text looks even. */
    private static final double ICON_TO_TEXT = 1.15;

    private AppIcons() {
    }

    public static FontIcon copy() {
        return icon(Feather.COPY, "icon-action");
    }

    public static FontIcon refresh() {
        return icon(Feather.REFRESH_CW, "icon-action");
    }

    public static FontIcon save() {
        return icon(Feather.SAVE, "icon-action");
    }

    public static FontIcon severity(dev.buildxlens.core.diagnose.Severity severity) {
        return switch (severity) {
            case ERROR -> icon(Feather.X_CIRCLE, "icon-error");
            case WARNING -> icon(Feather.ALERT_TRIANGLE, "icon-warning");
            case INFO -> icon(Feather.INFO, "icon-info");
        };
    }

    /** A check of {@code doctor} that passed. */
    public static FontIcon ok() {
        return icon(Feather.CHECK_CIRCLE, "icon-ok");
    }

    /** A buildx driver: the daemon's own BuildKit, a container, a cluster, or something remote. */
    public static FontIcon driver(String driver) {
        return switch (driver) {
            case "docker" -> icon(Feather.SERVER, "icon-driver");
            case "docker-container" -> icon(Feather.BOX, "icon-driver");
            case "kubernetes" -> icon(Feather.HEXAGON, "icon-driver");
            default -> icon(Feather.GLOBE, "icon-driver");
        };
    }

    public static FontIcon store(StoreKind kind) {
        return switch (kind) {
            case DAEMON -> icon(Feather.HARD_DRIVE, "icon-store");
            case BUILDKIT -> icon(Feather.LAYERS, "icon-store");
            case REGISTRY -> icon(Feather.DATABASE, "icon-store");
        };
    }

    private static FontIcon icon(Feather glyph, String styleClass) {
        FontIcon icon = new FontIcon(glyph);
        icon.getStyleClass().addAll("app-icon", styleClass);
        // An inline style, not a binding: the theme's stylesheet sets -fx-icon-size too, and a bound property makes
        // every CSS pass log "A bound value cannot be set". Inline styles win over stylesheets, and the listener
        // follows the zoom.
        // Ikonli keeps the glyph font (-fx-font-family, -fx-font-size) in the same inline style, so only our own
        // entry is replaced: overwriting the whole style showed every icon as an empty box.
        javafx.beans.value.ChangeListener<javafx.scene.text.Font> follow = (o, before, font) ->
                icon.setStyle(withIconSize(icon.getStyle(), Math.round(font.getSize() * ICON_TO_TEXT)));
        icon.parentProperty().addListener((o, before, parent) -> {
            if (before instanceof javafx.scene.control.Labeled old) {
                old.fontProperty().removeListener(follow);
            }
            if (parent instanceof javafx.scene.control.Labeled labeled) {
                labeled.fontProperty().addListener(follow);
                follow.changed(labeled.fontProperty(), null, labeled.getFont());
            }
        });
        return icon;
    }

    /** {@code style} with its {@code -fx-icon-size} entry set to {@code size} pixels, every other entry kept. */
    static String withIconSize(String style, long size) {
        String others = style == null ? "" : style.replaceAll("-fx-icon-size\\s*:[^;]*;?\\s*", "").trim();
        return (others.isEmpty() || others.endsWith(";") ? others : others + ";") + (others.isEmpty() ? "" : " ")
                + "-fx-icon-size: " + size + "px;";
    }
}
