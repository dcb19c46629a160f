package dev.buildxlens.core.workflow;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.build.CsvFields;
import dev.buildxlens.core.dockerfile.NamedContext;
import java.util.ArrayList;
import java.util.List;

/** Reads the inputs of the docker/* actions the way the actions themselves split them. */
public final class ActionInputs {

    private ActionInputs() {
    }

    /**
     * A list input as the docker actions read it (docker/actions-toolkit {@code Util.getList}): every line a CSV
     * record whose double quotes are removed; its fields split further at commas unless the input keeps them
     * ({@code commas == false}: build-args, build-contexts, outputs, caches). Empty items are dropped.
     */
    public static List<String> list(String value, boolean commas) {
        return list(value, commas, true);
    }

    /** {@code quotes == false} for inputs whose values hold their own quotes (outputs, cache-from, cache-to). */
    public static List<String> list(String value, boolean commas, boolean quotes) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        for (String line : value.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = quotes ? CsvFields.splitRelaxed(line) : List.of(line.split(",", -1));
            if (commas) {
                fields.forEach(field -> items.add(field.trim()));
            } else {
                items.add(String.join(",", fields).trim());
            }
        }
        items.removeIf(String::isEmpty);
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
        list(step.input("outputs"), false, false).forEach(spec::output);
        list(step.input("tags"), true).forEach(spec::tag);
        list(step.input("cache-to"), false, false).forEach(spec::cacheTo);
        spec.builder(step.input("builder") == null ? "" : step.input("builder").trim());
        return spec.build();
    }
}
