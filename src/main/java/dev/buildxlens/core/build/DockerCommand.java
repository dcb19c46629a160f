package dev.buildxlens.core.build;

import dev.buildxlens.core.image.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code docker ...} command line read into what it does to images, builders and registries: the one place that
 * knows the Docker CLI's verbs, their aliases ({@code docker image build}, {@code docker builder build},
 * {@code docker buildx b}, {@code docker container run}) and which of their flags take a value. Commands that move
 * no image are {@link Other}.
 */
public sealed interface DockerCommand {

    /** {@code docker build} / {@code image build} / {@code builder build} ({@code buildx == false}) or {@code docker buildx build}. */
    record Build(boolean buildx, BuildSpec spec) implements DockerCommand {
    }

    /** {@code docker buildx create}: {@code name} is empty when buildx would generate one. */
    /** {@code docker context create NAME} (its endpoint: the environment's DOCKER_HOST and TLS settings, or --docker). */
    record ContextCreate(String name) implements DockerCommand {
    }

    /**
     * {@code docker buildx create}: {@code endpoint} is its positional argument, a Docker context name or an endpoint
     * address ("" when absent: the current context, or the TLS settings in the environment). {@code config} is the
     * buildkitd.toml it gives the builder ({@code --config}, {@code --buildkitd-config}; "" when none).
     */
    record BuildxCreate(String name, String driver, Map<String, String> driverOpts, boolean use, String endpoint, String config)
            implements DockerCommand {
        public BuildxCreate {
            driverOpts = Map.copyOf(driverOpts);
            endpoint = endpoint == null ? "" : endpoint;
            config = config == null ? "" : config;
        }
    }

    /** {@code docker buildx use NAME}. */
    record BuildxUse(String name) implements DockerCommand {
    }

    /** {@code docker buildx install}: {@code docker build} becomes {@code docker buildx build} on the current builder. */
    record BuildxInstall() implements DockerCommand {
    }

    /** {@code docker buildx bake} (analysed in a later version). */
    /**
     * {@code docker buildx bake}: its files ({@code -f}, in order; empty: bake's lookup), the targets named, the
     * {@code --set} overrides ({@code --load} and {@code --push} become the sets bake makes of them) and the builder.
     */
    record Bake(List<String> files, List<String> targets, List<String> sets, String builder) implements DockerCommand {
        public Bake {
            files = List.copyOf(files);
            targets = List.copyOf(targets);
            sets = List.copyOf(sets);
            builder = builder == null ? "" : builder;
        }
    }

    /** {@code docker load}: {@code file} empty when the archive comes from standard input without a redirection. */
    record Load(String file) implements DockerCommand {
    }

    record Save(String file, List<String> images) implements DockerCommand {
        public Save {
            images = List.copyOf(images);
        }
    }

    record Pull(ImageReference image) implements DockerCommand {
    }

    record Push(ImageReference image) implements DockerCommand {
    }

    record Tag(ImageReference source, ImageReference target) implements DockerCommand {
    }

    /** {@code docker run} / {@code docker create}: the image, the host ports it publishes, and its restart policy ("" for none). */
    record Run(String verb, ImageReference image, List<String> publishes, String restart) implements DockerCommand {
        public Run {
            publishes = List.copyOf(publishes);
        }
    }

    /** {@code docker compose build|up} (analysed in a later version). */
    /**
     * {@code docker compose build} (or {@code up}, which builds what it lacks): the compose files ({@code -f}; empty:
     * Compose's defaults in the working directory), the project directory given, and the services named.
     */
    record ComposeBuild(List<String> files, String projectDirectory, List<String> services) implements DockerCommand {
        public ComposeBuild {
            files = List.copyOf(files);
            projectDirectory = projectDirectory == null ? "" : projectDirectory;
            services = List.copyOf(services);
        }
    }

    record Other(String verb) implements DockerCommand {
    }

    /** Options of {@code docker} itself, before the verb, that take a value. */
    Set<String> GLOBAL_WITH_VALUE = Set.of("--context", "-c", "-H", "--host", "--config", "-l", "--log-level", "--tlscacert",
            "--tlscert", "--tlskey");
    /** Flags of {@code docker run} / {@code create} that take a value. */
    Set<String> RUN_WITH_VALUE = Set.of("-p", "--publish", "--name", "-v", "--volume", "-e", "--env", "--network", "--net", "-w",
            "--workdir", "--entrypoint", "-u", "--user", "--env-file", "--mount", "--platform", "-l", "--label", "--hostname", "-h",
            "--restart", "-m", "--memory", "--cpus", "--add-host", "--cap-add", "--cap-drop", "--device", "--pull", "--log-driver",
            "--log-opt", "--health-cmd", "--ulimit", "--shm-size", "--tmpfs", "--gpus", "--ipc", "--pid", "--security-opt",
            "--stop-signal", "--cidfile", "--dns", "--expose", "--link", "--volumes-from", "--runtime", "--sysctl", "--userns",
            "--cgroupns", "--annotation", "--attach", "-a");

