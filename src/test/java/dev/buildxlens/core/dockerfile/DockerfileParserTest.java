package dev.buildxlens.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static List<Instruction> parse(String text) throws DockerfileException {
        return DockerfileParser.parse(text, "Dockerfile").instructions();
    }

    @Test
    void directives_are_read_only_at_the_top() throws Exception {
        ParsedDockerfile parsed = DockerfileParser.parse("# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\n# escape=\\\n", "Dockerfile");
        assertThat(parsed.directives()).containsEntry("syntax", "docker/dockerfile:1").containsEntry("escape", "`");
        assertThat(parsed.escape()).isEqualTo('`');
        assertThat(DockerfileParser.parse("\n# escape=`\nFROM alpine\n", "Dockerfile").escape())
                .as("after an empty line it is a comment").isEqualTo('\\');
    }

    @Test
    void continuations_join_lines_even_with_trailing_spaces_comments_and_blank_lines_inside() throws Exception {
        List<Instruction> instructions = parse("FROM alpine\nRUN apk add \\   \n# a comment\n\n    curl \\\n    git\nCMD x\n");
        assertThat(instructions).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "CMD");
        assertThat(instructions.get(1).arguments()).isEqualTo("apk add     curl     git");
        assertThat(instructions.get(1).line()).isEqualTo(2);
        assertThat(instructions.get(1).endLine()).isEqualTo(6);
        assertThat(instructions.get(2).line()).isEqualTo(7);
    }

    @Test
    void the_backtick_escape_continues_lines_and_backslash_is_then_literal() throws Exception {
        List<Instruction> instructions = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore `\n  AS base\nCOPY a c:\\dir\\\n");
        assertThat(instructions.get(0).arguments()).isEqualTo("mcr.microsoft.com/windows/servercore   AS base");
        assertThat(instructions.get(1).arguments()).isEqualTo("a c:\\dir\\");
    }

    @Test
    void heredoc_bodies_are_skipped_including_lines_that_look_like_instructions() throws Exception {
        String text = """
                FROM alpine
                RUN <<EOF
                FROM not-an-image
                echo hi
                EOF
                COPY <<-"END" /etc/conf
                \tFROM also-not
                \tEND
                RUN cat <<'A' <<B > /x
                one
                A
                two
                B
                FROM busybox
                """;
        List<Instruction> instructions = parse(text);
        assertThat(instructions).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "COPY", "RUN", "FROM");
        assertThat(instructions.get(4).arguments()).isEqualTo("busybox");
        assertThat(instructions.get(4).line()).isEqualTo(14);
        assertThat(instructions.get(1).endLine()).isEqualTo(5);
    }

    @Test
    void an_unterminated_heredoc_is_an_error_with_its_line() {
        assertThatThrownBy(() -> parse("FROM alpine\nRUN <<EOF\necho\n")).isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:2: unterminated heredoc <<EOF (no line 'EOF' before the end of the file)");
    }

    @Test
    void here_strings_and_shifts_in_run_are_not_heredocs() throws Exception {
        assertThat(parse("FROM alpine\nRUN echo $((1<<2)) && cat <<<hi\nFROM busybox\n")).hasSize(3);
    }

    @Test
    void unknown_instructions_and_nul_bytes_are_errors() {
        assertThatThrownBy(() -> parse("FROM alpine\nFOO bar\n")).hasMessage("Dockerfile:2: unknown instruction: FOO");
        assertThatThrownBy(() -> parse("FROM alpine\nRUN a\0b\n")).hasMessageContaining("Dockerfile:2: contains a NUL byte");
    }

    @Test
    void a_continuation_at_the_end_of_the_file_ends_the_instruction() throws Exception {
        assertThat(parse("FROM alpine \\\n")).singleElement().extracting(Instruction::arguments).isEqualTo("alpine");
    }
}
