import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a `docker load` archive (the `docker save` layout: manifest.json, one config per image, one shared
 * layer) holding the benchmark images FROM..TO-1, so that thousands of distinct images load in seconds
 * without a registry. Every image shares one tiny layer; the configs differ by a label, so every image id
 * is distinct. Every tenth image has no tag (dangling); the others get three tags in a few repositories.
 *
 * Usage: java src/test/bench/MakeImages.java FROM TO OUT.tar
 */
public final class MakeImages {

    public static void main(String[] args) throws Exception {
        int from = Integer.parseInt(args[0]);
        int to = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        byte[] layer = tar(List.of(new Entry("bench.txt", "buildx-lens benchmark layer\n".getBytes(StandardCharsets.UTF_8))));
        String layerDiffId = "sha256:" + sha256(layer);
        String layerPath = sha256(layer) + "/layer.tar";
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(layerPath, layer));
        StringBuilder manifest = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            String config = """
                    {"architecture":"amd64","os":"linux","created":"2026-01-01T00:00:00Z",\
                    "config":{"Cmd":["/bench"],"Labels":{"dev.buildxlens.bench":"1","dev.buildxlens.bench.index":"%d"}},\
                    "rootfs":{"type":"layers","diff_ids":["%s"]},\
                    "history":[{"created":"2026-01-01T00:00:00Z","created_by":"buildx-lens benchmark image %d"}]}"""
                    .formatted(i, layerDiffId, i);
            byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
            String configName = sha256(configBytes) + ".json";
            entries.add(new Entry(configName, configBytes));
            if (i > from) {
                manifest.append(',');
            }
            manifest.append("{\"Config\":\"").append(configName).append("\",\"RepoTags\":[");
            if (i % 10 != 9) {
                manifest.append("\"lens-bench/app-%d:v%d\",\"lens-bench/app-%d:build-%d\",\"lens-bench/svc-%d:%d\""
                        .formatted(i % 50, i, i % 50, i, i % 7, i));
            }
            manifest.append("],\"Layers\":[\"").append(layerPath).append("\"]}");
        }
        manifest.append(']');
        entries.add(new Entry("manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8)));
        Files.write(out, tar(entries));
    }

    private record Entry(String name, byte[] content) {
    }

    /** A minimal ustar writer: regular files only, which is all `docker load` needs here. */
    private static byte[] tar(List<Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            byte[] header = new byte[512];
            put(header, 0, entry.name(), 100);
            put(header, 100, "0000644", 8);
            put(header, 108, "0000000", 8);
            put(header, 116, "0000000", 8);
            put(header, 124, String.format("%011o", entry.content().length), 12);
            put(header, 136, String.format("%011o", 1767225600L), 12);
            header[156] = '0';
            put(header, 257, "ustar", 6);
            put(header, 263, "00", 2);
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum), 7);
            out.write(header);
            out.write(entry.content());
            pad(out, entry.content().length);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void pad(OutputStream out, int length) throws IOException {
        int rest = length % 512;
        if (rest != 0) {
            out.write(new byte[512 - rest]);
        }
    }

    private static void put(byte[] header, int offset, String value, int max) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > max) {
            throw new IllegalArgumentException("tar field too long: " + value);
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
