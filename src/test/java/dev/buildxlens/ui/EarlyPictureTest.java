package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.ProbeProgress;
import dev.buildxlens.testing.Snapshots;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The first picture, started before the toolkit: the first take gets it, with its partial pictures; later takes probe anew. */
class EarlyPictureTest {

    @Test
    void the_first_take_gets_the_early_picture_and_its_partial_one_and_later_takes_ask_again() throws Exception {
        Snapshot partial = Snapshots.world().build();
        Snapshot whole = Snapshots.world().build();
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        EarlyPicture early = EarlyPicture.start(progress -> {
            if (probes.incrementAndGet() > 1) {
                return whole;
            }
            progress.accept(new ProbeProgress(partial, List.of("registries")));
            asked.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return whole;
        });
        assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
        List<ProbeProgress> seen = new CopyOnWriteArrayList<>();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // Released anyway.
            }
            release.countDown();
        });
        releaser.start();
        assertThat(early.take(seen::add)).isSameAs(whole);
        assertThat(seen).as("the partial picture that came before the take is passed on")
                .extracting(ProbeProgress::snapshot).containsExactly(partial);
        assertThat(probes).hasValue(1);
        early.take(p -> { });
        assertThat(probes).as("a refresh probes again").hasValue(2);
    }

    @Test
    void a_first_probe_that_failed_fails_the_first_take_only() {
        AtomicInteger probes = new AtomicInteger();
        EarlyPicture early = EarlyPicture.start(progress -> {
            if (probes.incrementAndGet() == 1) {
                throw new IllegalStateException("no engine");
            }
            return Snapshots.world().build();
        });
        assertThatThrownBy(() -> early.take(p -> { })).isInstanceOf(IllegalStateException.class).hasMessage("no engine");
        assertThat(early.take(p -> { })).isNotNull();
    }
}
