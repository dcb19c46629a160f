package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's keys as a user presses them: zoom, find, open; and the Scenarios menu as a user reads it. */
@ExtendWith(ApplicationExtension.class)
class KeyboardShortcutsTest {

    private static final Snapshot WORLD = Snapshots.world()
            .localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .build();

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();
    private Scene scene;

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        scene = DesktopApp.createScene(viewModel, services.services());
        stage.setScene(scene);
        stage.show();
    }

    private String fontSize() {
        return scene.getRoot().getStyle();
    }

    private void chord(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        KeyCode[] reversed = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            reversed[i] = keys[keys.length - 1 - i];
        }
        robot.release(reversed);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void ctrl_shift_equals_and_the_keypad_zoom(FxRobot robot) {
        robot.clickOn("Store map");
        assertThat(fontSize()).isEqualTo("-fx-font-size: 14.0px;");
        chord(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.EQUALS);
        assertThat(fontSize()).as("Ctrl+Plus as typed on a US keyboard").isEqualTo("-fx-font-size: 15.4px;");
        chord(robot, KeyCode.CONTROL, KeyCode.ADD);
        assertThat(fontSize()).as("Ctrl and the keypad's +").isEqualTo("-fx-font-size: 16.8px;");
        chord(robot, KeyCode.CONTROL, KeyCode.SUBTRACT);
        assertThat(fontSize()).as("Ctrl and the keypad's −").isEqualTo("-fx-font-size: 15.4px;");
        chord(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        assertThat(fontSize()).as("the shortcut that worked before still does").isEqualTo("-fx-font-size: 16.8px;");
        chord(robot, KeyCode.CONTROL, KeyCode.DIGIT0);
        assertThat(fontSize()).isEqualTo("-fx-font-size: 14.0px;");
    }

    @Test
    void ctrl_f_on_the_images_tab_focuses_the_filter_without_a_click_in_the_table(FxRobot robot) {
        robot.clickOn("Images");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene.getFocusOwner().getId()).as("the tab header has the focus after the click").isEqualTo("tabs");
        chord(robot, KeyCode.CONTROL, KeyCode.F);
        assertThat(scene.getFocusOwner().getId()).isEqualTo("image-filter");

        robot.clickOn("Store map");
        chord(robot, KeyCode.CONTROL, KeyCode.F);
        assertThat(scene.getFocusOwner().getId()).as("the map's find field").isEqualTo("image-search");
    }

    @Test
    void ctrl_o_opens_a_file_in_the_diagnose_tab(FxRobot robot) throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("ctrl-o")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM dmca-base:latest\n");
        services.opens.add(dockerfile);
        robot.clickOn("Store map");
        chord(robot, KeyCode.CONTROL, KeyCode.O);

        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-diagnose");
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");
        assertThat(robot.lookup("#diagnose-status").queryAs(Label.class).getText()).startsWith("Dockerfile: 1 error");

        MenuItem open = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().get(0).getItems().get(0);
        assertThat(open.getText()).isEqualTo("_Open…");
        assertThat(open.getAccelerator().getDisplayText()).isEqualTo("Ctrl+O");
    }

    /** Ctrl+O takes every kind the command line's diagnose PATH takes: a Bake file here, told by its name. */
    @Test
    void ctrl_o_opens_a_bake_file_too(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("ctrl-o-bake"));
        Files.createDirectories(folder.resolve("app"));
        Files.writeString(folder.resolve("app/Dockerfile"), "FROM dmca-base:latest\n");
        Path bake = Files.writeString(folder.resolve("docker-bake.hcl"), "target \"default\" {\n  context = \"app\"\n}\n");
        services.opens.add(bake);
        robot.clickOn("Store map");
        chord(robot, KeyCode.CONTROL, KeyCode.O);

        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-diagnose");
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");
        assertThat(findings.getItems().get(0).subject().unit().name()).isEqualTo("default");
        assertThat(robot.lookup("#diagnose-status").queryAs(Label.class).getText()).startsWith("docker-bake.hcl: 1 error")
                .contains("read as a Bake file");
    }

    @Test
    void the_scenarios_menu_names_each_lesson_by_its_title_and_level(FxRobot robot) throws Exception {
        Menu scenarios = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> "menu-scenarios".equals(m.getId())).findFirst().orElseThrow();
        var lessons = scenarios.getItems().stream().filter(i -> !(i instanceof SeparatorMenuItem)).skip(1).map(MenuItem::getText).toList();
        var expected = new java.util.ArrayList<String>();
        for (String name : Scenarios.builtInNames()) {
            Scenario lesson = Scenarios.builtIn(name);
            expected.add(lesson.title() + " (" + lesson.level() + ")");
        }
        assertThat(lessons).isEqualTo(expected).contains("The classic CI case, fixed with driver: docker (intermediate)");

        robot.clickOn("Scenarios").clickOn("A loaded base image, a docker-container builder (beginner)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(StoreMapView.element("builder-mybuilder")).tryQuery()).as("the lesson's world is shown").isPresent();
    }
}
