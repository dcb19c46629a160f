package dev.buildxlens.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "dmca-base, docker.io/library/dmca-base:latest, dmca-base:latest",
            "dmca-base:latest, docker.io/library/dmca-base:latest, dmca-base:latest",
            "alpine:3.18, docker.io/library/alpine:3.18, alpine:3.18",
            "foo/bar, docker.io/foo/bar:latest, foo/bar:latest",
            "docker.io/foo/bar:1, docker.io/foo/bar:1, foo/bar:1",
            "index.docker.io/library/alpine, docker.io/library/alpine:latest, alpine:latest",
            "localhost:5000/foo/bar, localhost:5000/foo/bar:latest, localhost:5000/foo/bar:latest",
            "localhost/foo, localhost/foo:latest, localhost/foo:latest",
            "127.0.0.1:5000/base:2, 127.0.0.1:5000/base:2, 127.0.0.1:5000/base:2",
            "ghcr.io/domain/api:latest, ghcr.io/domain/api:latest, ghcr.io/domain/api:latest",
            "Registry/foo, Registry/foo:latest, Registry/foo:latest",
            "[::1]:5000/foo, [::1]:5000/foo:latest, [::1]:5000/foo:latest",
            "my_base__x.y-z, docker.io/library/my_base__x.y-z:latest, my_base__x.y-z:latest",
    })
    void normalises_like_the_docker_cli(String raw, String normalized, String familiar) throws Exception {
        ImageReference reference = ImageReference.parse(raw);
        assertThat(reference.normalized()).isEqualTo(normalized);
        assertThat(reference.familiar()).isEqualTo(familiar);
    }

    @ParameterizedTest
    @CsvSource({
            "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, docker.io/library/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "alpine:3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, docker.io/library/alpine:3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    })
    void keeps_digests_and_adds_no_tag_beside_a_digest(String raw, String normalized) throws Exception {
        assertThat(ImageReference.parse(raw).normalized()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MyImage|repository name (library/MyImage) must be lowercase",
            "foo/Bar:1|repository name (foo/Bar) must be lowercase",
            "alpine:bad tag|has an invalid tag",
            "alpine:-x|has an invalid tag",
            "alpine@sha256:xyz|has an invalid digest",
            "foo//bar|is not a valid image name",
    })
    void rejects_what_the_docker_cli_rejects(String raw, String message) {
        assertThatThrownBy(() -> ImageReference.parse(raw)).isInstanceOf(InvalidReferenceException.class)
                .hasMessageStartingWith("invalid reference format").hasMessageContaining(message);
    }
}
