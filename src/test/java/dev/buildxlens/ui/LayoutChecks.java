package dev.buildxlens.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * What the layout test asks of a screen, as lines describing each failure (empty: the screen is fine).
 *
 * <p>JavaFX 21 has no "text is truncated" property (it arrives in 23): a labeled control counts as truncated when
 * the text its skin draws (the {@code LabeledText} inside the skin) differs from its own text, mnemonic underscore
 * aside. Such a control passes only with a tooltip that carries the whole text.
 */
final class LayoutChecks {

    /** Overlaps smaller than this (rounding, borders drawn on the same pixel) are not overlaps. */
    private static final double SLACK = 1.0;

    private LayoutChecks() {
    }

    /** Every visible labeled control under {@code root} whose drawn text is cut, without a tooltip carrying it. */
    static List<String> truncated(Parent root, String where) {
        List<String> failures = new ArrayList<>();
        for (Node node : descendants(root)) {
            if (!(node instanceof Labeled labeled) || !showing(labeled)) {
                continue;
            }
            String full = labeled.getText();
            if (full == null || full.isEmpty() || labeled.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY) {
                continue;
            }
            Text drawn = drawnText(labeled);
            if (drawn == null || !drawn.isVisible()) {
                continue;
            }
            String expected = labeled.isMnemonicParsing() ? withoutMnemonic(full) : full;
            String shown = drawn.getText() == null ? "" : drawn.getText();
            if (shown.equals(expected) || shown.equals(full)) {
                continue;
            }
            if (dev.buildxlens.ui.LazyTooltip.textOf(labeled).contains(expected)) {
                continue;
            }
            failures.add(where + ": " + describe(labeled) + " draws \"" + shown + "\" of \"" + expected + "\"");
        }
        return failures;
    }

    /** Any two of the controls directly under {@code bar} (not inside another control) that overlap in the scene. */
    static List<String> overlapping(Parent bar, String where) {
        List<Node> controls = new ArrayList<>();
        collectControls(bar, controls);
        return overlaps(controls, where);
    }

    static List<String> overlaps(List<? extends Node> nodes, String where) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Bounds a = sceneBounds(nodes.get(i));
                Bounds b = sceneBounds(nodes.get(j));
                double width = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
                double height = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
                if (width > SLACK && height > SLACK) {
                    failures.add(where + ": " + describe(nodes.get(i)) + " " + a + " overlaps " + describe(nodes.get(j)) + " " + b);
                }
            }
        }
        return failures;
    }

    /** Each node must lie inside {@code area} (in scene coordinates): nothing drawn over what is around it. */
    static List<String> inside(List<? extends Node> nodes, Node area, String where) {
        List<String> failures = new ArrayList<>();
        Bounds outer = sceneBounds(area);
        for (Node node : nodes) {
            Bounds b = sceneBounds(node);
            if (b.getMinX() < outer.getMinX() - SLACK || b.getMinY() < outer.getMinY() - SLACK
                    || b.getMaxX() > outer.getMaxX() + SLACK || b.getMaxY() > outer.getMaxY() + SLACK) {
                failures.add(where + ": " + describe(node) + " " + b + " goes outside " + describe(area) + " " + outer);
            }
        }
        return failures;
    }

    static Bounds sceneBounds(Node node) {
        return node.localToScene(node.getLayoutBounds());
    }

    /** Visible itself and in every ancestor, and laid out with some size. */
    static boolean showing(Node node) {
        if (node.getScene() == null || node.getLayoutBounds().getWidth() <= 0 || node.getLayoutBounds().getHeight() <= 0) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    static List<Node> descendants(Parent root) {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(Node node, List<Node> into) {
        into.add(node);
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, into);
            }
        }
    }

    private static void collectControls(Parent parent, List<Node> into) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (!showing(child)) {
                continue;
            }
            if (child instanceof Control) {
                into.add(child);
            } else if (child instanceof Parent p) {
                collectControls(p, into);
            }
        }
    }

    /** The skin's text node: a LabeledText among the control's children, not its graphic (icons are Text too). */
    private static Text drawnText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child != labeled.getGraphic() && child.getClass().getSimpleName().equals("LabeledText")) {
                return text;
            }
        }
        return null;
    }

    private static String withoutMnemonic(String text) {
        int index = text.indexOf('_');
        return index < 0 || index == text.length() - 1 ? text : text.substring(0, index) + text.substring(index + 1);
    }

    static String describe(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node n = node; n != null && path.length() < 160; n = n.getParent()) {
            if (name(n) != null) {
                path.insert(0, "#" + name(n) + (path.length() == 0 ? "" : " > "));
                break;
            }
        }
        String own = node.getClass().getSimpleName() + (name(node) == null ? "" : "#" + name(node));
        return own + (path.length() == 0 || name(node) != null ? "" : " in " + path);
    }

    /** A node's id, or the key of a store map card or edge (which have no CSS id). */
    private static String name(Node node) {
        return node.getId() != null ? node.getId() : dev.buildxlens.ui.storemap.StoreMapView.elementKey(node);
    }
}
