package dev.buildxlens.core.workflow;

import dev.buildxlens.core.workflow.expr.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GitHub Actions workflow, reduced to what decides where images live; every part keeps its line. Values keep their
 * {@code ${{ }}} expressions as written: the simulation evaluates them.
 */
public record Workflow(String file, Map<String, String> env, List<Job> jobs, Triggers on, String workingDirectory, Platform platform) {

    public Workflow {
        env = Map.copyOf(env);
        jobs = List.copyOf(jobs);
        workingDirectory = workingDirectory == null ? "" : workingDirectory;
        platform = platform == null ? Platform.GITHUB_ACTIONS : platform;
    }

    public Workflow(String file, Map<String, String> env, List<Job> jobs, Triggers on, String workingDirectory) {
        this(file, env, jobs, on, workingDirectory, Platform.GITHUB_ACTIONS);
    }

    /**
     * Where the jobs run. A GitLab CI pipeline is simulated as the same kind of jobs: each job a fresh machine (its own
     * {@code docker:dind}), its script lines {@code run:} steps, its artifacts handed to the jobs that take them.
     */
    public enum Platform {
        GITHUB_ACTIONS("GitHub Actions"),
        GITLAB_CI("GitLab CI");

        private final String title;

        Platform(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public Optional<Job> job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** The events the workflow runs on, and the inputs of {@code workflow_dispatch} and {@code workflow_call}. */
    public record Triggers(List<String> events, Map<String, InputSpec> dispatchInputs, Map<String, InputSpec> callInputs,
                           Map<String, String> callOutputs) {
        public Triggers {
            events = List.copyOf(events);
            dispatchInputs = Map.copyOf(dispatchInputs);
            callInputs = Map.copyOf(callInputs);
            callOutputs = Map.copyOf(callOutputs);
        }

        public static Triggers none() {
            return new Triggers(List.of(), Map.of(), Map.of(), Map.of());
        }
    }

    /** An input of {@code workflow_dispatch} / {@code workflow_call} (or of a composite action): its type and default ({@code null}: none). */
    public record InputSpec(String name, String type, Value defaultValue) {
    }

    /**
     * A job. {@code engine} is the Docker engine the file itself gives the job (GitLab's {@code docker:dind} service),
 * null when {@code runs-on} decides. {@code keyColumn} is the indentation of its keys (0-based); {@code servicesLine}, {@code stepsLine} and
     * {@code needsLine} are the lines of those keys, 0 when absent; {@code needsInline} says whether {@code needs} is
     * written on its key's line ({@code needs: a} or {@code needs: [a, b]}). {@code condition} is its {@code if:}
     * ({@code null}: none), {@code runsOn} its runner labels as written, {@code matrix} its {@code strategy.matrix}
     * ({@code null}: none), {@code uses}/{@code with} a reusable workflow it calls.
     */
    public record Job(String id, int line, List<String> needs, Map<String, String> env, List<Service> services, List<Step> steps,
                      int keyColumn, int servicesLine, int stepsLine, int needsLine, boolean needsInline, String condition,
                      List<String> runsOn, Value matrix, Map<String, String> outputs, String uses, Map<String, String> with,
                      String workingDirectory, Runners.Runner engine) {
        /** GitHub's jobs: the engine follows from {@code runs-on}. */
        public Job(String id, int line, List<String> needs, Map<String, String> env, List<Service> services, List<Step> steps,
                   int keyColumn, int servicesLine, int stepsLine, int needsLine, boolean needsInline, String condition,
                   List<String> runsOn, Value matrix, Map<String, String> outputs, String uses, Map<String, String> with,
                   String workingDirectory) {
            this(id, line, needs, env, services, steps, keyColumn, servicesLine, stepsLine, needsLine, needsInline, condition, runsOn, matrix,
                    outputs, uses, with, workingDirectory, null);
        }

        public Job {
            needs = List.copyOf(needs);
            env = Map.copyOf(env);
            services = List.copyOf(services);
            steps = List.copyOf(steps);
            runsOn = List.copyOf(runsOn);
            outputs = Map.copyOf(outputs);
            with = Map.copyOf(with);
            workingDirectory = workingDirectory == null ? "" : workingDirectory;
        }
    }

    /**
     * A job service container; {@code ports} as written ({@code "5000:5000"}, {@code 5000}). {@code hostnames}: the
     * names the job reaches it by on its own network (GitLab's service aliases); empty for GitHub, whose services
     * publish their ports on the runner's localhost.
     */
    public record Service(String name, String image, List<String> ports, int line, List<String> hostnames) {
        public Service {
            ports = List.copyOf(ports);
            hostnames = List.copyOf(hostnames);
        }

        public Service(String name, String image, List<String> ports, int line) {
            this(name, image, ports, line, List.of());
        }
    }

    /**
     * A step. {@code file} is the file it is written in when that is not the workflow's own (a GitLab template in an
     * included file), else null. {@code with} values keep their lines; {@code run} is the script and {@code runLine} the line of its
     * first script line; {@code condition} is its {@code if:} ({@code null}: none).
     */
    public record Step(int index, int line, String name, String id, String uses, Map<String, Input> with,
                       Map<String, String> env, String run, int runLine, Layout layout, String condition, String workingDirectory,
                       String file) {
        public Step {
            with = Map.copyOf(with);
            env = Map.copyOf(env);
        }

        /** A step of the workflow's own file. */
        public Step(int index, int line, String name, String id, String uses, Map<String, Input> with, Map<String, String> env, String run,
                    int runLine, Layout layout, String condition, String workingDirectory) {
            this(index, line, name, id, uses, with, env, run, runLine, layout, condition, workingDirectory, null);
        }

        /** How findings name the step: its name, else {@code #N} (1-based). */
        public String label() {
            return name != null && !name.isBlank() ? name : "#" + (index + 1);
        }

        public String input(String key) {
            Input input = with.get(key);
            return input == null ? null : input.value();
        }

        /** The same step with its values as the simulation evaluated them. */
        public Step evaluated(String evaluatedName, Map<String, Input> evaluatedWith, Map<String, String> evaluatedEnv, String evaluatedRun) {
            return new Step(index, line, evaluatedName, id, uses, evaluatedWith, evaluatedEnv, evaluatedRun, runLine, layout, condition,
                    workingDirectory, file);
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
