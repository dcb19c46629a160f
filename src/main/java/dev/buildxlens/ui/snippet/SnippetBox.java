package dev.buildxlens.ui.snippet;

import dev.buildxlens.core.model.Secrets;
import dev.buildxlens.ui.AppIcons;
import dev.buildxlens.ui.services.Clipboards;
import java.util.Objects;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Text the user copies (a shell command, a Dockerfile or YAML fragment, a patch, a machine command): a title, the
 * text read-only in monospace and sized to its content, a Copy button, and whatever other buttons the caller adds
 * ("Save patch…", "Apply to file…", "Run…"). Shaped like the AtlantaFX sampler's {@code ExampleBox}: a header row
 * over the content.
 *
 * <p>Secret values are masked here and nowhere else in the views: the text shown, what Copy puts on the clipboard
 * and {@link #shownText()} are {@link Secrets#maskValues masked}. Buttons that save or apply use the exact text,
 * which their callers hold ({@link #exactText()} gives it too): a patch must keep its lines to apply.
 *
 * <table>
 *   <caption>Style classes (snippet-box.css, beside this class)</caption>
 *   <tr><td>{@code snippet-box}</td><td>the box</td></tr>
 *   <tr><td>{@code snippet-header}</td><td>the row with the title and the buttons</td></tr>
 *   <tr><td>{@code snippet-title}</td><td>the title</td></tr>
 *   <tr><td>{@code snippet}</td><td>the monospace text</td></tr>
 * </table>
 */
public final class SnippetBox extends VBox {

    public static final String STYLE_CLASS = "snippet-box";

    /** A long snippet scrolls inside the box instead of pushing everything below it out of sight. */
    static final int MAX_ROWS = 14;

    private static final String STYLESHEET = Objects.requireNonNull(SnippetBox.class.getResource("snippet-box.css")).toExternalForm();

    private final String exact;
    private final String shown;
    private final Label title;
    private final TextArea text;
    private ScrollBar horizontalBar;
    private final Button copy;
    private final HBox buttons;
    private Runnable onCopied = () -> { };

    /**
     * @param title     what the text is, shown above it; empty for none
     * @param content   the exact text; shown and copied masked
     * @param clipboard where Copy puts the masked text
     */
    public SnippetBox(String title, String content, Clipboards clipboard) {
        this.exact = content;
        this.shown = Secrets.maskValues(content);
        getStyleClass().add(STYLE_CLASS);

        this.title = new Label(title);
        this.title.getStyleClass().add("snippet-title");
        this.title.setWrapText(true);
        this.title.setMinWidth(0);
        this.title.setMinHeight(Region.USE_PREF_SIZE);
        this.title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(this.title, Priority.ALWAYS);
        this.title.setVisible(!title.isEmpty());
        this.title.setManaged(!title.isEmpty());

        this.copy = new Button("Copy");
        copy.setGraphic(AppIcons.copy());
        copy.setOnAction(e -> {
            clipboard.copy(shown);
            onCopied.run();
        });
        this.buttons = new HBox(8, copy);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(8, this.title, buttons);
        header.getStyleClass().add("snippet-header");
        header.setAlignment(Pos.CENTER_LEFT);

        this.text = textFor(shown);
        getChildren().addAll(header, text);
    }

    /** The final line break of a snippet would show as an empty last row: the area leaves it out, Copy keeps it. */
    private static TextArea textFor(String shown) {
        TextArea area = new TextArea(shown.endsWith("\n") ? shown.substring(0, shown.length() - 1) : shown);
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefRowCount(rows(shown, false));
        area.getStyleClass().add("snippet");
        return area;
    }

    /**
     * A row per line, up to {@link #MAX_ROWS}, and one more while a line is wider than the box: the horizontal
     * scroll bar then takes a row's height, and without that row it would hide the last line.
     */
    static int rows(String shown, boolean horizontalBar) {
        long lines = Math.max(1, shown.lines().count());
        return (int) Math.min(MAX_ROWS, lines + (horizontalBar ? 1 : 0));
    }

    /** The text area's scroll bars exist once its skin is laid out: follow the horizontal one from then on. */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (horizontalBar == null) {
            for (Node node : text.lookupAll(".scroll-bar")) {
                if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
                    horizontalBar = bar;
                    bar.visibleProperty().addListener((o, before, visible) -> text.setPrefRowCount(rows(shown, visible)));
                    text.setPrefRowCount(rows(shown, bar.isVisible()));
                }
            }
        }
    }

    // ---- configuration, for the caller ----

    /** Gives the Copy button an id (tests find it by {@code #copy-<kind>}). */
    public SnippetBox copyId(String id) {
        copy.setId(id);
        return this;
    }

    /** Runs after Copy put the text on the clipboard: for a "Copied" line beside the snippets. */
    public SnippetBox onCopied(Runnable action) {
        this.onCopied = Objects.requireNonNull(action);
        return this;
    }

    /** Adds a button after Copy, such as "Save patch…" or "Run…"; its action uses the caller's exact content. */
    public SnippetBox action(String id, String label, Node graphic, Runnable action) {
        Button button = new Button(label);
        button.setId(id);
        button.setGraphic(graphic);
        button.setOnAction(e -> action.run());
        buttons.getChildren().add(button);
        return this;
    }

    /** A line under the text, such as why a command cannot run here. */
    public SnippetBox note(String id, String text) {
        Label note = new Label(text);
        note.setId(id);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add("snippet-note");
        getChildren().add(note);
        return this;
    }

    // ---- what it holds ----

    /** The text as shown and copied: secret values masked. For confirmations that quote it. */
    public String shownText() {
        return shown;
    }

    /** The text as given, for saving or applying. */
    public String exactText() {
        return exact;
    }

    public String title() {
        return title.getText();
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }
}
