package dev.buildxlens.ui;

import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A tooltip made only when the pointer first enters its node, with the text its supplier gives at that moment.
 * A {@link Tooltip} is a popup window with a scene of its own: making one cost about as much as the cell it
 * explains, and tables and the store map made one per visible cell and card (a sixth of the FX thread's time from
 * start to the first complete picture, profiled with JFR at 1,000 images). A pointer enters few of them.
 * An empty text means no tooltip.
 */
public final class LazyTooltip {

    private static final String TEXT = "buildx-lens.lazy-tooltip";
    private static final String MADE = "buildx-lens.lazy-tooltip.made";
    private static final String INSTALLED = "buildx-lens.lazy-tooltip.installed";

    private LazyTooltip() {
    }

    /** Explains {@code node} with what {@code text} says when the pointer enters it; replaces an earlier supplier. */
    public static void install(Node node, Supplier<String> text) {
        boolean first = !node.getProperties().containsKey(TEXT);
        node.getProperties().put(TEXT, text);
        if (first) {
            node.addEventHandler(MouseEvent.MOUSE_ENTERED, showOnEntry(node));
        }
    }

    /** As {@link #install(Node, Supplier)} with a fixed text. */
    public static void install(Node node, String text) {
        install(node, () -> text);
    }

    /**
     * The text the node's tooltip shows, or would show should the pointer enter it now; empty if none. Also reads a
     * tooltip set the usual way, so checks need not know how a node got its tooltip.
     */
    public static String textOf(Node node) {
        Object supplier = node.getProperties().get(TEXT);
        if (supplier instanceof Supplier<?> text) {
            Object value = text.get();
            return value == null ? "" : value.toString();
        }
        Tooltip tooltip = node instanceof Control control ? control.getTooltip() : null;
        return tooltip == null || tooltip.getText() == null ? "" : tooltip.getText();
    }

    /**
     * Before the tooltip's own handlers see the pointer move: installing it here lets the next move start its timer,
     * as if it had always been there.
     */
    private static EventHandler<MouseEvent> showOnEntry(Node node) {
        return event -> {
            String text = textOf(node);
            Tooltip tooltip = (Tooltip) node.getProperties().get(MADE);
            boolean installed = Boolean.TRUE.equals(node.getProperties().get(INSTALLED));
            if (text.isEmpty()) {
                if (installed) {
                    if (node instanceof Control control) {
                        control.setTooltip(null);
                    } else {
                        Tooltip.uninstall(node, tooltip);
                    }
                    node.getProperties().put(INSTALLED, false);
                }
                return;
            }
            if (tooltip == null) {
                tooltip = new Tooltip();
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(640);
                node.getProperties().put(MADE, tooltip);
            }
            tooltip.setText(text);
            // Installed once: Tooltip.install adds its mouse handlers again on every call.
            if (!installed) {
                if (node instanceof Control control) {
                    control.setTooltip(tooltip);
                } else {
                    Tooltip.install(node, tooltip);
                }
                node.getProperties().put(INSTALLED, true);
            }
        };
    }
}
