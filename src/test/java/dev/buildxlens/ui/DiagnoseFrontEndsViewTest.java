package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.diagnose.SourceLine;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Diagnose tab opens every kind of build file like the command line's {@code diagnose PATH}: the built-in
 * lessons' Compose, Bake and GitLab CI files (laid out as real files, opened through Open… as a user would, on this
 * test's world, not the lesson's) show their findings, the source of the file each finding is in, and the fixes.
 */
@ExtendWith(ApplicationExtension.class)
class DiagnoseFrontEndsViewTest {

    /** A current docker-container builder, and a local image only the docker driver can read. */
    private static final Snapshot WORLD = Snapshots.world()
            .localImage("my-base:latest")
            .builder("mybuilder", "docker-container", Map.of())
            .current("mybuilder")
            .build();

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.show();
    }

    private Path lessonFile(String lesson) throws Exception {
        Path folder = Files.createDirectories(temp.resolve(lesson));
        return ScenarioFiles.materialize(Scenarios.builtIn(lesson), folder);
    }

    private void open(FxRobot robot, Path file) {
        services.opens.add(file);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static SourceLine line(FxRobot robot, int number) {
        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        return source.getItems().get(number - 1);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void a_compose_file_shows_the_unlinked_service_and_the_additional_contexts_patch(FxRobot robot) throws Exception {
        Path compose = lessonFile("compose-depends-on-is-not-a-build-order");
        open(robot, compose);

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("compose-service-not-linked");
        assertThat(text(robot, "#diagnose-status")).contains("1 error").contains("read as a Compose file");
        assertThat(text(robot, "#source-title")).isEqualTo("Source: compose.yaml");
        assertThat(line(robot, 5).text()).isEqualTo("  web:");
        assertThat(line(robot, 6).text()).isEqualTo("    build:");
        assertThat(line(robot, 6).severity()).isEqualTo(Severity.ERROR);
        assertThat(line(robot, 6).marker()).isEqualTo("compose-service-not-linked");
        ListView<FixPlan> fixes = robot.lookup("#fixes").queryListView();
        assertThat(fixes.getItems()).extracting(FixPlan::id).contains("link-service-context");
        FixPlan link = fixes.getItems().stream().filter(p -> p.id().equals("link-service-context")).findFirst().orElseThrow();
        assertThat(link.patches()).isNotEmpty();
        assertThat(link.patches().get(0).content()).contains("compose.yaml").contains("additional_contexts").contains("service:base");
        assertThat(robot.lookup("#fix-wizard").queryButton().isDisabled()).isFalse();

        // As on the command line, a Compose build takes the builder; its other options are in the file.
        assertThat(robot.lookup("#builder-picker").query().isDisabled()).isFalse();
        assertThat(robot.lookup("#target").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#build-args").query().isDisabled()).isTrue();
        robot.clickOn("#more-options");
        assertThat(robot.lookup("#options-note").query().isVisible()).isTrue();
        assertThat(text(robot, "#options-note")).contains("Compose file").contains("builder");
        assertThat(robot.lookup("#cache-to").query().isDisabled()).isTrue();
        robot.clickOn("#more-options");
    }

    /** Through the fix wizard, as a user: the compose patch applied to the file (with a backup) clears the finding. */
    @Test
    void the_wizard_applies_the_compose_patch_and_the_finding_goes(FxRobot robot) throws Exception {
        Path compose = lessonFile("compose-depends-on-is-not-a-build-order");
        String original = Files.readString(compose);
        open(robot, compose);
        robot.clickOn("#fix-wizard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("On my machine (docker compose build)").tryQuery()).isPresent();
        assertThat(text(robot, "#wizard-where-note")).contains("Compose file");
        robot.clickOn("Next");
        assertThat(robot.lookup("#wizard-option-link-service-context").queryAs(javafx.scene.control.RadioButton.class).isSelected()).isTrue();
        robot.clickOn("Next");
        robot.clickOn("Next");
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<dev.buildxlens.ui.snippet.SnippetBox> changes = FixWizardFindingTest.changes(robot);
        int index = 0;
        while (!changes.get(index).title().equals("compose-patch: compose.yaml")) {
            index++;
        }
        FixWizardFindingTest.scrollToAndClick(robot, robot.lookup("#wizard-apply-" + index).query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.confirmations).anySatisfy(c -> assertThat(c).startsWith("Apply to " + compose));
        assertThat(Files.readString(compose)).contains("additional_contexts").contains("service:base");
        assertThat(Files.readString(compose.resolveSibling("compose.yaml.bak"))).isEqualTo(original);
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).doesNotContain("compose-service-not-linked");
        robot.interact(() -> robot.lookup("#wizard-changes").query().getScene().getWindow().hide());
    }

    @Test
    void a_bake_file_shows_the_unlinked_target_and_the_target_context_patch(FxRobot robot) throws Exception {
        Path bake = lessonFile("bake-target-link");
        open(robot, bake);

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("bake-target-not-linked");
        assertThat(text(robot, "#diagnose-status")).contains("read as a Bake file");
        assertThat(text(robot, "#source-title")).isEqualTo("Source: docker-bake.hcl");
        assertThat(line(robot, 10).text()).contains("target \"app\"");
        assertThat(line(robot, 10).marker()).isEqualTo("bake-target-not-linked");
        ListView<FixPlan> fixes = robot.lookup("#fixes").queryListView();
        FixPlan link = fixes.getItems().stream().filter(p -> p.id().equals("link-target-context")).findFirst().orElseThrow();
        // The key BuildKit looks FROM shop/base:latest up by: :latest dropped (§9.6).
        assertThat(link.patches().get(0).content()).contains("docker-bake.hcl").contains("\"shop/base\"").contains("target:base");
    }

    @Test
    void a_gitlab_file_shows_the_job_to_job_image_and_the_transfer_patch(FxRobot robot) throws Exception {
        Path gitlab = lessonFile("gitlab-job-to-job");
        open(robot, gitlab);

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("image-from-other-job");
        assertThat(findings.getItems().get(0).job()).isEqualTo("test");
        assertThat(text(robot, "#diagnose-status")).contains("read as a GitLab CI file");
        assertThat(text(robot, "#source-title")).isEqualTo("Source: .gitlab-ci.yml");
        assertThat(line(robot, 13).marker()).isEqualTo("image-from-other-job");
        ListView<FixPlan> fixes = robot.lookup("#fixes").queryListView();
        FixPlan transfer = fixes.getItems().stream().filter(p -> p.id().equals("transfer-between-jobs")).findFirst().orElseThrow();
        assertThat(transfer.patches().get(0).content()).contains(".gitlab-ci.yml");
        assertThat(robot.lookup("#builder-picker").query().isDisabled()).as("the jobs say which builder").isTrue();
        assertThat(robot.lookup("#target").query().isDisabled()).isTrue();

        // The wizard says where this build runs.
        robot.clickOn("#fix-wizard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("In GitLab CI").tryQuery()).isPresent();
        assertThat(text(robot, "#wizard-where-note")).contains("GitLab CI file");
        robot.interact(() -> robot.lookup("#wizard-where").query().getScene().getWindow().hide());
    }

    /**
     * A GitLab job whose docker-container builder pushes to a registry service: the app offers the host-network fix
     * with its .gitlab-ci.yml patch, and the wizard walks to the same change and applies it; the re-run is clean.
     */
    @Test
    void a_gitlab_registry_service_gets_the_host_network_patch_through_the_wizard(FxRobot robot) throws Exception {
        Path repo = Files.createDirectories(temp.resolve("gitlab-service"));
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("Dockerfile"), "FROM alpine:3.20\n");
        Path ci = Files.writeString(repo.resolve(".gitlab-ci.yml"), dev.buildxlens.testing.Fixtures.text("gitlab/registry-service-job.yml")
                .formatted("docker buildx create --use --driver docker-container\n    - docker buildx build -t registry:5000/app:1 --push ."));
        open(robot, ci);
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("service-registry-unreachable");
        ListView<FixPlan> fixes = robot.lookup("#fixes").queryListView();
        assertThat(fixes.getItems()).extracting(FixPlan::id).containsExactly("add-network-host");

        javafx.application.Platform.runLater(() -> robot.lookup("#fix-wizard").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        for (int page = 1; page < 4; page++) {
            robot.clickOn("Next");
            WaitForAsyncUtils.waitForFxEvents();
        }
        List<dev.buildxlens.ui.snippet.SnippetBox> changes = FixWizardFindingTest.changes(robot);
        int patch = 0;
        while (!changes.get(patch).title().startsWith("gitlab-ci-patch")) {
            patch++;
        }
        assertThat(changes.get(patch).exactText()).contains("+    FF_NETWORK_PER_BUILD: \"true\"").contains("--driver-opt network=host");
        FixWizardFindingTest.scrollToAndClick(robot, robot.lookup("#wizard-apply-" + patch).query());
        assertThat(Files.readString(ci)).contains("FF_NETWORK_PER_BUILD").contains("--config buildkitd.toml");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(findings.getItems()).as("re-diagnosed after Apply").isEmpty();
        robot.interact(() -> robot.lookup("#wizard-changes").query().getScene().getWindow().hide());
    }

    /**
     * A compose service FROM a local image: the finding is in the Dockerfile the service builds, and the source shows
     * that file at the finding's line; the picker goes back to the compose file, with nothing marked in it.
     */
    @Test
    void a_finding_in_the_dockerfile_a_service_builds_shows_that_file(FxRobot robot) throws Exception {
        Path project = Files.createDirectories(temp.resolve("local-base/app"));
        Files.writeString(project.resolve("Dockerfile"), "# app\nFROM my-base:latest\nRUN echo hi\n");
        Path compose = project.getParent().resolve("compose.yaml");
        Files.writeString(compose, "services:\n  app:\n    build: ./app\n    image: shop/app\n");
        open(robot, compose);

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");
        assertThat(text(robot, "#source-title")).isEqualTo("Source: app/Dockerfile");
        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        assertThat(source.getItems()).extracting(SourceLine::text).containsExactly("# app", "FROM my-base:latest", "RUN echo hi", "");
        assertThat(line(robot, 2).marker()).isEqualTo("local-image-invisible");
        assertThat(source.getSelectionModel().getSelectedIndex()).as("the finding's line is selected").isEqualTo(1);
        // The builder switch, for the whole project, with its own command.
        ListView<FixPlan> fixes = robot.lookup("#fixes").queryListView();
        assertThat(fixes.getItems()).extracting(FixPlan::id).containsExactly("use-docker-driver");
        assertThat(robot.lookup("#snippets .snippet-box").queryAllAs(dev.buildxlens.ui.snippet.SnippetBox.class))
                .extracting(dev.buildxlens.ui.snippet.SnippetBox::exactText)
                .contains("docker compose -f compose.yaml build --builder default\n");

        ComboBox<Path> files = robot.lookup("#source-files").queryComboBox();
        assertThat(files.isVisible()).isTrue();
        assertThat(files.getItems()).containsExactly(compose.toAbsolutePath().normalize(),
                project.resolve("Dockerfile").toAbsolutePath().normalize());
        robot.interact(() -> files.setValue(compose.toAbsolutePath().normalize()));
        robot.interact(() -> files.getOnAction().handle(new javafx.event.ActionEvent()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#source-title")).isEqualTo("Source: compose.yaml");
        assertThat(source.getItems()).extracting(SourceLine::text).startsWith("services:", "  app:");
        assertThat(source.getItems()).allSatisfy(l -> assertThat(l.marker()).isEmpty());

        // A click on the finding (still selected) shows its file again.
        robot.clickOn(robot.from(findings).lookup(".list-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#source-title")).isEqualTo("Source: app/Dockerfile");
    }

    /**
     * From the keyboard alone: the findings of a Compose project sit in two files (the compose file's unlinked
     * service, a service's Dockerfile FROM a local image); Up and Down in the findings list show each one's file at
     * its line, and Tab reaches the fixes.
     */
    @Test
    void the_keyboard_walks_the_findings_of_a_compose_project_across_its_files(FxRobot robot) throws Exception {
        Path project = Files.createDirectories(temp.resolve("keyboard"));
        Files.createDirectories(project.resolve("base"));
        Files.createDirectories(project.resolve("web"));
        Files.createDirectories(project.resolve("app"));
        Files.writeString(project.resolve("base/Dockerfile"), "FROM scratch\nLABEL role=base\n");
        Files.writeString(project.resolve("web/Dockerfile"), "FROM shop/base:latest\nLABEL role=web\n");
        Files.writeString(project.resolve("app/Dockerfile"), "# app\n# built on a loaded image\nFROM my-base:latest\n");
        Path compose = Files.writeString(project.resolve("compose.yaml"), "services:\n  base:\n    build: ./base\n    image: shop/base:latest\n"
                + "  web:\n    build: ./web\n    depends_on: [base]\n  app:\n    build: ./app\n");
        open(robot, compose);

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).contains("compose-service-not-linked", "local-image-invisible");
        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        robot.interact(findings::requestFocus);
        robot.type(javafx.scene.input.KeyCode.HOME);
        for (int index = 0; index < findings.getItems().size(); index++) {
            if (index > 0) {
                robot.type(javafx.scene.input.KeyCode.DOWN);
            }
            WaitForAsyncUtils.waitForFxEvents();
            Finding finding = findings.getSelectionModel().getSelectedItem();
            assertThat(findings.getSelectionModel().getSelectedIndex()).isEqualTo(index);
            assertThat(project.resolve(finding.file()).normalize()).as("the file of " + finding.id()).exists();
            assertThat(text(robot, "#source-title")).isEqualTo("Source: " + finding.file());
            assertThat(source.getSelectionModel().getSelectedIndex()).as("the line of " + finding.id()).isEqualTo(finding.line() - 1);
            assertThat(source.getSelectionModel().getSelectedItem().marker()).isEqualTo(finding.id());
        }
        robot.type(javafx.scene.input.KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        Finding previous = findings.getItems().get(findings.getItems().size() - 2);
        assertThat(text(robot, "#source-title")).isEqualTo("Source: " + previous.file());
        assertThat(findings.isFocused()).as("the focus stays in the findings list").isTrue();
    }

    @Test
    void a_file_of_no_known_kind_says_why(FxRobot robot) throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "just some words\n");
        open(robot, notes);
        assertThat(text(robot, "#findings-placeholder")).contains("cannot tell what kind of build file this is");
        assertThat(text(robot, "#source-title")).isEqualTo("Source: notes.txt");
    }
}
