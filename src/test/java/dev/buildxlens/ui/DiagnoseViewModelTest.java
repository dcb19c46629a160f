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

    /**
     * A new picture of the machine re-judges what was judged against it (a Dockerfile, a Compose or Bake project),
     * never a GitLab pipeline, whose runner is simulated; the kind is the one diagnose PATH tells.
     */
    @Test
    void a_new_picture_re_judges_compose_and_bake_but_not_a_gitlab_pipeline() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project/app"));
        Files.writeString(project.resolve("Dockerfile"), "FROM dmca-base:latest\n");
        Path compose = Files.writeString(project.resolveSibling("compose.yaml"), "services:\n  app:\n    build: ./app\n");
        Path bake = Files.writeString(project.resolveSibling("docker-bake.hcl"), "target \"default\" {\n  context = \"app\"\n}\n");
        Path gitlab = Files.writeString(project.resolveSibling(".gitlab-ci.yml"), """
                build:
                  image: docker:27
                  services: [docker:27-dind]
                  script:
                    - docker build -t app app
                """);
        Snapshot other = Snapshots.world().localImage("dmca-base:latest").builder("ci", "docker-container", Map.of()).current("ci").build();
        java.util.concurrent.atomic.AtomicReference<Snapshot> world = new java.util.concurrent.atomic.AtomicReference<>(WORLD);
        DiagnoseViewModel tab = new DiagnoseViewModel(world::get, new CurrentThreadTaskExecutor());
        for (Path file : List.of(compose, bake)) {
            tab.open(file);
            assertThat(tab.findingsProperty()).extracting(Finding::id).containsExactly("local-image-invisible");
            assertThat(tab.shownFileProperty().get()).isEqualTo(project.resolve("Dockerfile").toAbsolutePath().normalize());
            assertThat(tab.watchedFilesProperty().get()).contains(file.toAbsolutePath().normalize(),
                    project.resolve("Dockerfile").toAbsolutePath().normalize());
            int runs = tab.finishedRunsProperty().get();
            world.set(other);
            tab.worldChanged(other);
            assertThat(tab.finishedRunsProperty().get()).as(file + " judged against the new picture").isEqualTo(runs + 1);
            world.set(WORLD);
        }
        assertThat(tab.kindProperty().get()).isEqualTo(dev.buildxlens.core.pipeline.InputKind.BAKE);

        assertThat(tab.builderOptionProperty().get()).isTrue();
        assertThat(tab.dockerfileOptionsProperty().get()).isFalse();
        tab.open(gitlab);
        assertThat(tab.kindProperty().get()).isEqualTo(dev.buildxlens.core.pipeline.InputKind.GITLAB_CI);
        assertThat(tab.builderOptionProperty().get()).isFalse();
        assertThat(tab.runnerOptionProperty().get()).isFalse();
        int runs = tab.finishedRunsProperty().get();
        tab.worldChanged(other);
        assertThat(tab.finishedRunsProperty().get()).as("a simulated runner does not change with this machine").isEqualTo(runs);
    }

    /** A finding in a file the GitLab pipeline includes: the source shows that file at the finding's line, marked. */
    @Test
    void a_finding_in_an_included_gitlab_file_shows_that_file() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("gitlab-include"));
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("Dockerfile"), "FROM alpine:3.20\n");
        Path jobs = Files.createDirectories(repo.resolve("ci")).resolve("build.yml");
        Files.writeString(jobs, """
                build:
                  image: docker:27
                  services:
                    - docker:27-dind
                  variables:
                    DOCKER_TLS_CERTDIR: "/certs"
                  script:
                    - docker buildx create --use --driver docker-container
                    - docker buildx build -t "$CI_REGISTRY_IMAGE:latest" --push .
                """);
        Path main = Files.writeString(repo.resolve(".gitlab-ci.yml"), "include:\n  - local: ci/build.yml\n");
        viewModel.open(main);
        assertThat(viewModel.findingsProperty()).extracting(Finding::id).containsExactly("buildx-create-tls-env");
        Finding finding = viewModel.findingsProperty().get(0);
        assertThat(finding.file()).isEqualTo("ci/build.yml");
        assertThat(viewModel.shownFileProperty().get()).isEqualTo(jobs.toAbsolutePath().normalize());
        assertThat(viewModel.sourceTitleProperty().get()).isEqualTo("Source: ci/build.yml");
        assertThat(viewModel.selectedLineProperty().get()).isEqualTo(8);
        assertThat(viewModel.sourceProperty().get(7).text()).contains("docker buildx create");
        assertThat(viewModel.sourceProperty().get(7).marker()).isEqualTo("buildx-create-tls-env");
        assertThat(viewModel.fixesProperty()).extracting(FixPlan::id).containsExactly("use-docker-context");
        assertThat(viewModel.sourceFilesProperty()).contains(main.toAbsolutePath().normalize(), jobs.toAbsolutePath().normalize());
        assertThat(viewModel.watchedFilesProperty().get()).contains(jobs.toAbsolutePath().normalize());

        viewModel.showSource(main.toAbsolutePath().normalize());
        assertThat(viewModel.sourceTitleProperty().get()).isEqualTo("Source: .gitlab-ci.yml");
        assertThat(viewModel.selectedLineProperty().get()).as("the finding is not in this file").isZero();
        assertThat(viewModel.sourceProperty()).allSatisfy(line -> assertThat(line.marker()).isEmpty());
    }
}
