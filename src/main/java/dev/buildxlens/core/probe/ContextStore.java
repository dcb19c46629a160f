package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the Docker CLI's contexts store ({@code <config>/contexts/meta/<sha256(name)>/meta.json}) and the
 * {@code currentContext} of {@code config.json}. The {@code default} context is never on disk: it is built from
 * {@code DOCKER_HOST} or the platform socket (buildx-facts §2).
 */
public final class ContextStore {

    /** config.json keys that hold credentials: skipped while reading, never kept. */
    static final java.util.Set<String> CREDENTIAL_KEYS = java.util.Set.of("auths", "credHelpers", "credsStore", "HttpHeaders");


    private final Environment env;
    private final List<String> problems = new ArrayList<>();

    public ContextStore(Environment env) {
        this.env = env;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The platform default socket the CLI falls back to for the {@code default} context. */
    public String defaultHost() {
        return env.get("DOCKER_HOST").orElse(env.windows() ? "npipe:////./pipe/docker_engine" : "unix:///var/run/docker.sock");
    }

    public DockerContext defaultContext() {
        return new DockerContext(DockerContext.DEFAULT, "Current DOCKER_HOST based configuration", defaultHost(), false, null);
    }

    /** {@code currentContext} from config.json; a config that cannot be read is a problem line, not a crash. */
    public Optional<String> configuredCurrentContext() {
        Path config = env.dockerConfigDir().resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JsonTrees.parseObjectSkipping(config, CREDENTIAL_KEYS);
            JsonNode current = root == null ? null : root.get("currentContext");
            return current == null || current.asText().isEmpty() ? Optional.empty() : Optional.of(current.asText());
        } catch (IOException e) {
            problems.add(config + ": cannot read currentContext: " + Messages.firstLine(e));
            return Optional.empty();
        }
    }

    /** Looks a context up by name; {@code default} always exists. */
    public Optional<DockerContext> find(String name) throws IOException {
        if (DockerContext.DEFAULT.equals(name)) {
            return Optional.of(defaultContext());
        }
        Path meta = metaDir().resolve(Hashes.sha256Hex(name)).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        return Optional.of(parse(meta, name));
    }

    /** Every context: {@code default} first, then the stored ones by name. Unreadable ones become problems. */
    public List<DockerContext> list() {
        List<DockerContext> contexts = new ArrayList<>();
        contexts.add(defaultContext());
        Path metaDir = metaDir();
        if (!Files.isDirectory(metaDir)) {
            return contexts;
        }
        List<DockerContext> stored = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(metaDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path meta = dir.resolve("meta.json");
                if (!Files.isRegularFile(meta)) {
                    continue;
                }
                try {
                    stored.add(parse(meta, null));
                } catch (IOException e) {
                    problems.add(meta + ": " + Messages.firstLine(e));
                }
            }
        } catch (IOException e) {
            problems.add(metaDir + ": cannot list contexts: " + Messages.firstLine(e));
        }
        stored.sort(Comparator.comparing(DockerContext::name));
        contexts.addAll(stored);
        return contexts;
    }

    private Path metaDir() {
        return env.dockerConfigDir().resolve("contexts").resolve("meta");
    }

    private DockerContext parse(Path meta, String expectedName) throws IOException {
        JsonNode root;
        try {
            root = JsonTrees.parse(meta);
        } catch (IOException e) {
            throw new IOException("not valid JSON: " + Messages.firstLine(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a context (expected a JSON object)");
        }
        // Go's decoder matches keys case-insensitively; so do we.
        String name = Json.text(root, "Name");
        if (name.isEmpty()) {
            name = expectedName == null ? "" : expectedName;
        }
        if (name.isEmpty()) {
            throw new IOException("context has no Name");
        }
        JsonNode docker = Json.field(Json.field(root, "Endpoints"), "docker");
        String host = Json.text(docker, "Host");
        boolean skipTls = Json.bool(docker, "SkipTLSVerify");
        String description = Json.text(Json.field(root, "Metadata"), "Description");
        String hash = meta.getParent().getFileName().toString();
        Path tlsDir = env.dockerConfigDir().resolve("contexts").resolve("tls").resolve(hash).resolve("docker");
        return new DockerContext(name, description, host, skipTls, Files.isDirectory(tlsDir) ? tlsDir : null);
    }
}
