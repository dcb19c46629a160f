package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.probe.BuilderStore;
import dev.buildxlens.core.probe.BuilderStoreReader;
import dev.buildxlens.core.probe.StoredBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A builder store at its worst: every bad entry is one problem line naming it, and the good ones are still read. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BuilderStoreFaultsTest {

    private static final String GOOD = "{\"Name\":\"good\",\"Driver\":\"docker-container\",\"Nodes\":[{\"Name\":\"good0\","
            + "\"Endpoint\":\"unix:///var/run/docker.sock\",\"Platforms\":null,\"DriverOpts\":null,\"Flags\":null,\"Files\":null}],"
            + "\"Dynamic\":false,\"SomeFutureField\":{\"x\":[1,2]}}";

    @Test
    void loops_dangling_links_truncation_huge_files_and_a_future_driver_leave_the_rest_readable(@TempDir Path store) throws IOException {
        Path instances = Files.createDirectories(store.resolve("instances"));
        Files.writeString(instances.resolve("good"), GOOD);
        Files.writeString(instances.resolve("future"), GOOD.replace("good", "future").replace("docker-container", "quantum"));
        Files.writeString(instances.resolve("truncated"), GOOD.substring(0, 40));
        Files.createSymbolicLink(instances.resolve("loop"), instances.resolve("loop"));
        Files.createSymbolicLink(instances.resolve("dangling"), store.resolve("nowhere"));
        try (RandomAccessFile huge = new RandomAccessFile(instances.resolve("huge").toFile(), "rw")) {
            huge.setLength(50L * 1024 * 1024);
        }
        Files.write(instances.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Files.writeString(store.resolve("current"), "{\"Key\":\"unix:///var/run/docker.sock\",\"Name\":\"deleted\",\"Global\":false}");
        Files.createDirectories(store.resolve("activity"));
        Files.writeString(store.resolve("activity/good"), "yesterday");

        long start = System.nanoTime();
        BuilderStore read = BuilderStoreReader.read(store);

        assertThat((System.nanoTime() - start) / 1_000_000).as("a 50 MB file is refused by its size").isLessThan(2000);
        assertThat(read.builders()).extracting(StoredBuilder::name).containsExactly("future", "good");
        assertThat(read.builders()).extracting(StoredBuilder::driver).containsExactly("quantum", "docker-container");
        assertThat(read.current()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("deleted"));
        assertThat(read.problems()).hasSize(6);
        for (String name : new String[] {"truncated", "loop", "dangling", "huge", "binary", "activity/good"}) {
            assertThat(read.problems()).as(name).anySatisfy(p -> assertThat(p).contains(name));
        }
        assertThat(read.problems()).allSatisfy(p -> assertThat(p).doesNotContain("Exception").doesNotContain("\n"));
        assertThat(read.problems()).anySatisfy(p -> assertThat(p).endsWith("instances/dangling: no such file (a link to something that is gone?)"));
    }
}
