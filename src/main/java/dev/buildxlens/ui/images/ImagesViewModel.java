package dev.buildxlens.ui.images;

import dev.buildxlens.ui.main.ImageRow;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The daemon's images, filtered by text and "dangling only". Filtering is a predicate over prepared lower-case
 * text, cheap enough for 10,000 rows per keystroke; the table virtualises the rest.
 */
public final class ImagesViewModel {

    private final ObservableList<ImageRow> all = FXCollections.observableArrayList();
    private final FilteredList<ImageRow> shown = new FilteredList<>(all, row -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty danglingOnly = new SimpleBooleanProperty(this, "danglingOnly", false);
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount", 0);

    public ImagesViewModel() {
        filter.addListener((o, before, value) -> apply());
        danglingOnly.addListener((o, before, value) -> apply());
        shown.addListener((javafx.collections.ListChangeListener<ImageRow>) change -> shownCount.set(shown.size()));
    }

    public void show(List<ImageRow> rows) {
        if (rows.equals(all)) {
            // An unchanged image list keeps its rows, filter results and the table's scroll position.
            return;
        }
        all.setAll(rows);
        shownCount.set(shown.size());
    }

    private void apply() {
        String text = filter.get();
        boolean dangling = danglingOnly.get();
        shown.setPredicate(row -> row.matches(text, dangling));
        shownCount.set(shown.size());
    }

    /** The rows the table shows (wrap in a SortedList to sort). */
    public ObservableList<ImageRow> shownRows() {
        return shown;
    }

    /** Text typed in the filter box: words that must all appear in the id or a tag. */
    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty danglingOnlyProperty() {
        return danglingOnly;
    }

    public ReadOnlyIntegerProperty shownCountProperty() {
        return shownCount.getReadOnlyProperty();
    }

    public int totalCount() {
        return all.size();
    }
}
