package dev.buildxlens.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files end in a ComposeException with the file, never in another exception. */
class ComposeReaderRobustnessTest {

    @TempDir
    Path root;

    private static final List<String> MALFORMED = List.of(
            "just a string\n",
            "- a\n- b\n",
            "services: [a, b]\n",
            "services:\n  a: [1]\n",
            "services:\n  a: plain\n",
            "services:\n  a:\n    build: [x]\n",
            "services:\n  a:\n    build:\n      args: 5\n",
            "services:\n  a:\n    build:\n      args: [{x: 1}]\n",
            "services:\n  a:\n    build:\n      context: {x: 1}\n",
            "services:\n  a:\n    build:\n      platforms: {x: 1}\n",
            "services:\n  a:\n    build:\n      additional_contexts: 5\n",
            "services:\n  a:\n    build:\n      additional_contexts: [[x]]\n",
            "services:\n  a:\n    image: {x: 1}\n",
            "services:\n  a:\n    image: x\n    depends_on: 5\n",
            "services:\n  a:\n    image: x\n    depends_on: {b: 5}\n",
            "services:\n  a:\n    image: x\n    depends_on: [b]\n",
            "services:\n  a:\n    image: x\n    depends_on: {b: {required: maybe}}\n",
            "services:\n  a:\n    image: x\n    profiles: {p: 1}\n",
            "services:\n  a:\n    extends: [x]\n",
            "services:\n  a:\n    extends: {file: x.yaml}\n",
            "services:\n  a:\n    extends: {file: \"a\\0b\", service: x}\n",
            "include: 5\nservices: {}\n",
            "include: [5]\n",
            "include: [{path: []}]\n",
            "include: [{project_directory: x}]\n",
            "include: [missing.yaml]\n",
            "a: &a [*a]\nservices: {}\n",
            "services:\n  a: &x\n    build: *x\n",
            "services:\n  a:\n    <<: 5\n",
            "services:\n  a:\n    <<: [5]\n",
            "services:\n  ? [a]\n  : {image: x}\n",
            "services:\n  a:\n    image: \"${\"\n",
            "services:\n  a:\n    image: x\n  b:\n    image: y\n    build:\n      additional_contexts: {c: \"service:a\"}\n",
            "name: \"${N:?no name}\"\nservices: {}\n",
            "name: \"___\"\nservices: {}\n",
            "\t\tservices:\n",
            "services: !reset\n",
            "%YAML 9.9\n---\nservices: {}\n");

    @Test
    void every_malformed_file_is_a_compose_exception_naming_the_file() throws Exception {
        for (int i = 0; i < MALFORMED.size(); i++) {
            Path file = root.resolve("p" + i + "/compose.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, MALFORMED.get(i));
            Throwable thrown = catchThrowable(() -> ComposeReader.read(ComposeRequest.of(file)));
            assertThat(thrown).as(MALFORMED.get(i)).isInstanceOf(ComposeException.class);
            ComposeException error = (ComposeException) thrown;
            assertThat(error.file()).as(MALFORMED.get(i)).isNotNull();
            assertThat(error.getMessage()).as(MALFORMED.get(i)).startsWith(error.file().toString()).doesNotContain("Exception");
        }
    }
}
