package dev.buildxlens.core.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of one build, whether written as build-push-action inputs or as {@code docker buildx build} flags. */
final class BuildOptions {
    String context = ".";
    String file = "";
    final Map<String, String> buildArgs = new LinkedHashMap<>();
    final List<String[]> buildContexts = new ArrayList<>();
    String target = "";
    final List<String> platforms = new ArrayList<>();
    boolean load;
    boolean push;
    boolean pull;
    final List<String> outputs = new ArrayList<>();
    final List<String> tags = new ArrayList<>();
    final List<String> cacheTo = new ArrayList<>();
    String builder = "";

    /** build-push-action list inputs: one item per line, or comma-separated where the action allows it. */
    static List<String> list(String value, boolean commas) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        for (String line : value.split("\\R")) {
            for (String item : commas ? line.split(",") : new String[] {line}) {
                String trimmed = item.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    items.add(trimmed);
                }
            }
        }
        return items;
    }

    static boolean truthy(String value) {
        return value != null && value.trim().equalsIgnoreCase("true");
    }

    /** From build-push-action's {@code with:}. */
    static BuildOptions fromAction(Workflow.Step step) {
        BuildOptions options = new BuildOptions();
        String context = step.input("context");
        if (context != null && !context.isBlank()) {
            options.context = context.trim();
        }
        options.file = step.input("file") == null ? "" : step.input("file").trim();
        for (String arg : list(step.input("build-args"), false)) {
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.buildArgs.put(arg.substring(0, equals), arg.substring(equals + 1));
            }
        }
        for (String namedContext : list(step.input("build-contexts"), false)) {
            int equals = namedContext.indexOf('=');
            if (equals > 0) {
                options.buildContexts.add(new String[] {namedContext.substring(0, equals), namedContext.substring(equals + 1)});
            }
        }
        options.target = step.input("target") == null ? "" : step.input("target").trim();
        options.platforms.addAll(list(step.input("platforms"), true));
        options.load = truthy(step.input("load"));
        options.push = truthy(step.input("push"));
        options.pull = truthy(step.input("pull"));
        options.outputs.addAll(list(step.input("outputs"), false));
        options.tags.addAll(list(step.input("tags"), true));
        options.cacheTo.addAll(list(step.input("cache-to"), false));
        options.builder = step.input("builder") == null ? "" : step.input("builder").trim();
        return options;
    }

    /** From the words after {@code docker buildx build} / {@code docker build}. */
    static BuildOptions fromCommand(List<String> words) {
        BuildOptions options = new BuildOptions();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = word;
            String value = null;
            int equals = word.indexOf('=');
            if (word.startsWith("--") && equals > 0) {
                name = word.substring(0, equals);
                value = word.substring(equals + 1);
            }
            switch (name) {
                case "--load" -> options.load = true;
                case "--push" -> options.push = true;
                case "--pull" -> options.pull = true;
                case "-t", "--tag", "-f", "--file", "--build-arg", "--build-context", "--target", "--platform", "--builder",
                     "-o", "--output", "--cache-to", "--cache-from", "--progress", "--label", "--secret", "--ssh",
                     "--network", "--iidfile", "--metadata-file", "--provenance", "--sbom", "--attest", "--shm-size", "--ulimit",
                     "--add-host", "--allow", "--annotation", "--call", "--cgroup-parent", "--build-context-from" -> {
                    if (value == null) {
                        value = i + 1 < words.size() ? words.get(++i) : "";
                    }
                    apply(options, name, value);
                }
                default -> {
                    if (!word.startsWith("-") && !word.equals("<") && !word.equals(">")) {
                        options.context = word;
                    }
                }
            }
        }
        return options;
    }

    private static void apply(BuildOptions options, String name, String value) {
        switch (name) {
            case "-t", "--tag" -> options.tags.add(value);
            case "-f", "--file" -> options.file = value;
            case "--build-arg" -> {
                int equals = value.indexOf('=');
                if (equals > 0) {
                    options.buildArgs.put(value.substring(0, equals), value.substring(equals + 1));
                }
            }
            case "--build-context" -> {
                int equals = value.indexOf('=');
                if (equals > 0) {
                    options.buildContexts.add(new String[] {value.substring(0, equals), value.substring(equals + 1)});
                }
            }
            case "--target" -> options.target = value;
            case "--platform" -> options.platforms.addAll(list(value, true));
            case "--builder" -> options.builder = value;
            case "-o", "--output" -> options.outputs.add(value);
            case "--cache-to" -> options.cacheTo.add(value);
            default -> {
                // Options that do not change where images come from or go.
            }
        }
    }
}
