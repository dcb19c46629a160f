package dev.buildxlens.core.gitlab;

import java.util.List;
import java.util.Map;

/**
 * A GitLab CI configuration after GitLab's own merging: {@code include: local} files, {@code default},
 * {@code extends}, {@code !reference} and {@code parallel: matrix} are resolved, hidden jobs are gone. Each job
 * keeps where its parts were written. {@code notFollowed} names what could not be read here (remote, project and
 * template includes).
 */
public record GitlabPipeline(String file, List<String> stages, Map<String, String> variables, List<Job> jobs, List<String> notFollowed) {

    public GitlabPipeline {
        stages = List.copyOf(stages);
        variables = Map.copyOf(variables);
        jobs = List.copyOf(jobs);
        notFollowed = List.copyOf(notFollowed);
    }

    /** Whether a job runs, as far as its literal {@code rules}, {@code only}/{@code except} and {@code when} say. */
    public enum Runs { YES, MAYBE, NEVER }

    /**
     * A job. {@code script} is {@code before_script} followed by {@code script} (GitLab runs them in one shell);
     * {@code needs} is null when the job has no {@code needs} (it then waits for every earlier stage), and
     * {@code dependencies} null when it takes the artifacts of every earlier job. {@code why} says what decided
     * {@code runs} when it is not YES.
     */
    public record Job(String name, String file, int line, String stage, String image, List<Service> services, Map<String, String> variables,
                      List<ScriptLine> script, List<ScriptLine> afterScript, List<String> needs, List<String> dependencies,
                      List<String> artifactPaths, Runs runs, String why) {
        public Job {
            services = List.copyOf(services);
            variables = Map.copyOf(variables);
            script = List.copyOf(script);
            afterScript = List.copyOf(afterScript);
            needs = needs == null ? null : List.copyOf(needs);
            dependencies = dependencies == null ? null : List.copyOf(dependencies);
            artifactPaths = List.copyOf(artifactPaths);
        }
    }

    /**
     * A service container: its image, the host names the job reaches it by (its {@code alias}es, else the names
     * GitLab derives from the image: {@code docker:dind} is {@code docker}), and its own variables.
     */
    public record Service(String image, List<String> hostnames, Map<String, String> variables, int line) {
        public Service {
            hostnames = List.copyOf(hostnames);
            variables = Map.copyOf(variables);
        }

        /** docker:dind, docker:27-dind, registry.example/mirror/docker:dind …: a Docker daemon for the job. */
        public boolean isDockerInDocker() {
            String name = image.contains("/") ? image.substring(image.lastIndexOf('/') + 1) : image;
            return name.startsWith("docker:") && name.contains("dind");
        }
    }

    /** One script command as written (a list item; a block scalar keeps its lines), with its file and first line. */
    public record ScriptLine(String text, String file, int line) {
    }
}
