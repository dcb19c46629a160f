package dev.buildxlens.core.gitlab;

import dev.buildxlens.core.gitlab.GitlabPipeline.Job;
import dev.buildxlens.core.gitlab.GitlabPipeline.ScriptLine;
import dev.buildxlens.core.gitlab.GitlabPipeline.Service;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.workflow.Runners;
import dev.buildxlens.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitLab pipeline as the jobs the simulator runs: every job a fresh machine whose Docker is its own
 * {@code docker:dind} service, its script lines {@code run:} steps (each keeping its file and line), the environment
 * its shell sees (predefined variables, the pipeline's and the job's, and what the docker image's entrypoint sets:
 * {@code DOCKER_HOST} and the TLS variables), and its artifacts handed to the jobs that take them
 * ({@code dependencies}, else {@code needs}, else every job of an earlier stage).
 */
public final class GitlabJobs {

    /** The internal steps that carry a job's artifacts: files, kept at their paths, not images. */
    public static final String KEEP_ARTIFACTS = dev.buildxlens.core.workflow.WorkflowSimulator.GITLAB_KEEP_ARTIFACTS;
    public static final String TAKE_ARTIFACTS = dev.buildxlens.core.workflow.WorkflowSimulator.GITLAB_TAKE_ARTIFACTS;

    /** Where GitLab checks the repository out; artifacts paths are relative to it. */
    public static final String PROJECT_DIR = "/builds/group/project";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    private static final Pattern DIND_VERSION = Pattern.compile("(\\d+)(\\.\\d+)*(-[a-z0-9.]+)*-dind.*");

    private GitlabJobs() {
    }

    /** The variables GitLab gives every job, with placeholders of the real shape where the value depends on the run. */
    static Map<String, String> predefined(String job) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CI", "true");
        values.put("GITLAB_CI", "true");
        values.put("CI_PROJECT_DIR", PROJECT_DIR);
        values.put("CI_PROJECT_PATH", "group/project");
        values.put("CI_PROJECT_NAME", "project");
        values.put("CI_PROJECT_NAMESPACE", "group");
        values.put("CI_REGISTRY", "registry.gitlab.com");
        values.put("CI_REGISTRY_IMAGE", "registry.gitlab.com/group/project");
        values.put("CI_SERVER_HOST", "gitlab.com");
        values.put("CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567");
        values.put("CI_COMMIT_SHORT_SHA", "01234567");
        values.put("CI_COMMIT_REF_NAME", "main");
        values.put("CI_COMMIT_REF_SLUG", "main");
        values.put("CI_COMMIT_BRANCH", "main");
        values.put("CI_DEFAULT_BRANCH", "main");
        values.put("CI_PIPELINE_ID", "1");
        values.put("CI_PIPELINE_IID", "1");
        values.put("CI_JOB_ID", "1");
        values.put("CI_JOB_NAME", job);
        values.put("CI_JOB_NAME_SLUG", job.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        return values;
    }

    /** The pipeline as the simulator's jobs, in stage order. */
    public static Workflow toWorkflow(GitlabPipeline pipeline) {
        List<Job> runnable = pipeline.jobs().stream().filter(j -> j.runs() != GitlabPipeline.Runs.NEVER).toList();
        List<Workflow.Job> jobs = new ArrayList<>();
        for (Job job : runnable) {
            jobs.add(job(pipeline, job, runnable));
        }
        return new Workflow(pipeline.file(), Map.of(), jobs, Workflow.Triggers.none(), "", Workflow.Platform.GITLAB_CI);
    }

    private static Workflow.Job job(GitlabPipeline pipeline, Job job, List<Job> all) {
        Map<String, String> env = environment(pipeline, job);
        List<String> needs = producers(pipeline, job, all);
        List<Workflow.Step> steps = new ArrayList<>();
        for (String producer : needs) {
            all.stream().filter(j -> j.name().equals(producer) && !j.artifactPaths().isEmpty()).findFirst().ifPresent(p ->
                    steps.add(new Workflow.Step(steps.size(), job.line(), "artifacts of job " + producer, null, TAKE_ARTIFACTS,
                            Map.of("name", new Workflow.Input(producer, job.line(), true)), Map.of(), null, 0, null, null, null)));
        }
        for (ScriptLine line : job.script()) {
            steps.add(new Workflow.Step(steps.size(), line.line(), label(line.text()), null, null, Map.of(), Map.of(), line.text(), line.line(),
                    null, null, null, line.file().equals(pipeline.file()) ? null : line.file()));
        }
        if (!job.artifactPaths().isEmpty()) {
            steps.add(new Workflow.Step(steps.size(), job.line(), "artifacts", null, KEEP_ARTIFACTS,
                    Map.of("name", new Workflow.Input(job.name(), job.line(), true),
                            "path", new Workflow.Input(String.join("\n", job.artifactPaths()), job.line(), false)),
                    Map.of(), null, 0, null, null, null));
        }
        List<Workflow.Service> services = new ArrayList<>();
        for (Service service : job.services()) {
            String image = expand(service.image(), env);
            services.add(new Workflow.Service(service.hostnames().get(0), image, List.of(), service.line(), service.hostnames()));
        }
        return new Workflow.Job(job.name(), job.line(), needs, env, services, steps, 0, 0, 0, 0, false, null, List.of(), null, Map.of(),
                null, Map.of(), "", engine(job, env));
    }

