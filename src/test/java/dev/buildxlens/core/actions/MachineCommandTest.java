package dev.buildxlens.core.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.probe.Environment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineCommandTest {

    @Test
    void runs_a_real_command_and_reports_its_first_line() {
        MachineCommand command = new MachineCommand("say hi", List.of("sh", "-c", "echo hi; echo more"));
        MachineCommand.Result result = command.run(Environment.system(), Duration.ofSeconds(10));
        assertThat(result.ok()).isTrue();
        assertThat(result.output()).isEqualTo("hi");
        assertThat(command.text()).isEqualTo("sh -c 'echo hi; echo more'");
    }

    @Test
    void failures_and_hangs_are_one_line() {
        assertThat(new MachineCommand("fail", List.of("sh", "-c", "echo nope >&2; exit 3")).run(Environment.system(), Duration.ofSeconds(10)))
                .isEqualTo(new MachineCommand.Result(false, "nope"));
        assertThat(new MachineCommand("hang", List.of("sleep", "30")).run(Environment.system(), Duration.ofMillis(300)))
                .isEqualTo(new MachineCommand.Result(false, "no answer within 0 s"));
        assertThat(new MachineCommand("missing", List.of("no-such-tool-here")).run(Environment.system(), Duration.ofSeconds(1)).output())
                .isEqualTo("no-such-tool-here is not on PATH");
    }
}
