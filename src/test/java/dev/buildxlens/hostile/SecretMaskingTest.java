package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Secrets;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    @Test
    void values_of_secret_looking_names_are_masked_and_expressions_and_other_values_are_kept() {
        String text = """
                +        build-args: |
                +          NPM_TOKEN=abc123
                +          BASE_IMAGE=localhost:5000/my-base:latest
                       API_KEY: sk-live-42
                       password: ${{ secrets.REGISTRY_PASSWORD }}
                       DB_PASSWORD: $DB_PASSWORD
                docker buildx build --build-arg GITHUB_TOKEN=ghp_x --build-arg VERSION=1.2 --build-arg NPM_TOKEN .
                export HTTP_PROXY=http://me:hunter2@proxy:3128
                """;
        String masked = Secrets.maskValues(text);
        assertThat(masked).doesNotContain("abc123", "sk-live-42", "ghp_x", "hunter2")
                .contains("NPM_TOKEN=<redacted>", "API_KEY: <redacted>", "GITHUB_TOKEN=<redacted>",
                        "BASE_IMAGE=localhost:5000/my-base:latest", "password: ${{ secrets.REGISTRY_PASSWORD }}",
                        "DB_PASSWORD: $DB_PASSWORD", "VERSION=1.2", "--build-arg NPM_TOKEN .", "http://<redacted>@proxy:3128");
        assertThat(Secrets.maskValues(masked)).as("masking is idempotent").isEqualTo(masked);
    }

    @Test
    void a_secret_pair_inside_the_value_of_a_harmless_name_is_masked() {
        String masked = Secrets.maskValues("ERROR: failed to solve: NPM_TOKEN=npm_abc123 not allowed; stage: API_KEY=k-42 VERSION=1");
        assertThat(masked).doesNotContain("npm_abc123").doesNotContain("k-42")
                .isEqualTo("ERROR: failed to solve: NPM_TOKEN=<redacted> not allowed; stage: API_KEY=<redacted> VERSION=1");
        assertThat(Secrets.maskValues(masked)).isEqualTo(masked);
    }
}