    /** How findings name a script line: the command itself, shortened. */
    private static String label(String text) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return first.length() > 60 ? first.substring(0, 57) + "…" : first;
    }

    /**
     * The jobs whose artifacts this one takes (and which run before it): {@code dependencies}, else {@code needs},
     * else every job of an earlier stage.
     */
    private static List<String> producers(GitlabPipeline pipeline, Job job, List<Job> all) {
        if (job.dependencies() != null) {
            return job.dependencies();
        }
        if (job.needs() != null) {
            return job.needs();
        }
        int stage = pipeline.stages().indexOf(job.stage());
        return all.stream().filter(j -> pipeline.stages().indexOf(j.stage()) < stage && pipeline.stages().indexOf(j.stage()) >= 0)
                .map(Job::name).toList();
    }

    /**
     * What the job's shell sees: predefined variables, then the pipeline's, then the job's (each expanded with those
     * before it, as GitLab does), then what the docker image's entrypoint (docker-library's docker-entrypoint.sh)
     * derives from them: {@code DOCKER_HOST} {@code tcp://docker:2376} with {@code DOCKER_TLS_VERIFY} and
     * {@code DOCKER_CERT_PATH} when {@code DOCKER_TLS_CERTDIR} is set (its default is /certs) and the runner shares
     * the certificates, else {@code tcp://docker:2375}.
     */
    static Map<String, String> environment(GitlabPipeline pipeline, Job job) {
        Map<String, String> env = new LinkedHashMap<>(predefined(job.name()));
        pipeline.variables().forEach((k, v) -> env.put(k, expand(v, env)));
        job.variables().forEach((k, v) -> env.put(k, expand(v, env)));
        if (job.image().startsWith("docker:") || job.image().contains("/docker:")) {
            String certDirectory = env.getOrDefault("DOCKER_TLS_CERTDIR", "/certs");
            boolean tls = !certDirectory.isEmpty();
            if (!env.containsKey("DOCKER_HOST") && job.services().stream().anyMatch(Service::isDockerInDocker)) {
                env.put("DOCKER_HOST", tls || env.containsKey("DOCKER_TLS_VERIFY") ? "tcp://docker:2376" : "tcp://docker:2375");
            }
            if (env.getOrDefault("DOCKER_HOST", "").startsWith("tcp:") && !env.containsKey("DOCKER_TLS_VERIFY")
                    && !env.containsKey("DOCKER_CERT_PATH") && tls) {
                env.put("DOCKER_TLS_VERIFY", "1");
                env.put("DOCKER_CERT_PATH", certDirectory + "/client");
            }
        }
        return env;
    }

    static String expand(String value, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The Docker engine the job gets: its {@code docker:dind} service, a fresh daemon per job. Docker 29 and later
     * start with the containerd image store on a fresh install (buildx-facts §9.2), so {@code docker:dind} without a
     * version (today 29) does too; earlier versions keep the classic store. No dind service: the runner's own Docker
     * (socket binding or a shell executor), whose state and store this file does not say.
     */
    static Runners.Runner engine(Job job, Map<String, String> env) {
        for (Service service : job.services()) {
            if (!service.isDockerInDocker()) {
                continue;
            }
            String image = expand(service.image(), env);
            String tag = image.substring(image.lastIndexOf(':') + 1);
            Matcher version = DIND_VERSION.matcher(tag);
            if (version.matches()) {
                int major = Integer.parseInt(version.group(1));
                ImageStoreKind store = major >= 29 ? ImageStoreKind.CONTAINERD : ImageStoreKind.CLASSIC;
                return new Runners.Runner(image, "linux", String.valueOf(major), store, major >= 29 ? "containerd store inferred for Docker 29" : "");
            }
            if (tag.equals("dind") || tag.equals("latest")) {
                return new Runners.Runner(image, "linux", "29 (the current docker:dind)", ImageStoreKind.CONTAINERD,
                        "an unpinned docker:dind is today's Docker 29: containerd store inferred");
            }
            return new Runners.Runner(image, "linux", "", ImageStoreKind.UNKNOWN, "a docker:dind tag whose version is not known");
        }
        return new Runners.Runner("the runner's own Docker (no docker:dind service)", "", "", ImageStoreKind.UNKNOWN, "no docker:dind service");
    }
}
