package dev.buildxlens.core.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Lays a scenario's build out as real files, so the desktop app can open it like any Dockerfile or workflow. */
public final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /** A new temporary folder to lay a lesson out in ({@code buildx-lens-scenario…}); whoever made it deletes it. */
    public static Path newFolder() throws IOException {
        return Files.createTempDirectory("buildx-lens-scenario");
    }

    /**
     * Writes the build under {@code dir} and returns the file to open (the Dockerfile, or the workflow, compose, bake
     * or GitLab CI file in a repository with the files it builds); null without a build.
     */
    public static Path materialize(Scenario scenario, Path dir) throws IOException {
        Scenario.Build build = scenario.build();
        if (!build.isDockerfile() && !build.isProject()) {
            return null;
        }
        if (build.isDockerfile()) {
            Path dockerfile = dir.resolve(scenario.name()).resolve("Dockerfile");
            Files.createDirectories(dockerfile.getParent());
            Files.writeString(dockerfile, build.dockerfile());
            return dockerfile;
        }
        Path repo = dir.resolve(scenario.name());
        Files.createDirectories(repo.resolve(".git"));
        for (Map.Entry<String, String> file : build.files().entrySet()) {
            Path target = repo.resolve(file.getKey()).normalize();
            if (!target.startsWith(repo)) {
                throw new IOException("file '" + file.getKey() + "' leaves the repository");
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Path main = repo.resolve(build.isWorkflow() ? ScenarioRunner.WORKFLOW_PATH : build.isCompose() ? "compose.yaml"
                : build.isBake() ? "docker-bake.hcl" : ".gitlab-ci.yml");
        Files.createDirectories(main.getParent());
        Files.writeString(main, build.isWorkflow() ? build.workflow() : build.isCompose() ? build.compose() : build.isBake() ? build.bake()
                : build.gitlab());
        return main;
    }
}
