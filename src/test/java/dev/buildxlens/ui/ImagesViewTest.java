package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.main.ImageRow;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The images tab with 10,000 images: it loads and filters (timings belong to the benchmark). */
@ExtendWith(ApplicationExtension.class)
class ImagesViewTest {

    private static Snapshot tenThousand() {
        Snapshots world = Snapshots.world().builder("ci", "docker-container", Map.of()).current("ci");
        for (int i = 0; i < 10_000; i++) {
            if (i % 100 == 0) {
                world.localImage();
            } else {
                world.localImage("team" + (i % 50) + "/app-" + i + ":v" + (i % 7), "mirror/app-" + i + ":latest");
            }
        }
        return world.build();
    }

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(ImagesViewTest::tenThousand, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new dev.buildxlens.testing.TestServices().services()));
        stage.show();
    }

    @Test
    void ten_thousand_images_load_and_filter(FxRobot robot) {
        robot.clickOn("Images");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ImageRow> table = robot.lookup("#images-table").queryTableView();
        assertThat(table.getItems()).hasSize(10_000);
        assertThat(robot.lookup("#image-count").queryAs(Label.class).getText()).isEqualTo("10000 shown");

        robot.clickOn("#image-filter").write("team7/ v0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).isNotEmpty().allSatisfy(row -> assertThat(row.tags()).contains("team7/").contains(":v0"));
        long expected = java.util.stream.IntStream.range(0, 10_000).filter(i -> i % 100 != 0 && i % 50 == 7 && i % 7 == 0).count();
        assertThat(table.getItems()).hasSize((int) expected);
        assertThat(table.getItems()).allSatisfy(row -> assertThat(row.notUsableBy()).contains("ci"));

        robot.doubleClickOn("#image-filter").eraseText(20);
        robot.clickOn("#dangling-only");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(100).allSatisfy(row -> assertThat(row.tags()).isEqualTo("<none>"));
    }
}
