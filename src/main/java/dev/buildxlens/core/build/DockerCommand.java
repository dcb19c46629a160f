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
    record BuildxCreate(String name, String driver, Map<String, String> driverOpts, boolean use) implements DockerCommand {
        public BuildxCreate {
            driverOpts = Map.copyOf(driverOpts);
        }
    }

    /** {@code docker buildx use NAME}. */
    record BuildxUse(String name) implements DockerCommand {
    }

    /** {@code docker buildx install}: {@code docker build} becomes {@code docker buildx build} on the current builder. */
    record BuildxInstall() implements DockerCommand {
    }

    /** {@code docker buildx bake} (analysed in a later version). */
    record Bake() implements DockerCommand {
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
    record ComposeBuild() implements DockerCommand {
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
            case "compose" -> rest.contains("build") || rest.contains("up") ? new ComposeBuild() : new Other("compose");
            case "load" -> new Load(loadFile(rest));
            case "save" -> save(rest);
            case "pull" -> firstImage(rest).<DockerCommand>map(Pull::new).orElse(new Other(verb));
            case "push" -> firstImage(rest).<DockerCommand>map(Push::new).orElse(new Other(verb));
            case "tag" -> tag(rest);
            case "run", "create" -> run(verb, rest);
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
            case "bake" -> new Bake();
            default -> new Other("buildx " + sub);
        };
    }

    private static DockerCommand create(List<String> args) {
        String name = "";
        String driver = "docker-container";
        boolean use = false;
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            boolean inline = word.startsWith("--") && word.contains("=");
            String flag = inline ? word.substring(0, word.indexOf('=')) : word;
            if (flag.equals("--use")) {
                use = true;
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
                default -> {
                    // platforms, flags, config and nodes do not change which stores the builder reads
                }
            }
        }
        return new BuildxCreate(name, driver, opts, use);
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
