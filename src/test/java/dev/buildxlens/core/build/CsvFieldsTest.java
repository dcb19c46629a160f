package dev.buildxlens.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.workflow.ActionInputs;
import org.junit.jupiter.api.Test;

/** Option values split as buildx splits them, and the docker actions' list inputs as the actions-toolkit does. */
class CsvFieldsTest {

    @Test
    void buildx_option_values_are_one_csv_record() {
        assertThat(CsvFields.split("type=docker,dest=/tmp/a.tar")).containsExactly("type=docker", "dest=/tmp/a.tar");
        assertThat(CsvFields.split("type=image,\"name=a,b\",push=true")).as("a quoted field keeps its commas")
                .containsExactly("type=image", "name=a,b", "push=true");
        assertThat(CsvFields.split("\"say \"\"hi\"\"\",x")).containsExactly("say \"hi\"", "x");
        assertThat(CsvFields.split("a, \"b\"")).as("strict: a quote after a blank is part of the field").containsExactly("a", " \"b\"");
        assertThat(CsvFields.split("")).containsExactly("");
    }

    @Test
    void action_list_inputs_trim_blanks_before_quotes_and_split_per_line() {
        assertThat(CsvFields.splitRelaxed("  \"a,b\" ,c")).containsExactly("a,b ", "c");
        assertThat(ActionInputs.list("linux/amd64, linux/arm64\nlinux/arm/v7", true))
                .containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
        assertThat(ActionInputs.list("\"BASE=x,y\"\nOTHER=1\n\n", false)).as("build-args keep their commas, drop enclosing quotes")
                .containsExactly("BASE=x,y", "OTHER=1");
        assertThat(ActionInputs.list("BASE=\"x,y\"", false)).as("relaxed quotes: a quote inside a field is a character (csv-parse)")
                .containsExactly("BASE=\"x,y\"");
        assertThat(ActionInputs.list("type=registry,ref=\"a\"", false, false)).as("cache values keep their own quotes")
                .containsExactly("type=registry,ref=\"a\"");
    }
}
