package dev.buildxlens.core.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Script commands inserted by the GitLab fixes land between commands, never inside one: YAML lets a list item go on
 * over the lines indented deeper than its dash (a plain or quoted scalar folded over several lines, a {@code - |}
 * block), and the shell joins the lines of a literal block that end in a backslash.
 */
class GitlabEditorTest {

    @Test
    void a_command_after_a_multi_line_plain_item_goes_after_its_last_line() {
        GitlabEditor editor = new GitlabEditor("""
                build:
                  script:
                    - docker build -t "$CI_REGISTRY_IMAGE/app:$CI_COMMIT_SHA"
                      -f app/Dockerfile app/
                  only:
                    - branches
                """);
        assertThat(editor.insertCommand(3, "docker save x -o x.tar", false)).isTrue();
        assertThat(editor.text()).isEqualTo("""
                build:
                  script:
                    - docker build -t "$CI_REGISTRY_IMAGE/app:$CI_COMMIT_SHA"
                      -f app/Dockerfile app/
                    - docker save x -o x.tar
                  only:
                    - branches
                """);
    }

    @Test
    void a_command_after_a_literal_block_item_goes_after_the_block() {
        GitlabEditor editor = new GitlabEditor("""
                build:
                  script:
                    - |
                      docker build -t app .

                      echo built
                    - echo next
                """);
        assertThat(editor.insertCommand(3, "docker save app -o app.tar", false)).isTrue();
        assertThat(editor.text()).isEqualTo("""
                build:
                  script:
                    - |
                      docker build -t app .

                      echo built
                    - docker save app -o app.tar
                    - echo next
                """);
    }

    @Test
    void a_command_after_a_backslash_continued_line_of_a_block_goes_after_the_continuation() {
        GitlabEditor editor = new GitlabEditor("""
                build:
                  script:
                    - |
                      docker build \\
                        -t app .
                      echo built
                """);
        assertThat(editor.insertCommand(4, "docker save app -o app.tar", false)).isTrue();
        assertThat(editor.text()).isEqualTo("""
                build:
                  script:
                    - |
                      docker build \\
                        -t app .
                      docker save app -o app.tar
                      echo built
                """);
    }

    @Test
    void a_command_before_an_item_still_goes_right_above_it_and_is_not_added_twice() {
        GitlabEditor editor = new GitlabEditor("""
                push:
                  script:
                    - docker login
                      -u "$CI_REGISTRY_USER"
                    - docker push "$IMAGE"
                """);
        assertThat(editor.insertCommand(5, "docker load -i app.tar", true)).isTrue();
        assertThat(editor.text()).isEqualTo("""
                push:
                  script:
                    - docker login
                      -u "$CI_REGISTRY_USER"
                    - docker load -i app.tar
                    - docker push "$IMAGE"
                """);
        GitlabEditor again = new GitlabEditor(editor.text());
        assertThat(again.insertCommand(6, "docker load -i app.tar", true)).isTrue();
        assertThat(again.text()).isEqualTo(editor.text());
    }

    @Test
    void the_image_is_named_as_the_script_writes_it_not_as_the_simulation_expanded_it() {
        Map<String, String> env = Map.of("CI_REGISTRY_IMAGE", "registry.gitlab.com/group/project", "CI_COMMIT_SHA", "0123456789abcdef",
                "IMAGE", "registry.gitlab.com/group/project/api:1");
        assertThat(GitlabFixPlanner.writtenAs("docker build -t \"$CI_REGISTRY_IMAGE/app:$CI_COMMIT_SHA\" -f app/Dockerfile app/", env,
                "registry.gitlab.com/group/project/app:0123456789abcdef")).isEqualTo("$CI_REGISTRY_IMAGE/app:$CI_COMMIT_SHA");
        assertThat(GitlabFixPlanner.writtenAs("docker buildx build --load --tag=${IMAGE} .", env, "registry.gitlab.com/group/project/api:1"))
                .isEqualTo("${IMAGE}");
        assertThat(GitlabFixPlanner.writtenAs("docker build -t base .", env, "base")).as("a literal name stays as it is").isEqualTo("base");
        assertThat(GitlabFixPlanner.writtenAs("make image", env, "base:latest")).as("no word names it: the image itself").isEqualTo("base:latest");
    }
}
