package dev.buildxlens.ui.builders;

import dev.buildxlens.ui.snippet.SnippetBox;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Master/detail of the builders: the list, and for the selected one its nodes and every store's verdict with the
 * reason, and the commands offered for it. Binds to {@link BuildersViewModel} only.
 */
public final class BuildersView extends SplitPane {

    public BuildersView(BuildersViewModel viewModel, dev.buildxlens.ui.services.Services services) {
        getStyleClass().add("builders-view");
        setOrientation(Orientation.HORIZONTAL);
        VBox right = section("", details(viewModel));
        // The pane names the builder it describes: with no row selected it says so, never another builder's verdicts.
        Label heading = (Label) right.getChildren().get(0);
        heading.setId("builder-details-heading");
        heading.setWrapText(true);
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        heading.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String name = viewModel.selectedBuilderProperty().get();
            return name == null ? "No builder selected: select one to see what it can read, and why"
                    : "What " + name + " can read, and why";
        }, viewModel.selectedBuilderProperty()));
        // The reasons say BuildKit, content store and driver: the link defines them (tooltip) and opens the help.
        right.getChildren().add(dev.buildxlens.ui.help.Help.wordsLink("builder-words"));
        right.getChildren().add(actions(viewModel, services));
        getItems().addAll(section("Builders", table(viewModel)), right);
        // The table's five columns want about 650 px to show "docker-container" and a store id whole at 1024 px;
        // the reasons beside it wrap.
        setDividerPositions(0.64);
    }

    /** Commands that change the machine: the exact words first, Copy always, Run only after confirmation. */
    private static VBox actions(BuildersViewModel viewModel, dev.buildxlens.ui.services.Services services) {
        VBox box = new VBox(6);
        box.setId("builder-actions");
        Label result = new Label();
        result.setId("command-result");
        result.setWrapText(true);
        result.textProperty().bind(viewModel.commandResultProperty());
        Runnable fill = () -> {
            box.getChildren().clear();
            int index = 0;
            for (dev.buildxlens.core.actions.MachineCommand command : viewModel.commandsProperty()) {
                SnippetBox snippet = new SnippetBox(command.title(), command.text(), services.clipboard())
                        .copyId("copy-command-" + index);
                if (command.runnable()) {
                    snippet.action("run-command-" + index, "Run…", null, () -> {
                        if (services.confirmations().confirm(command.title() + "?", "This runs, on this machine:\n\n" + snippet.shownText())) {
                            viewModel.run(command);
                        }
                    });
                } else {
                    snippet.note("cannot-run-" + index, "Not run from here: " + command.cannotRun() + ".");
                }
                box.getChildren().add(snippet);
                index++;
            }
            box.getChildren().add(result);
        };
        viewModel.commandsProperty().addListener((javafx.collections.ListChangeListener<dev.buildxlens.core.actions.MachineCommand>) c -> fill.run());
        fill.run();
        return box;
    }

    private static TableView<BuilderRow> table(BuildersViewModel viewModel) {
        TableView<BuilderRow> table = new TableView<>(viewModel.buildersProperty());
        table.setId("builders-table");
        Label empty = new Label("No builders found: neither the docker contexts nor buildx's store name one");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // Each column keeps room for its heading's first words; a cell too narrow for its value has it in a tooltip.
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Builder", 170, BuilderRow::displayName), 150,
                "the builder's name; ★ marks the current one"));
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Driver", 140, BuilderRow::driver), 138,
                "how buildx runs its BuildKit (docker, docker-container, kubernetes, remote)"));
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Status", 90, BuilderRow::status), 84, ""));
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Can read (FROM resolves here)", 280, BuilderRow::canRead), 110,
                "the stores a FROM in a build on this builder resolves from"));
        table.getColumns().add(dev.buildxlens.ui.Tables.readable(column("Cannot read", 260, BuilderRow::cannotRead), 100,
                "the stores this builder cannot see: an image only there is not found")); 
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) ->
                viewModel.selectBuilder(selected == null ? null : selected.name()));
        // The table shows the view model's selection: kept over a refresh (whose new rows clear the table's own),
        // cleared on a switch of worlds.
        viewModel.selectedBuilderProperty().addListener((observable, before, name) -> showSelection(table, name));
        return table;
    }

    private static void showSelection(TableView<BuilderRow> table, String name) {
        BuilderRow selected = table.getSelectionModel().getSelectedItem();
        if (name == null) {
            if (selected != null) {
                table.getSelectionModel().clearSelection();
            }
            return;
        }
        if (selected == null || !selected.name().equals(name)) {
            table.getItems().stream().filter(row -> row.name().equals(name)).findFirst()
                    .ifPresentOrElse(row -> table.getSelectionModel().select(row), () -> table.getSelectionModel().clearSelection());
        }
    }

    private static ListView<String> details(BuildersViewModel viewModel) {
        ListView<String> details = new ListView<>(viewModel.selectedBuilderDetailsProperty());
        details.setId("builder-details");
        details.setPlaceholder(new Label("Select a builder to see what it can read"));
        // Reasons are sentences: wrap them to the list's width rather than hide them behind a scroll bar.
        details.setCellFactory(list -> {
            ListCell<String> cell = new ListCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setWrapText(true);
            cell.prefWidthProperty().bind(list.widthProperty().subtract(24));
            return cell;
        });
        return details;
    }

    private static VBox section(String heading, Control content) {
        Label label = new Label(heading);
        label.getStyleClass().add("section-heading");
        VBox box = new VBox(6, label, content);
        box.setPadding(new Insets(8, 14, 8, 14));
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
