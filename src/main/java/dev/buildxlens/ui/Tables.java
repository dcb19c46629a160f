package dev.buildxlens.ui;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.Region;

/**
 * Table columns that never hide what they say: a header whose tooltip has the whole title, cells whose tooltip has
 * the whole value when the column is too narrow for it, and a minimum width that keeps a few words in sight.
 */
public final class Tables {

    private Tables() {
    }

    /**
     * Gives the column a header label with its title and the explanation as a tooltip (a narrow header still says
     * what it is when pointed at), a minimum width, and cells that show their text with a tooltip of it.
     */
    public static <R> TableColumn<R, String> readable(TableColumn<R, String> column, double minWidth, String explanation) {
        header(column, minWidth, explanation);
        column.setCellFactory(c -> textCell());
        return column;
    }

    /** The header alone (for columns with their own cells): the title in a label with a tooltip, and a minimum width. */
    public static <R, T> TableColumn<R, T> header(TableColumn<R, T> column, double minWidth, String explanation) {
        String title = column.getText();
        Label label = new Label(title);
        label.setMinWidth(0);
        LazyTooltip.install(label, explanation == null || explanation.isEmpty() ? title : title + ": " + explanation);
        column.setGraphic(label);
        column.setText("");
        column.setMinWidth(minWidth);
        return column;
    }

    /** A cell showing its text, cut with an ellipsis if it must be, and the whole text in a tooltip. */
    public static <R> TableCell<R, String> textCell() {
        TableCell<R, String> cell = new TableCell<>() {
            {
                setMinWidth(Region.USE_COMPUTED_SIZE);
                LazyTooltip.install(this, () -> getText() == null ? "" : getText());
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean show = !empty && item != null && !item.isEmpty();
                setText(show ? item : null);
            }
        };
        return cell;
    }
}
