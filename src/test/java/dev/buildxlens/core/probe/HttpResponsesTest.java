package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponsesTest {

    private static EngineTransport.Response parse(String raw) throws IOException {
        return HttpResponses.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(EngineTransport.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void content_length_bounds_the_body() throws IOException {
        EngineTransport.Response response = parse("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]");
        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response)).isEqualTo("[]");
    }

    @Test
    void chunked_bodies_are_joined_with_extensions_and_trailers_ignored() throws IOException {
        EngineTransport.Response response = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\n[{\"a\r\n5\r\n\":1}]\r\n0\r\nTrailer: x\r\n\r\n");
        assertThat(body(response)).isEqualTo("[{\"a\":1}]");
    }

    @Test
    void without_a_length_the_body_runs_to_the_end() throws IOException {
        assertThat(body(parse("HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"page not found\"}")))
                .isEqualTo("{\"message\":\"page not found\"}");
    }

    @Test
    void broken_answers_say_what_is_wrong() {
        assertThatThrownBy(() -> parse("")).hasMessage("the connection closed without an answer");
        assertThatThrownBy(() -> parse("SSH-2.0-OpenSSH_9.6\r\n\r\n")).hasMessageStartingWith("not an HTTP answer");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n[]"))
                .hasMessage("the answer ended after 2 of 10 bytes");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\nabc"))
                .hasMessage("the chunked answer ended early");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .hasMessageStartingWith("bad chunk size");
    }
}
