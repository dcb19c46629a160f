package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.StoreKind;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** In-app icons: one set, a glyph per meaning, sized with the text of their control so the zoom scales them. */
@ExtendWith(ApplicationExtension.class)
class AppIconsTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @Test
    void an_icon_follows_the_font_size_of_its_control(FxRobot robot) {
        Button copy = new Button("Copy", AppIcons.copy());
        robot.interact(() -> {
            copy.setFont(Font.font(20));
            ((StackPane) stage.getScene().getRoot()).getChildren().setAll(copy);
        });
        FontIcon icon = (FontIcon) copy.getGraphic();
        assertThat(icon.getIconSize()).isEqualTo(23);
        robot.interact(() -> copy.setFont(Font.font(40)));
        assertThat(icon.getIconSize()).isEqualTo(46);
        // The glyph must still come from the icon font after CSS passes (a whole-style overwrite lost it: empty boxes).
        robot.interact(() -> stage.getScene().getRoot().applyCss());
        String family = org.kordamp.ikonli.javafx.IkonResolver.getInstance().resolve(icon.getIconCode().getDescription()).getFontFamily();
        assertThat(icon.getStyle()).contains("-fx-font-family: '" + family + "'").contains("-fx-icon-size: 46px");
        assertThat(icon.getFont().getFamily()).isEqualTo(family);
    }

    @Test
    void the_icon_size_entry_replaces_only_itself() {
        assertThat(AppIcons.withIconSize("-fx-font-family: 'Feather'; -fx-icon-size: 16px; -fx-font-size: 16px;", 23))
                .isEqualTo("-fx-font-family: 'Feather'; -fx-font-size: 16px; -fx-icon-size: 23px;");
        assertThat(AppIcons.withIconSize("", 16)).isEqualTo("-fx-icon-size: 16px;");
    }

    @Test
    void every_meaning_has_its_own_glyph() {
        assertThat(java.util.stream.Stream.of(AppIcons.severity(dev.buildxlens.core.diagnose.Severity.ERROR), AppIcons.severity(dev.buildxlens.core.diagnose.Severity.WARNING), AppIcons.severity(dev.buildxlens.core.diagnose.Severity.INFO),
                AppIcons.driver("docker"), AppIcons.driver("docker-container"), AppIcons.driver("kubernetes"), AppIcons.driver("remote"),
                AppIcons.store(StoreKind.DAEMON), AppIcons.store(StoreKind.BUILDKIT), AppIcons.store(StoreKind.REGISTRY),
                AppIcons.copy(), AppIcons.refresh(), AppIcons.save()).map(i -> i.getIconCode().getDescription()))
                .doesNotHaveDuplicates().hasSize(13);
        assertThat(AppIcons.severity(dev.buildxlens.core.diagnose.Severity.ERROR).getStyleClass()).contains("app-icon", "icon-error");
    }

    @Test
    void the_store_map_and_the_findings_show_them(FxRobot robot) {
        MainViewModel viewModel = new MainViewModel(() -> Snapshots.world().localImage("dmca-base:latest")
                .builder("ci", "docker-container", Map.of()).current("ci").build(), new CurrentThreadTaskExecutor());
        robot.interact(() -> stage.setScene(DesktopApp.createScene(viewModel, new dev.buildxlens.testing.TestServices().services())));
        WaitForAsyncUtils.waitForFxEvents();
        Label title = robot.from(robot.lookup(StoreMapView.element("builder-ci")).queryParent()).lookup(".card-title").queryAs(Label.class);
        assertThat(((FontIcon) title.getGraphic()).getIconCode().getDescription()).isEqualTo("fth-box");
        Label daemon = robot.from(robot.lookup(StoreMapView.element("store-daemon_default")).queryParent()).lookup(".card-title").queryAs(Label.class);
        assertThat(((FontIcon) daemon.getGraphic()).getIconCode().getDescription()).isEqualTo("fth-hard-drive");
    }
}
