package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.snippet.SnippetBox;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The one snippet widget: masked where shown and copied, exact for the caller's Save, sized to its text. */
@ExtendWith(ApplicationExtension.class)
class SnippetBoxTest {

    private static final String COMMAND = "docker build --build-arg NPM_TOKEN=s3cr3t-value --build-arg BASE=alpine .\n";
    private static final String PATCH = "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1,2 @@\n+ARG API_KEY=abc123\n FROM alpine\n";

    private final TestServices services = new TestServices();
    private final List<String> saved = new ArrayList<>();
    private final List<String> copied = new ArrayList<>();
    private SnippetBox command;
    private SnippetBox patch;

    @Start
    void start(Stage stage) {
        command = new SnippetBox("Build it", COMMAND, services.services().clipboard())
                .copyId("copy-shell")
                .onCopied(() -> copied.add("copied"));
        patch = new SnippetBox("", PATCH, services.services().clipboard()).copyId("copy-patch");
        patch.action("save-patch", "Save patch…", AppIcons.save(), () -> saved.add(patch.exactText()));
        stage.setScene(new Scene(new VBox(10, command, patch), 700, 500));
        stage.show();
    }

    @Test
    void what_is_shown_and_copied_is_masked_and_save_gets_the_exact_text(FxRobot robot) {
        TextInputControl shown = robot.from(command).lookup(".snippet").queryAs(TextInputControl.class);
        assertThat(shown.getText()).isEqualTo("docker build --build-arg NPM_TOKEN=<redacted> --build-arg BASE=alpine .");
        assertThat(shown.isEditable()).isFalse();

        robot.clickOn("#copy-shell");
        assertThat(services.clipboard).isEqualTo("docker build --build-arg NPM_TOKEN=<redacted> --build-arg BASE=alpine .\n");
        assertThat(copied).containsExactly("copied");

        robot.clickOn("#save-patch");
        assertThat(saved).containsExactly(PATCH);
        assertThat(patch.shownText()).contains("+ARG API_KEY=<redacted>").doesNotContain("abc123");
        robot.clickOn("#copy-patch");
        assertThat(services.clipboard).isEqualTo(patch.shownText());
    }

    @Test
    void a_row_per_line_one_more_for_the_scroll_bar_of_a_long_line_and_the_title_only_when_given(FxRobot robot) {
        assertThat(robot.from(command).lookup(".snippet").queryAs(TextArea.class).getPrefRowCount()).isEqualTo(1);
        assertThat(robot.from(patch).lookup(".snippet").queryAs(TextArea.class).getPrefRowCount()).isEqualTo(5);
        SnippetBox wide = new SnippetBox("", "docker run " + "--label a=b ".repeat(40) + "registry:2\n", text -> { });
        robot.interact(() -> ((VBox) command.getParent()).getChildren().add(wide));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.from(wide).lookup(".snippet").queryAs(TextArea.class).getPrefRowCount())
                .as("the line is wider than the box: a row for the scroll bar").isEqualTo(2);
        assertThat(new SnippetBox("", "x\n".repeat(40), text -> { }).lookup(".snippet"))
                .isInstanceOfSatisfying(TextArea.class, area -> assertThat(area.getPrefRowCount()).isEqualTo(14));

        assertThat(robot.from(command).lookup(".snippet-title").queryAs(Label.class).getText()).isEqualTo("Build it");
        assertThat(robot.from(patch).lookup(".snippet-title").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.from(patch).lookup(".button").queryAllAs(Button.class)).extracting(Button::getText)
                .containsExactly("Copy", "Save patch…");
    }

    @Test
    void the_text_is_monospace_from_the_stylesheet_beside_the_control(FxRobot robot) {
        assertThat(command.getUserAgentStylesheet()).endsWith("dev/buildxlens/ui/snippet/snippet-box.css");
        TextInputControl shown = robot.from(command).lookup(".snippet").queryAs(TextInputControl.class);
        Label title = robot.from(command).lookup(".snippet-title").queryAs(Label.class);
        assertThat(shown.getFont().getFamily()).isNotEqualTo(title.getFont().getFamily());
        assertThat(title.getFont().getStyle()).containsIgnoringCase("bold");
    }
}