    /**
     * Reads the words after {@code docker} (or {@code docker-compose}, passed with {@code compose} first).
     * {@code environment} resolves {@code --build-arg NAME} without a value.
     */
    static DockerCommand parse(List<String> words, Map<String, String> environment) {
        int at = 0;
        while (at < words.size() && words.get(at).startsWith("-")) {
            String word = words.get(at);
            at += GLOBAL_WITH_VALUE.contains(word) ? 2 : 1;
        }
        if (at >= words.size()) {
            return new Other("");
        }
        String verb = words.get(at);
        List<String> rest = words.subList(at + 1, words.size());
        if ((verb.equals("image") || verb.equals("container") || verb.equals("builder")) && !rest.isEmpty()) {
            verb = rest.get(0);
            rest = rest.subList(1, rest.size());
        }
        return switch (verb) {
            case "buildx" -> buildx(rest, environment);
            case "build" -> new Build(false, BuildFlags.parse(rest, environment));
            case "compose" -> compose(rest);
            case "load" -> new Load(loadFile(rest));
            case "save" -> save(rest);
            case "pull" -> firstImage(rest).<DockerCommand>map(Pull::new).orElse(new Other(verb));
            case "push" -> firstImage(rest).<DockerCommand>map(Push::new).orElse(new Other(verb));
            case "tag" -> tag(rest);
            case "run", "create" -> run(verb, rest);
            case "context" -> rest.size() >= 2 && rest.get(0).equals("create") && !rest.get(1).startsWith("-") ? new ContextCreate(rest.get(1))
                    : new Other("context");
            default -> new Other(verb);
        };
    }

    private static DockerCommand buildx(List<String> args, Map<String, String> environment) {
        int at = 0;
        // docker buildx --builder NAME build ...: a global buildx flag.
        String builder = "";
        while (at < args.size() && args.get(at).startsWith("-")) {
            if (args.get(at).equals("--builder") && at + 1 < args.size()) {
                builder = args.get(at + 1);
                at += 2;
            } else if (args.get(at).startsWith("--builder=")) {
                builder = args.get(at).substring("--builder=".length());
                at++;
            } else {
                at++;
            }
        }
        if (at >= args.size()) {
            return new Other("buildx");
        }
        String sub = args.get(at);
        List<String> rest = args.subList(at + 1, args.size());
        return switch (sub) {
            case "build", "b" -> {
                BuildSpec spec = BuildFlags.parse(rest, environment);
                yield new Build(true, builder.isEmpty() || !spec.builder().isEmpty() ? spec : spec.toBuilder().builder(builder).build());
            }
            case "create" -> create(rest);
            case "use" -> rest.stream().filter(w -> !w.startsWith("-")).findFirst().<DockerCommand>map(BuildxUse::new)
                    .orElse(new Other("buildx use"));
            case "install" -> new BuildxInstall();
            case "bake" -> bake(rest, builder);
            default -> new Other("buildx " + sub);
        };
    }

    /** Bake flags that take a value. */
    Set<String> BAKE_VALUE_FLAGS = Set.of("-f", "--file", "--set", "--progress", "--metadata-file", "--provenance",
            "--sbom", "--allow", "--call", "--var", "--list", "--builder");

    private static DockerCommand bake(List<String> args, String globalBuilder) {
        List<String> files = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        String builder = globalBuilder;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            boolean inline = word.startsWith("--") && word.contains("=");
            String flag = inline ? word.substring(0, word.indexOf('=')) : word;
            if (!word.startsWith("-")) {
                targets.add(word);
                continue;
            }
            if (flag.equals("--load")) {
                sets.add("*.output=type=docker");
                continue;
            }
            if (flag.equals("--push")) {
                sets.add("*.push=true");
                continue;
            }
            if (!BAKE_VALUE_FLAGS.contains(flag)) {
                continue;
            }
            String value = inline ? word.substring(word.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : "";
            switch (flag) {
                case "-f", "--file" -> files.add(value);
                case "--set" -> sets.add(value);
                case "--builder" -> builder = value;
                default -> {
                    // progress, metadata and attestation flags do not change where images come from
                }
            }
        }
        return new Bake(files, targets, sets, builder);
    }

    /** Compose global flags that take a value. */
    Set<String> COMPOSE_VALUE_FLAGS = Set.of("-f", "--file", "-p", "--project-name", "--profile", "--project-directory",
            "--env-file", "--ansi", "--progress", "--parallel");

