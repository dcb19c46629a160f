package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.diagnose.DiagnoseViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Diagnose tab's state with the synchronous executor: the same pipeline as the command line. */
class DiagnoseViewModelTest {

    private static final Snapshot WORLD = Snapshots.world().localImage("dmca-base:latest", "other:1")
            .builder("ci", "docker-container", Map.of()).current("ci").build();

    @TempDir
    Path temp;

    private final DiagnoseViewModel viewModel = new DiagnoseViewModel(() -> WORLD, new CurrentThreadTaskExecutor());

    @Test
    void the_tab_has_the_command_lines_options_a_named_oci_layout_context_supplies_the_image() throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("app")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM dmca-base:latest\n");
        viewModel.open(dockerfile);
        assertThat(viewModel.findingsProperty()).extracting(Finding::id).containsExactly("local-image-invisible");

        viewModel.buildContextsProperty().set("dmca-base=oci-layout:///tmp/base:latest");
        viewModel.rerun();
        assertThat(viewModel.findingsProperty()).isEmpty();
        assertThat(viewModel.statusProperty().get()).contains("no errors");

        viewModel.buildContextsProperty().set("");
        viewModel.platformsProperty().set("linux/amd64,linux/arm64");
        viewModel.builderProperty().set("default");
        viewModel.cacheToProperty().set("type=gha");
        viewModel.rerun();
        assertThat(viewModel.findingsProperty()).extracting(Finding::id).containsExactly("docker-driver-multiplatform", "docker-driver-cache-export");
    }

    /** Defect (issue 13): fixes matched findings by a substring of the step title, so "step Build" took "step Build base"'s fixes. */
    @Test
    void each_finding_shows_its_own_fixes_and_keeps_its_selection_over_a_rerun() throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("two")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM dmca-base:latest AS a\nFROM other:1\nCOPY --from=a / /\n");
        viewModel.open(dockerfile);
        assertThat(viewModel.findingsProperty()).hasSize(2);
        Finding second = viewModel.findingsProperty().get(1);
        viewModel.selectFinding(second);
        List<String> bridged = new ArrayList<>();
        viewModel.fixesProperty().stream().filter(p -> p.id().equals("local-registry-bridge"))
                .forEach(p -> p.steps().forEach(s -> s.snippets().forEach(n -> bridged.add(n.content()))));
        assertThat(String.join("", bridged)).contains("docker push localhost:5000/other:1").doesNotContain("localhost:5000/dmca-base");
        assertThat(viewModel.fixesProperty()).allSatisfy(p -> assertThat(p.findingKeys()).contains(second.key()));

        viewModel.rerun();
        assertThat(viewModel.selectedFindingProperty().get().key()).isEqualTo(second.key());
    }

    /** Defect 4 of issue 13: Apply changed a workflow from 0644 to 0600; the .bak too. */
    @Test
    void apply_keeps_the_files_mode_and_its_backup_has_it_too() throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("modes")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM dmca-base:latest\n");
        Files.setPosixFilePermissions(dockerfile, PosixFilePermissions.fromString("rw-r--r--"));
        viewModel.open(dockerfile);
        FixPlan bridge = viewModel.fixesProperty().stream().filter(p -> p.id().equals("local-registry-bridge")).findFirst().orElseThrow();
        Snippet patch = bridge.patches().get(0);
        assertThat(viewModel.patchTarget(patch)).isEqualTo(dockerfile.toAbsolutePath());
        List<String> said = new ArrayList<>();
        viewModel.applyPatch(patch, said::add);
        assertThat(said).singleElement().satisfies(s -> assertThat(s).startsWith("Applied to"));
        assertThat(Files.readString(dockerfile)).startsWith("ARG BASE_IMAGE=dmca-base:latest\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dockerfile))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dockerfile.resolveSibling("Dockerfile.bak"))))
                .isEqualTo("rw-r--r--");

        Path script = Files.createDirectories(temp.resolve("exec")).resolve("Dockerfile");
        Files.writeString(script, "FROM dmca-base:latest\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        viewModel.open(script);
        Snippet second = viewModel.fixesProperty().stream().filter(p -> p.id().equals("local-registry-bridge")).findFirst().orElseThrow()
                .patches().get(0);
        viewModel.applyPatch(second, said::add);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-xr-x");
    }
}
