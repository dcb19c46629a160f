package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.storemap.StoreMapViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching worlds (this machine ↔ a lesson, a lesson ↔ another) leaves nothing of the last world on screen: the
 * step-through and its what-if, the Diagnose tab's file and findings, the lesson's temporary folder; a lesson's file
 * is never remembered in Recent. A refresh judges the open Dockerfile again against the new picture.
 */
class WorldSwitchTest {

    @TempDir
    Path temp;

    private volatile Snapshot machine = Snapshots.world().localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of()).current("ci").build();

    /** The temporary folder a lesson's file was laid out in: buildx-lens-scenario… above it. */
    private static Path lessonFolder(Path file) {
        Path folder = file;
        while (folder != null && (folder.getFileName() == null || !folder.getFileName().toString().startsWith("buildx-lens-scenario"))) {
            folder = folder.getParent();
        }
        assertThat(folder).as("the lesson's file is in a buildx-lens-scenario folder: " + file).isNotNull();
        return folder;
    }

    @Test
    void a_lesson_replaces_the_machines_derived_state_and_leaving_it_puts_the_machine_back(@TempDir Path work) throws Exception {
        MainViewModel viewModel = new MainViewModel(() -> machine, new CurrentThreadTaskExecutor());
        viewModel.refresh();
        Path dockerfile = Files.writeString(work.resolve("Dockerfile"), "FROM dmca-base:latest\n");
        viewModel.diagnose().builderProperty().set("ci");
        viewModel.diagnose().open(dockerfile);
        assertThat(viewModel.diagnose().findingsProperty()).extracting(Finding::id).containsExactly("local-image-invisible");
        StoreMapViewModel map = viewModel.storeMap();
        map.stepThrough("dmca-base:latest");
        while (map.nextStep()) {
            // to the failing step
        }
        assertThat(map.applyFixAndReplay("dmca-base:latest")).isEqualTo("use-docker-driver");
        assertThat(map.stepCaptionProperty().get()).startsWith("What if (use-docker-driver)");

        ScenarioOpener.openBuiltIn(viewModel, "laptop-loaded-base");
        assertThat(map.stepCaptionProperty().get()).as("the machine's step-through and its what-if are gone").isEmpty();
        assertThat(map.stepErrorProperty().get()).isEmpty();
        assertThat(map.highlightProperty().get()).isEqualTo(StoreMapViewModel.Highlight.NONE);
        Path laptopFile = viewModel.diagnose().fileProperty().get();
        assertThat(laptopFile).isNotEqualTo(dockerfile);
        assertThat(viewModel.diagnose().sourceProperty()).extracting(l -> l.text()).contains("FROM my-base:latest");
        assertThat(viewModel.diagnose().builderProperty().get()).as("the lesson's own build options").isEmpty();
        assertThat(viewModel.diagnose().recentProperty()).as("a lesson's temporary file is not remembered")
                .containsExactly(dockerfile.toString());
        Path laptopFolder = lessonFolder(laptopFile);
        assertThat(laptopFolder).isDirectory();

        map.stepThrough("my-base:latest");
        assertThat(map.stepCaptionProperty().get()).startsWith("Step 1/4 on mybuilder");
        ScenarioOpener.openBuiltIn(viewModel, "classic-ci");
        assertThat(map.stepCaptionProperty().get()).as("one lesson's step-through is not another's").isEmpty();
        assertThat(laptopFolder).as("the last lesson's folder is deleted").doesNotExist();
        Path ciFile = viewModel.diagnose().fileProperty().get();
        assertThat(ciFile.getFileName().toString()).isEqualTo("ci.yml");
        assertThat(viewModel.diagnose().findingsProperty()).extracting(Finding::id).containsExactly("local-image-invisible");
        assertThat(viewModel.diagnose().findingsProperty()).extracting(Finding::file).allSatisfy(f -> assertThat(f).doesNotContain("laptop"));
        assertThat(viewModel.diagnose().recentProperty()).containsExactly(dockerfile.toString());

        viewModel.useLiveWorld();
        assertThat(lessonFolder(ciFile)).as("leaving the lesson deletes its folder").doesNotExist();
        assertThat(viewModel.lessonTitleProperty().get()).isEmpty();
        assertThat(viewModel.diagnose().fileProperty().get()).as("the machine's own file is back").isEqualTo(dockerfile);
        assertThat(viewModel.diagnose().builderProperty().get()).as("with its build options").isEqualTo("ci");
        assertThat(viewModel.diagnose().findingsProperty()).extracting(Finding::id).containsExactly("local-image-invisible");
        assertThat(viewModel.diagnose().recentProperty()).containsExactly(dockerfile.toString());
    }

    @Test
    void a_refresh_judges_the_open_dockerfile_against_the_new_picture(@TempDir Path work) throws Exception {
        MainViewModel viewModel = new MainViewModel(() -> machine, new CurrentThreadTaskExecutor());
        viewModel.refresh();
        Path dockerfile = Files.writeString(work.resolve("Dockerfile"), "FROM dmca-base:latest\n");
        viewModel.diagnose().open(dockerfile);
        assertThat(viewModel.diagnose().findingsProperty()).extracting(Finding::id).containsExactly("local-image-invisible");

        // `docker buildx use default` happened outside the app: the next picture has the docker driver current.
        machine = Snapshots.world().localImage("dmca-base:latest").builder("ci", "docker-container", Map.of()).current("default").build();
        viewModel.refresh();
        assertThat(viewModel.diagnose().findingsProperty()).as("judged against the new picture, not the old").isEmpty();
        assertThat(viewModel.diagnose().statusProperty().get()).contains("no errors").contains("default (docker)");
    }
}