    /** {@code docker compose [global flags] build|up [flags] [SERVICE...]}. */
    private static DockerCommand compose(List<String> args) {
        List<String> files = new ArrayList<>();
        String projectDirectory = "";
        int at = 0;
        while (at < args.size() && args.get(at).startsWith("-")) {
            String word = args.get(at);
            boolean inline = word.contains("=");
            String flag = inline ? word.substring(0, word.indexOf('=')) : word;
            String value = inline ? word.substring(word.indexOf('=') + 1) : COMPOSE_VALUE_FLAGS.contains(flag) && at + 1 < args.size()
                    ? args.get(++at) : "";
            if (flag.equals("-f") || flag.equals("--file")) {
                files.add(value);
            } else if (flag.equals("--project-directory")) {
                projectDirectory = value;
            }
            at++;
        }
        if (at >= args.size() || !Set.of("build", "up").contains(args.get(at))) {
            return new Other("compose");
        }
        List<String> services = new ArrayList<>();
        for (int i = at + 1; i < args.size(); i++) {
            String word = args.get(i);
            if (word.startsWith("-")) {
                if (Set.of("--build-arg", "--builder", "--memory", "-m", "--progress", "--ssh", "--scale", "--timeout", "-t", "--exit-code-from",
                        "--pull", "--wait-timeout", "--attach", "--no-attach").contains(word)) {
                    i++;
                }
                continue;
            }
            services.add(word);
        }
        return new ComposeBuild(files, projectDirectory, services);
    }

    private static DockerCommand create(List<String> args) {
        String name = "";
        String driver = "docker-container";
        boolean use = false;
        Map<String, String> opts = new LinkedHashMap<>();
        String endpoint = "";
        String config = "";
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            boolean inline = word.startsWith("--") && word.contains("=");
            String flag = inline ? word.substring(0, word.indexOf('=')) : word;
            if (flag.equals("--use")) {
                use = true;
                continue;
            }
            if (!word.startsWith("-")) {
                endpoint = word;
                continue;
            }
            if (!Set.of("--name", "--driver", "--driver-opt", "--platform", "--buildkitd-flags", "--buildkitd-config", "--config",
                    "--node", "--endpoint", "--bootstrap-timeout").contains(flag)) {
                continue;
            }
            String value = inline ? word.substring(word.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : "";
            switch (flag) {
                case "--name" -> name = value;
                case "--driver" -> driver = value;
                case "--driver-opt" -> {
                    for (String opt : value.split(",")) {
                        int equals = opt.indexOf('=');
                        if (equals > 0) {
                            opts.put(opt.substring(0, equals).trim(), opt.substring(equals + 1).trim());
                        }
                    }
                }
                case "--config", "--buildkitd-config" -> config = value;
                default -> {
                    // platforms, flags and nodes do not change which stores the builder reads
                }
            }
        }
        return new BuildxCreate(name, driver, opts, use, endpoint, config);
    }

    private static String loadFile(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if ((word.equals("-i") || word.equals("--input") || word.equals("<")) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (word.startsWith("--input=")) {
                return word.substring("--input=".length());
            }
        }
        return "";
    }

    private static DockerCommand save(List<String> args) {
        String file = "";
        List<String> images = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if ((word.equals("-o") || word.equals("--output") || word.equals(">")) && i + 1 < args.size()) {
                file = args.get(++i);
            } else if (word.startsWith("--output=")) {
                file = word.substring("--output=".length());
            } else if (word.startsWith("-o") && word.length() > 2) {
                file = word.substring(2);
            } else if (!word.startsWith("-")) {
                images.add(word);
            }
        }
        return new Save(file, images);
    }

    private static DockerCommand tag(List<String> args) {
        List<String> refs = args.stream().filter(w -> !w.startsWith("-")).toList();
        if (refs.size() == 2) {
            ImageReference source = ImageReference.parseOrNull(refs.get(0));
            ImageReference target = ImageReference.parseOrNull(refs.get(1));
            if (source != null && target != null) {
                return new Tag(source, target);
            }
        }
        return new Other("tag");
    }

    private static Optional<ImageReference> firstImage(List<String> args) {
        return args.stream().filter(w -> !w.startsWith("-")).findFirst().map(ImageReference::parseOrNull);
    }

    private static DockerCommand run(String verb, List<String> args) {
        List<String> publishes = new ArrayList<>();
        String restart = "";
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.startsWith("--restart=")) {
                restart = word.substring("--restart=".length());
                continue;
            }
            if (word.equals("--restart") && i + 1 < args.size()) {
                restart = args.get(++i);
                continue;
            }
            if (word.startsWith("-")) {
                String spec = word.startsWith("--publish=") ? word.substring("--publish=".length())
                        : word.startsWith("-p") && word.length() > 2 && !word.startsWith("--") ? word.substring(2) : null;
                if (spec != null) {
                    publishes.add(spec);
                } else if (!word.contains("=") && RUN_WITH_VALUE.contains(word) && i + 1 < args.size()) {
                    if (word.equals("-p") || word.equals("--publish")) {
                        publishes.add(args.get(i + 1));
                    }
                    i++;
                }
                continue;
            }
            ImageReference image = ImageReference.parseOrNull(word);
            return image == null ? new Other(verb) : new Run(verb, image, publishes, restart);
        }
        return new Other(verb);
    }
}
