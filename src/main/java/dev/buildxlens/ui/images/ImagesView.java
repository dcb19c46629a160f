package dev.buildxlens.ui.images;

import dev.buildxlens.ui.main.ImageRow;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The daemon's image store: filter, sort, size, age, and which builders can use each image as a base. */
public final class ImagesView extends BorderPane {

    public ImagesView(ImagesViewModel viewModel) {
        getStyleClass().add("images-view");
        TextField filter = new TextField();
        filter.setId("image-filter");
        filter.setPromptText("Filter by tag or id (Ctrl+F)");
        // The field Ctrl+F focuses from anywhere in the window (Shortcuts).
        filter.getStyleClass().add("find-field");
        filter.setPrefColumnCount(30);
        filter.setMinWidth(160);
        HBox.setHgrow(filter, javafx.scene.layout.Priority.SOMETIMES);
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        CheckBox dangling = new CheckBox("_Dangling only");
        dangling.setId("dangling-only");
        dangling.selectedProperty().bindBidirectional(viewModel.danglingOnlyProperty());
        Label count = new Label();
        count.setId("image-count");
        count.textProperty().bind(viewModel.shownCountProperty().asString().concat(" shown"));
        count.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        dangling.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bar = new HBox(12, filter, dangling, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 14, 8, 14));
        setTop(bar);

        TableView<ImageRow> table = new TableView<>();
        SortedList<ImageRow> sorted = new SortedList<>(viewModel.shownRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("images-table");
        // Say why the table is empty: a filter that matches nothing, or nothing in the store (or no daemon to ask).
        Label empty = new Label();
        empty.setWrapText(true);
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                        (viewModel.filterProperty().get() != null && !viewModel.filterProperty().get().isBlank()) || viewModel.danglingOnlyProperty().get()
                                ? "No images match the filter"
                                : "No images in the daemon's image store (or the daemon does not answer: see the banner)",
                viewModel.filterProperty(), viewModel.danglingOnlyProperty()));
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Image ID", 120, ImageRow::id, Comparator.naturalOrder()), 115, ""));
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Tags", 300, ImageRow::tags, String.CASE_INSENSITIVE_ORDER), 160, ""));
        TableColumn<ImageRow, Long> size = new TableColumn<>("Size");
        size.setPrefWidth(90);
        size.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().size()));
        size.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : humanSize(item));
            }
        });
        table.getColumns().add(dev.buildxlens.ui.Tables.header(size, 70, ""));
        TableColumn<ImageRow, java.time.Instant> created = new TableColumn<>("Created");
        created.setPrefWidth(130);
        created.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().createdAt()));
        created.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            {
                // The age in words can be longer than the column ("11 months ago"): the tooltip has it whole.
                dev.buildxlens.ui.LazyTooltip.install(this, () -> getText() == null ? "" : getText());
            }

            @Override
            protected void updateItem(java.time.Instant item, boolean empty) {
                super.updateItem(item, empty);
                ImageRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : row.created());
            }
        });
        table.getColumns().add(dev.buildxlens.ui.Tables.header(created, 125, ""));
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Usable as FROM by", 220, ImageRow::usableBy, Comparator.naturalOrder()), 120,
                "the builders whose FROM finds this image"));
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Not visible to", 260, ImageRow::notUsableBy, Comparator.naturalOrder()), 110,
                "the builders that cannot see this image: a FROM naming it goes to the registry instead"));
        setCenter(table);
    }

    private static TableColumn<ImageRow, String> column(String title, double width, Function<ImageRow, String> value,
                                                         Comparator<String> order) {
        TableColumn<ImageRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setComparator(order);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    public static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
