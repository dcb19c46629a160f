package dev.buildxlens.core.workflow;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.NamedContext;
import java.util.ArrayList;
import java.util.List;

/** Reads the inputs of the docker/* actions the way the actions themselves split them. */
public final class ActionInputs {

    private ActionInputs() {
    }

    /**
     * A list input: one item per line, or also comma-separated where the action allows it (build-push-action's
     * {@code tags}, {@code platforms}; setup-buildx-action's {@code driver-opts}). Comment lines are dropped.
     */
    public static List<String> list(String value, boolean commas) {
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

    /** The actions' boolean inputs: only {@code true} (any case) is true. */
    public static boolean truthy(String value) {
        return value != null && value.trim().equalsIgnoreCase("true");
    }

    /** The build of a docker/build-push-action step, from its {@code with:}. */
    public static BuildSpec buildPushAction(Workflow.Step step) {
        BuildSpec.Builder spec = BuildSpec.newBuilder();
        String context = step.input("context");
        spec.contextDir(context == null || context.isBlank() ? "." : context.trim());
        spec.dockerfile(step.input("file") == null ? "" : step.input("file").trim());
        for (String arg : list(step.input("build-args"), false)) {
            int equals = arg.indexOf('=');
            if (equals > 0) {
                spec.buildArg(arg.substring(0, equals), arg.substring(equals + 1));
            }
        }
        for (String namedContext : list(step.input("build-contexts"), false)) {
            int equals = namedContext.indexOf('=');
            if (equals > 0) {
                spec.context(new NamedContext(namedContext.substring(0, equals), namedContext.substring(equals + 1)));
            }
        }
        spec.target(step.input("target") == null ? "" : step.input("target").trim());
        list(step.input("platforms"), true).forEach(spec::platform);
        spec.load(truthy(step.input("load"))).push(truthy(step.input("push"))).pull(truthy(step.input("pull")));
        list(step.input("outputs"), false).forEach(spec::output);
        list(step.input("tags"), true).forEach(spec::tag);
        list(step.input("cache-to"), false).forEach(spec::cacheTo);
        spec.builder(step.input("builder") == null ? "" : step.input("builder").trim());
        return spec.build();
    }
}
