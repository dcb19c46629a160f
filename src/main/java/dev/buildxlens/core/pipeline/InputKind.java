package dev.buildxlens.core.pipeline;

/** The kinds of build file Buildx Lens reads, each with the option that names it explicitly. */
public enum InputKind {
    DOCKERFILE("a Dockerfile", "--dockerfile"),
    GITHUB_WORKFLOW("a GitHub Actions workflow", "--workflow"),
    GITLAB_CI("a GitLab CI file", "--gitlab-ci"),
    COMPOSE("a Compose file", "--compose"),
    BAKE("a Bake file", "--bake"),
    LOG("a build log", "--log");

    private final String description;
    private final String option;

    InputKind(String description, String option) {
        this.description = description;
        this.option = option;
    }

    public String description() {
        return description;
    }

    public String option() {
        return option;
    }
}
