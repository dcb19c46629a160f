package dev.buildxlens.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformTest {

    private static Platform p(String text) {
        return Platform.parse(text).orElseThrow();
    }

    @Test
    void arm64_and_arm64_v8_are_one_platform_as_containerd_normalises_them() {
        assertThat(p("linux/arm64").sameAs(p("linux/arm64/v8"))).isTrue();
        assertThat(p("linux/aarch64").sameAs(p("linux/arm64"))).isTrue();
        assertThat(p("linux/arm").sameAs(p("linux/arm/v7"))).isTrue();
        assertThat(p("linux/amd64/v1").sameAs(p("linux/amd64"))).isTrue();
    }

    @Test
    void different_architectures_os_and_arm_variants_differ() {
        assertThat(p("linux/arm64").sameAs(p("linux/amd64"))).isFalse();
        assertThat(p("linux/arm/v6").sameAs(p("linux/arm/v7"))).isFalse();
        assertThat(p("windows/amd64").sameAs(p("linux/amd64"))).isFalse();
        assertThat(p("linux/386").sameAs(p("linux/amd64"))).isFalse();
    }

    @Test
    void an_engine_reporting_x86_64_builds_linux_amd64() {
        assertThat(Platform.ofEngine("linux", "x86_64")).hasValue(new Platform("linux", "amd64", ""));
        assertThat(Platform.ofEngine("linux", "aarch64")).hasValue(new Platform("linux", "arm64", "v8"));
        assertThat(Platform.ofEngine("", "x86_64")).isEmpty();
    }

    @Test
    void malformed_values_are_not_platforms() {
        assertThat(Platform.parse("")).isEmpty();
        assertThat(Platform.parse("linux//v7")).isEmpty();
        assertThat(Platform.parse("a/b/c/d")).isEmpty();
        assertThat(p("Linux/ARM64").toString()).isEqualTo("linux/arm64");
    }
}
