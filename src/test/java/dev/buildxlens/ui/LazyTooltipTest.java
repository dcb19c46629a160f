package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A tooltip made when the pointer first enters its node, saying what its supplier says then; none for an empty text. */
@ExtendWith(ApplicationExtension.class)
class LazyTooltipTest {

    private Label label;
    private Rectangle shape;

    @Start
    void start(Stage stage) {
        label = new Label("a long label");
        shape = new Rectangle(20, 20);
        stage.setScene(new Scene(new StackPane(label, shape), 300, 200));
        stage.show();
    }

    private static void enter(javafx.scene.Node node) {
        Event.fireEvent(node, new MouseEvent(MouseEvent.MOUSE_ENTERED, 1, 1, 1, 1, MouseButton.NONE, 0,
                false, false, false, false, false, false, false, false, false, false, null));
    }

    @Test
    void nothing_is_made_until_the_pointer_enters_and_then_the_text_is_the_current_one(FxRobot robot) {
        AtomicReference<String> text = new AtomicReference<>("first");
        robot.interact(() -> LazyTooltip.install(label, text::get));
        assertThat(label.getTooltip()).isNull();
        assertThat(LazyTooltip.textOf(label)).as("checks read the text without a tooltip made").isEqualTo("first");
        text.set("second");
        robot.interact(() -> enter(label));
        assertThat(label.getTooltip()).isNotNull();
        assertThat(label.getTooltip().getText()).isEqualTo("second");
        var made = label.getTooltip();
        text.set("third");
        robot.interact(() -> enter(label));
        assertThat(label.getTooltip()).as("one tooltip per node, its text kept current").isSameAs(made);
        assertThat(made.getText()).isEqualTo("third");
    }

    @Test
    void an_empty_text_takes_the_tooltip_away_and_a_later_text_brings_it_back(FxRobot robot) {
        AtomicReference<String> text = new AtomicReference<>("");
        robot.interact(() -> LazyTooltip.install(label, text::get));
        robot.interact(() -> enter(label));
        assertThat(label.getTooltip()).isNull();
        text.set("now");
        robot.interact(() -> enter(label));
        assertThat(label.getTooltip().getText()).isEqualTo("now");
        text.set(null);
        robot.interact(() -> enter(label));
        assertThat(label.getTooltip()).isNull();
        assertThat(LazyTooltip.textOf(label)).isEmpty();
    }

    @Test
    void a_shape_gets_an_installed_tooltip_once(FxRobot robot) {
        robot.interact(() -> LazyTooltip.install(shape, "edge reason"));
        robot.interact(() -> enter(shape));
        robot.interact(() -> enter(shape));
        Object installed = shape.getProperties().get("javafx.scene.control.Tooltip");
        assertThat(installed).isInstanceOf(javafx.scene.control.Tooltip.class);
        assertThat(((javafx.scene.control.Tooltip) installed).getText()).isEqualTo("edge reason");
    }
}
