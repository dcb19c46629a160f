package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts DesktopApp wires that need no window: the options, the zoom steps and the crash log. */
class DesktopAppPartsTest {

    @Test
    void the_options_take_a_value_each_and_reject_anything_else() {
        GuiOptions options = GuiOptions.parse(List.of("--open", "Dockerfile", "--scenario", "classic-ci",
                "--screenshots", "shots", "--measure-gui", "m.json"));
        assertThat(options).isEqualTo(new GuiOptions(Path.of("Dockerfile"), Path.of("shots"), "classic-ci", Path.of("m.json")));
        assertThat(GuiOptions.parse(List.of())).isEqualTo(new GuiOptions(null, null, null, null));
        assertThat(options.withOpen(Path.of("other")).open()).isEqualTo(Path.of("other"));
        assertThatThrownBy(() -> GuiOptions.parse(List.of("--open"))).hasMessage("--open");
        assertThatThrownBy(() -> GuiOptions.parse(List.of("--verbose"))).hasMessage("--verbose");
    }

    @Test
    void the_zoom_steps_by_a_tenth_between_its_limits_and_sets_the_root_font() {
        Zoom zoom = new Zoom(2.95);
        zoom.in();
        assertThat(zoom.level()).isEqualTo(3.0);
        zoom.set(0.65);
        zoom.out();
        assertThat(zoom.level()).isEqualTo(0.6);
        zoom.reset();
        assertThat(zoom.level()).isEqualTo(1.0);
        assertThat(Zoom.fontSize(1.6)).isEqualTo("-fx-font-size: 22.4px;");
    }

    @Test
    void a_remembered_window_is_fitted_to_the_screen_it_opens_on() {
        javafx.geometry.Rectangle2D projector = new javafx.geometry.Rectangle2D(0, 0, 1024, 768);
        assertThat(WindowSettings.fit(new double[] {Double.NaN, Double.NaN, 1280, 820}, projector))
                .as("the default size on a projector: smaller, still centred by the window system")
                .containsExactly(Double.NaN, Double.NaN, 1024, 768);
        assertThat(WindowSettings.fit(new double[] {1500, 900, 800, 600}, projector)).as("a place on a monitor that is gone")
                .containsExactly(224, 168, 800, 600);
        javafx.geometry.Rectangle2D right = new javafx.geometry.Rectangle2D(1920, 0, 1920, 1080);
        assertThat(WindowSettings.fit(new double[] {2000, 100, 800, 600}, right)).as("a window that fits stays where it was")
                .containsExactly(2000, 100, 800, 600);
    }

    @Test
    void the_crash_log_appends_the_thread_and_the_stack_trace(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("nested/buildx-lens.log");
        CrashLog.append(log, new Thread("worker-1"), new IllegalStateException("first"));
        CrashLog.append(log, new Thread("worker-2"), new IllegalStateException("second"));
        String text = Files.readString(log);
        assertThat(text).contains(" worker-1\njava.lang.IllegalStateException: first").contains(" worker-2\njava.lang.IllegalStateException: second");
        assertThat(CrashLog.file()).isEqualTo(Path.of(System.getProperty("user.home"), ".config", "buildx-lens", "buildx-lens.log"));
    }
}
