package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.FxTaskExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refresh keeps the keyboard's place: the focused Refresh button looks busy while the picture is taken, and the
 * focus stays on it (disabling it moved the focus, and restyled the whole window on every refresh).
 */
@ExtendWith(ApplicationExtension.class)
class RefreshFocusTest {

    private static final PseudoClass BUSY = PseudoClass.getPseudoClass("busy");
    private final Snapshot world = Snapshots.world().localImage("base:1").build();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new MainViewModel(() -> {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return world;
        }, new FxTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new dev.buildxlens.testing.TestServices().services()));
        stage.show();
    }

    @Test
    void the_focused_refresh_button_keeps_the_focus_and_looks_busy_while_loading(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.snapshotProperty().get() != null && !viewModel.loadingProperty().get());
        Button refresh = robot.lookup("#refresh").queryButton();
        robot.interact(refresh::requestFocus);
        assertThat(refresh.isFocused()).isTrue();
        hold = new CountDownLatch(1);
        robot.interact(refresh::fire);
        assertThat(viewModel.loadingProperty().get()).isTrue();
        assertThat(refresh.getPseudoClassStates()).contains(BUSY);
        assertThat(refresh.isFocused()).as("the focus stays where the user left it").isTrue();
        robot.interact(refresh::fire);
        assertThat(viewModel.loadingProperty().get()).as("a second press while loading changes nothing").isTrue();
        hold.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !viewModel.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(refresh.getPseudoClassStates()).doesNotContain(BUSY);
        assertThat(refresh.isFocused()).isTrue();
    }
}
