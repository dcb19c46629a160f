package dev.buildxlens.core.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A GitHub Actions workflow, reduced to what decides where images live; every part keeps its line. */
public record Workflow(String file, Map<String, String> env, List<Job> jobs) {

    public Workflow {
        env = Map.copyOf(env);
        jobs = List.copyOf(jobs);
    }

    public Optional<Job> job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /**
     * A job. {@code keyColumn} is the indentation of its keys (0-based); {@code servicesLine}, {@code stepsLine} and
     * {@code needsLine} are the lines of those keys, 0 when absent; {@code needsInline} says whether {@code needs} is
     * written on its key's line ({@code needs: a} or {@code needs: [a, b]}).
     */
    public record Job(String id, int line, List<String> needs, Map<String, String> env, List<Service> services, List<Step> steps,
                      int keyColumn, int servicesLine, int stepsLine, int needsLine, boolean needsInline) {
        public Job {
            needs = List.copyOf(needs);
            env = Map.copyOf(env);
            services = List.copyOf(services);
            steps = List.copyOf(steps);
        }
    }

    /** A job service container; {@code ports} as written ({@code "5000:5000"}, {@code 5000}). */
    public record Service(String name, String image, List<String> ports, int line) {
        public Service {
            ports = List.copyOf(ports);
        }
    }

    /**
     * A step. {@code with} values keep their lines; {@code run} is the script and {@code runLine} the line of its
     * first script line.
     */
    public record Step(int index, int line, String name, String id, String uses, Map<String, Input> with,
                       Map<String, String> env, String run, int runLine, Layout layout) {
        public Step {
            with = Map.copyOf(with);
            env = Map.copyOf(env);
        }

        /** How findings name the step: its name, else {@code #N} (1-based). */
        public String label() {
            return name != null && !name.isBlank() ? name : "#" + (index + 1);
        }

        public String input(String key) {
            Input input = with.get(key);
            return input == null ? null : input.value();
        }
    }

    /** A {@code with:} value: its text, the line of its key, and whether it is written on that one line. */
    public record Input(String value, int line, boolean singleLine) {
    }

    /**
     * Where a step sits in the file, for minimal edits: the column of its keys, and the line and key column of its
     * {@code with:} mapping (0 when it has none).
     */
    public record Layout(int keyColumn, int withLine, int withKeyColumn) {
    }
}
