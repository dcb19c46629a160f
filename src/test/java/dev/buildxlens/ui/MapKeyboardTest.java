package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.storemap.StoreMapModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.effect.DropShadow;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The store map from the keyboard alone: Tab reaches every builder, edge and store; Enter, Space and arrows work. */
@ExtendWith(ApplicationExtension.class)
class MapKeyboardTest {

    private static final Snapshot WORLD = Snapshots.world()
            .localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of())
            .registry("localhost:5000", "foo/bar", "latest")
            .current("ci")
            .build();

    private Scene scene;
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        scene = DesktopApp.createScene(viewModel, new dev.buildxlens.testing.TestServices().services());
        stage.setScene(scene);
        stage.show();
    }

    private Node focused() {
        return scene.getFocusOwner();
    }

    private Node press(FxRobot robot, KeyCode... keys) {
        robot.type(keys);
        WaitForAsyncUtils.waitForFxEvents();
        return focused();
    }

    private static boolean has(Node node, String pseudoClass) {
        return node.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    private static void showTab(FxRobot robot, String id) {
        javafx.scene.control.TabPane tabs = robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getId().equals(id)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A card's or edge's key on the map, any other node's id. */
    private static String key(Node node) {
        String element = StoreMapView.elementKey(node);
        return element != null ? element : node.getId();
    }

    private static String explanation(FxRobot robot) {
        return robot.lookup("#store-map-explanation").queryAs(Label.class).getText();
    }

    @Test
    void tab_goes_through_each_builder_and_its_edges_then_the_stores_with_nothing_invisible_between(FxRobot robot) {
        StoreMapModel model = viewModel.storeMap().modelProperty().get();
        List<String> expected = new ArrayList<>();
        for (StoreMapModel.BuilderCard builder : model.builders()) {
            expected.add("builder-" + builder.name());
            model.edges().stream().filter(e -> e.builder().equals(builder.name()))
                    .forEach(e -> expected.add(("edge-" + e.builder() + "--" + e.store()).replaceAll("[^A-Za-z0-9_-]", "_")));
        }
        model.stores().forEach(s -> expected.add(("store-" + s.id()).replaceAll("[^A-Za-z0-9_-]", "_")));

        robot.clickOn("Store map");
        assertThat(key(press(robot, KeyCode.TAB))).as("the first stop after the tabs is the find field").isEqualTo("image-search");
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Node node = press(robot, KeyCode.TAB);
            stops.add(key(node));
            assertThat(node.getAccessibleRole()).as(key(node)).isEqualTo(AccessibleRole.BUTTON);
            assertThat(node.getAccessibleText()).as(key(node)).isNotBlank();
        }
        assertThat(stops).isEqualTo(expected);
        assertThat(key(press(robot, KeyCode.TAB))).as("after the map, the step bar").isEqualTo("step-image");

        Node cardOfCi = robot.lookup(StoreMapView.element("builder-ci")).query();
        assertThat(cardOfCi.getAccessibleText()).isEqualTo("Builder ci, docker-container driver, running");
        Node edge = robot.lookup(StoreMapView.element("edge-ci--daemon_default")).query();
        StoreMapModel.Edge data = model.edges().stream().filter(e -> e.builder().equals("ci") && e.store().equals("daemon:default"))
                .findFirst().orElseThrow();
        assertThat(edge.getAccessibleText()).as("an edge reads its reason")
                .startsWith("ci cannot read daemon:default: ")
                .contains(data.reason());
    }

    @Test
    void enter_and_space_select_arrows_move_between_cards_and_along_edges(FxRobot robot) {
        robot.clickOn("Store map");
        press(robot, KeyCode.TAB);
        Node first = press(robot, KeyCode.TAB);
        assertThat(key(first)).isEqualTo("builder-default");
        assertThat(first.getEffect()).as("a visible focus ring on the card").isInstanceOf(DropShadow.class);

        press(robot, KeyCode.SPACE);
        assertThat(has(first, "selected")).isTrue();
        assertThat(explanation(robot)).startsWith("default can read daemon:default");

        Node ci = press(robot, KeyCode.DOWN);
        assertThat(key(ci)).isEqualTo("builder-ci");
        assertThat(first.getEffect()).as("the ring follows the focus").isNull();
        press(robot, KeyCode.ENTER);
        assertThat(has(ci, "selected")).isTrue();
        assertThat(has(first, "dimmed")).isTrue();
        assertThat(key(press(robot, KeyCode.UP))).isEqualTo("builder-default");
        assertThat(key(press(robot, KeyCode.DOWN))).isEqualTo("builder-ci");

        Node store = press(robot, KeyCode.RIGHT);
        assertThat(store.getStyleClass()).contains("store-card");
        Node below = press(robot, KeyCode.DOWN);
        assertThat(below.getStyleClass()).contains("store-card");
        assertThat(below).isNotSameAs(store);
        assertThat(press(robot, KeyCode.LEFT).getStyleClass()).contains("builder-card");

        Node daemon = robot.lookup(StoreMapView.element("store-daemon_default")).query();
        robot.interact(daemon::requestFocus);
        press(robot, KeyCode.SPACE);
        assertThat(has(daemon, "holding")).isTrue();
        assertThat(robot.from(daemon).lookup(".card-badge").queryAs(Label.class).getText()).isEqualTo("◆ selected");
        assertThat(has(robot.lookup(StoreMapView.element("builder-default")).query(), "readable")).isTrue();
        assertThat(has(robot.lookup(StoreMapView.element("builder-ci")).query(), "dimmed")).isTrue();
        assertThat(explanation(robot)).isEqualTo("default can read daemon:default; not ci.");

        Node edge = robot.lookup(StoreMapView.element("edge-ci--daemon_default")).query();
        robot.interact(edge::requestFocus);
        press(robot, KeyCode.ENTER);
        assertThat(explanation(robot)).isEqualTo(edge.getAccessibleText()).startsWith("ci cannot read daemon:default: ");
        assertThat(key(press(robot, KeyCode.RIGHT))).isEqualTo("store-daemon_default");
        robot.interact(edge::requestFocus);
        assertThat(key(press(robot, KeyCode.LEFT))).isEqualTo("builder-ci");
        robot.interact(edge::requestFocus);
        Node sibling = press(robot, KeyCode.DOWN);
        assertThat(key(sibling)).startsWith("edge-ci--").isNotEqualTo(key(edge));
    }

    @Test
    void lists_tables_check_boxes_and_the_tabs_show_where_the_focus_is(FxRobot robot) {
        robot.clickOn("Store map");
        WaitForAsyncUtils.waitForFxEvents();
        Node selectedTabLabel = robot.lookup(".tab:selected .tab-label").query();
        assertThat(focused().getId()).isEqualTo("tabs");
        assertThat(((Region) selectedTabLabel).getBorder()).as("the tab header shows the focus").isNotNull();

        showTab(robot, "tab-builders");
        Region table = robot.lookup("#builders-table").query();
        Region details = robot.lookup("#builder-details").query();
        Object unfocused = table.getBorder().getStrokes().get(0).getTopStroke();
        robot.interact(table::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getBorder().getStrokes().get(0).getTopStroke()).as("a focused table").isNotEqualTo(unfocused);
        robot.interact(details::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(details.getBorder().getStrokes().get(0).getTopStroke()).as("a focused list").isNotEqualTo(unfocused);
        assertThat(table.getBorder().getStrokes().get(0).getTopStroke()).isEqualTo(unfocused);

        showTab(robot, "tab-images");
        Node dangling = robot.lookup("#dangling-only").query();
        robot.interact(dangling::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        Region box = robot.from(dangling).lookup(".box").query();
        assertThat(box.getBorder()).as("a focused check box").isNotNull();
        assertThat(box.getBorder().getStrokes()).isNotEmpty();
    }
}
