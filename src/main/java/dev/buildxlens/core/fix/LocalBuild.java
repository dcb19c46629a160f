package dev.buildxlens.core.fix;

import dev.buildxlens.core.dockerfile.NamedContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker buildx build} on the user's machine, as they asked for it: the fixes rewrite it (another builder,
 * a build arg, a named context, {@code --load}) and render it back as one command line.
 */
public record LocalBuild(String dockerfile, String contextDir, Map<String, String> buildArgs, List<NamedContext> contexts,
                         String target, List<String> platforms, boolean load, boolean push, boolean pull,
                         List<String> outputs, List<String> cacheTo, String builder) {

    public LocalBuild {
        buildArgs = Map.copyOf(new LinkedHashMap<>(buildArgs));
        contexts = List.copyOf(contexts);
        platforms = List.copyOf(platforms);
        outputs = List.copyOf(outputs);
        cacheTo = List.copyOf(cacheTo);
        target = target == null ? "" : target;
        builder = builder == null ? "" : builder;
    }

    public LocalBuild withBuilder(String name) {
        return new LocalBuild(dockerfile, contextDir, buildArgs, contexts, target, platforms, load, push, pull, outputs, cacheTo, name);
    }

    public LocalBuild withBuildArg(String name, String value) {
        Map<String, String> args = new LinkedHashMap<>(buildArgs);
        args.put(name, value);
        return new LocalBuild(dockerfile, contextDir, args, contexts, target, platforms, load, push, pull, outputs, cacheTo, builder);
    }

    public LocalBuild withContext(NamedContext context) {
        List<NamedContext> list = new ArrayList<>(contexts);
        list.removeIf(c -> c.name().equals(context.name()));
        list.add(context);
        return new LocalBuild(dockerfile, contextDir, buildArgs, list, target, platforms, load, push, pull, outputs, cacheTo, builder);
    }

    public LocalBuild withLoad(boolean value) {
        return new LocalBuild(dockerfile, contextDir, buildArgs, contexts, target, platforms, value, push, pull, outputs, cacheTo, builder);
    }

    public LocalBuild withoutPull() {
        return new LocalBuild(dockerfile, contextDir, buildArgs, contexts, target, platforms, load, push, false, outputs, cacheTo, builder);
    }

    public LocalBuild withPlatforms(List<String> value) {
        return new LocalBuild(dockerfile, contextDir, buildArgs, contexts, target, value, load, push, pull, outputs, cacheTo, builder);
    }

    public LocalBuild withOutputs(List<String> value) {
        return new LocalBuild(dockerfile, contextDir, buildArgs, contexts, target, platforms, load, push, pull, value, cacheTo, builder);
    }

    /** The words of the command, ready for {@link ShellQuote#command}. */
    public List<String> words() {
        List<String> words = new ArrayList<>(List.of("docker", "buildx", "build"));
        if (!builder.isEmpty()) {
            words.add("--builder");
            words.add(builder);
        }
        words.add("-f");
        words.add(dockerfile);
        buildArgs.forEach((k, v) -> {
            words.add("--build-arg");
            // A secret-looking value is never printed: `--build-arg NAME` makes docker take it from the
            // environment of the shell the user pastes the command into.
            words.add(dev.buildxlens.core.model.Secrets.looksSecret(k) ? k : k + "=" + v);
        });
        for (NamedContext context : contexts) {
            words.add("--build-context");
            words.add(context.name() + "=" + context.value());
        }
        if (!target.isEmpty()) {
            words.add("--target");
            words.add(target);
        }
        if (!platforms.isEmpty()) {
            words.add("--platform");
            words.add(String.join(",", platforms));
        }
        for (String output : outputs) {
            words.add("--output");
            words.add(output);
        }
        for (String cache : cacheTo) {
            words.add("--cache-to");
            words.add(cache);
        }
        if (load) {
            words.add("--load");
        }
        if (push) {
            words.add("--push");
        }
        if (pull) {
            words.add("--pull");
        }
        words.add(contextDir);
        return words;
    }

    public String render() {
        return ShellQuote.command(words());
    }
}
