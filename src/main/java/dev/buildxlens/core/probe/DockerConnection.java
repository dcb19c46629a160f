package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import java.io.IOException;

/** A daemon endpoint that has answered {@code /version}, and what it reported. Closed by its owner. */
public record DockerConnection(EngineTransport transport, String serverVersion, String apiVersion) implements AutoCloseable {

    /** GETs an Engine API path and parses the JSON answer; any status but 200 becomes an exception naming it. */
    public JsonNode getJson(String path) throws IOException {
        return json(transport.get(path), path);
    }

    /** An answer already received, checked and parsed as {@link #getJson} does. */
    public JsonNode json(EngineTransport.Response response, String path) throws IOException {
        if (response.status() != 200) {
            throw new IOException("HTTP " + response.status() + errorMessage(response.body()));
        }
        try {
            return JsonTrees.parse(response.body());
        } catch (IOException e) {
            throw new IOException("the answer to " + path + " is not JSON");
        }
    }

    /** The daemon explains errors as {@code {"message": "..."}}; anything else is not repeated. */
    private static String errorMessage(byte[] body) {
        try {
            JsonNode message = JsonTrees.parse(body).get("message");
            return message == null || !message.isTextual() ? "" : ": " + Messages.firstLine(new IOException(message.asText()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
