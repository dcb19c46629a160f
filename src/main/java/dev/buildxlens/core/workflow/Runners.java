package dev.buildxlens.core.workflow;

import dev.buildxlens.core.model.ImageStoreKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What engine a job's {@code runs-on} gives it, from the dated data file of GitHub-hosted runner images the tool ships
 * ({@code dev/buildxlens/runners/github-hosted.yml}): a Linux engine with its image store, no Linux engine (macOS,
 * Windows), or an unknown one (self-hosted and labels the file does not know).
 */
public final class Runners {

    /** What a runner label stands for: its OS ({@code linux}, {@code macos}, {@code windows}, or "" when unknown). */
    public record Runner(String label, String os, String docker, ImageStoreKind imageStore, String note) {

        public boolean known() {
            return !os.isEmpty();
        }

        public boolean linuxEngine() {
            return os.equals("linux");
        }
    }

    private static final Runners GITHUB_HOSTED = load();

    private final String date;
    private final Map<String, Runner> runners;

    private Runners(String date, Map<String, Runner> runners) {
        this.date = date;
        this.runners = runners;
    }

    public static Runners githubHosted() {
        return GITHUB_HOSTED;
    }

    /** When the file was last checked against the runner images. */
    public String date() {
        return date;
    }

    /**
     * The runner for a job's labels: a GitHub-hosted label the file knows, else unknown (a {@code self-hosted} label,
     * a runner group, a larger runner's own name).
     */
    public Runner forLabels(List<String> labels) {
        if (labels.stream().anyMatch(l -> l.equalsIgnoreCase("self-hosted") || l.equals("group"))) {
            return new Runner(String.join(", ", labels), "", "", ImageStoreKind.UNKNOWN, "self-hosted");
        }
        for (String label : labels) {
            Runner runner = runners.get(label.toLowerCase(Locale.ROOT));
            if (runner != null) {
                return runner;
            }
            if (label.toLowerCase(Locale.ROOT).startsWith("macos-")) {
                return new Runner(label, "macos", "", ImageStoreKind.UNKNOWN, "");
            }
            if (label.toLowerCase(Locale.ROOT).startsWith("windows-")) {
                return new Runner(label, "windows", "", ImageStoreKind.UNKNOWN, "");
            }
        }
        return new Runner(String.join(", ", labels), "", "", ImageStoreKind.UNKNOWN, "unknown label");
    }

    @SuppressWarnings("unchecked")
    private static Runners load() {
        try (InputStream in = Runners.class.getResourceAsStream("/dev/buildxlens/runners/github-hosted.yml")) {
            if (in == null) {
                throw new IllegalStateException("the runner data file is missing from the build");
            }
            Map<String, Object> top = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Runner> runners = new LinkedHashMap<>();
            ((Map<String, Map<String, Object>>) top.get("runners")).forEach((label, entry) -> {
                String store = String.valueOf(entry.getOrDefault("imageStore", ""));
                runners.put(label, new Runner(label, String.valueOf(entry.get("os")), String.valueOf(entry.getOrDefault("docker", "")),
                        switch (store) {
                            case "classic" -> ImageStoreKind.CLASSIC;
                            case "containerd" -> ImageStoreKind.CONTAINERD;
                            default -> ImageStoreKind.UNKNOWN;
                        }, String.valueOf(entry.getOrDefault("note", ""))));
            });
            return new Runners(String.valueOf(top.get("date")), runners);
        } catch (IOException e) {
            throw new IllegalStateException("the runner data file cannot be read", e);
        }
    }
}
