package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.model.Registry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.buildxlens.core.model.RegistryHosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a registry's content over the Registry HTTP API v2 ({@code /v2/_catalog}, {@code /v2/<name>/tags/list},
 * {@code HEAD /v2/<name>/manifests/<tag>} for the digest), with timeouts and caps so that a large or slow
 * registry costs seconds, not minutes. Sends no credentials: only anonymous reads.
 */
public final class RegistryClient {

    static final int MAX_REPOSITORIES = 200;
    static final int MAX_TAGS_PER_REPOSITORY = 50;
    static final int MAX_DIGEST_LOOKUPS = 300;
    private static final long MAX_BODY_BYTES = 2L * 1024 * 1024;
    /** Repository names and tags as the distribution spec defines them. */
    private static final java.util.regex.Pattern REPOSITORY_NAME =
            java.util.regex.Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");


    private final HttpClient http;
    private final Duration requestTimeout;

    public RegistryClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    /** Queries {@code host} (plain HTTP: only loopback registries are queried by default). */
    public Registry query(String host, String source) {
        boolean loopback = RegistryHosts.isLoopback(host);
        String base = "http://" + host;
        List<Registry.RegistryRepository> repositories = new ArrayList<>();
        boolean truncated = false;
        try {
            JsonNode catalog = getJson(base + "/v2/_catalog?n=" + MAX_REPOSITORIES);
            JsonNode names = catalog.get("repositories");
            if (names == null || !names.isArray()) {
                throw new IOException("/v2/_catalog has no 'repositories' list: not a distribution registry?");
            }
            int digestLookups = 0;
            for (JsonNode nameNode : names) {
                if (repositories.size() >= MAX_REPOSITORIES) {
                    truncated = true;
                    break;
                }
                String name = nameNode.asText();
                if (!REPOSITORY_NAME.matcher(name).matches()) {
                    // Not a name the distribution spec allows (e.g. "../x" from a hostile server): never put it in a URL.
                    truncated = true;
                    continue;
                }
                List<Registry.RegistryTag> tags = new ArrayList<>();
                JsonNode tagList = getJson(base + "/v2/" + name + "/tags/list").get("tags");
                if (tagList != null && tagList.isArray()) {
                    for (JsonNode tagNode : tagList) {
                        if (!TAG.matcher(tagNode.asText()).matches()) {
                            truncated = true;
                            continue;
                        }
                        if (tags.size() >= MAX_TAGS_PER_REPOSITORY) {
                            truncated = true;
                            break;
                        }
                        String digest = "";
                        if (digestLookups < MAX_DIGEST_LOOKUPS) {
                            digest = manifestDigest(base, name, tagNode.asText());
                            digestLookups++;
                        } else {
                            truncated = true;
                        }
                        tags.add(new Registry.RegistryTag(tagNode.asText(), digest));
                    }
                }
                repositories.add(new Registry.RegistryRepository(name, tags));
            }
            if (names.size() >= MAX_REPOSITORIES) {
                truncated = true;
            }
            return new Registry(host, loopback, source, true, true, "", repositories, truncated);
        } catch (IOException e) {
            return new Registry(host, loopback, source, true, false, e.getMessage(), repositories, truncated);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Registry(host, loopback, source, true, false, "interrupted", repositories, truncated);
        }
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).GET().build();
        HttpResponse<byte[]> response = sendCapped(request, url);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException(path(url) + " needs authentication (HTTP " + response.statusCode() + "); not queried with credentials");
        }
        if (response.statusCode() != 200) {
            throw new IOException(path(url) + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_BODY_BYTES) {
            throw new IOException(path(url) + " answered more than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JsonTrees.parse(response.body());
            if (node == null || !node.isObject()) {
                throw new IOException(path(url) + " did not answer a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(path(url) + " did not answer JSON: not a distribution registry?");
        }
    }

    private String manifestDigest(String base, String name, String tag) throws InterruptedException {
        String url = base + "/v2/" + name + "/manifests/" + tag;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Accept", MANIFEST_TYPES).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<byte[]> response = sendCapped(request, url);
            return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest").orElse("") : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A GET whose body is read up to {@link #MAX_BODY_BYTES} + 1 bytes and no further, so a registry that answers
     * gigabytes costs 2 MB of memory, not all of it.
     */
    private HttpResponse<byte[]> sendCapped(HttpRequest request, String url) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> streamed;
        try {
            streamed = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException(path(url) + ": no answer within " + requestTimeout.toSeconds() + " s");
        } catch (java.net.ConnectException e) {
            throw new IOException("connection refused (nothing listens on " + URI.create(url).getAuthority() + ")");
        } catch (IOException e) {
            throw new IOException(path(url) + ": " + Messages.firstLine(e));
        }
        byte[] body;
        try (java.io.InputStream in = streamed.body()) {
            body = in.readNBytes((int) MAX_BODY_BYTES + 1);
        }
        return new CappedResponse(streamed, body);
    }

    /** The status and headers of a response, with its body as far as it was read. */
    private record CappedResponse(HttpResponse<java.io.InputStream> head, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return head.statusCode();
        }

        @Override
        public HttpRequest request() {
            return head.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return head.headers();
        }

        @Override
        public URI uri() {
            return head.uri();
        }

        @Override
        public HttpClient.Version version() {
            return head.version();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return head.sslSession();
        }
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath();
    }
}
