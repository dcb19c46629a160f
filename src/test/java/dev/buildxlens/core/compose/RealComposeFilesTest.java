package dev.buildxlens.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.NamedContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real public Compose files (src/test/resources/compose/real, each with a SOURCE.md naming repository, path and
 * commit) read as Compose reads them. The expectations come from each SOURCE.md, reasoned from the compose-spec
 * before the reader ran.
 */
class RealComposeFilesTest {

    private static Path real(String path) {
        try {
            return Path.of(RealComposeFilesTest.class.getResource("/compose/real/" + path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource compose/real/" + path, e);
        }
    }

    private static ComposeProject read(ComposeRequest request) throws ComposeException {
        return ComposeReader.read(request);
    }

    private static ComposeProject read(String... files) throws ComposeException {
        return read(ComposeRequest.of(java.util.Arrays.stream(files).map(RealComposeFilesTest::real).toList()));
    }

    private static ComposeService service(ComposeProject project, String name) {
        return project.allServices().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name));
    }

    private static BuildSection build(ComposeProject project, String name) {
        return service(project, name).build().orElseThrow(() -> new AssertionError(name + " has no build"));
    }

    private static List<String> names(List<ComposeService> services) {
        return services.stream().map(ComposeService::name).toList();
    }

    @Test
    void docker_compose_build_dependencies_linked_with_a_service_context() throws Exception {
        ComposeProject project = read("compose-build-dependencies/compose.yaml");
        assertThat(project.name()).isEqualTo("compose-build-dependencies");
        assertThat(names(project.services())).containsExactly("base", "service");
        assertThat(build(project, "base").dockerfilePath()).isEqualTo("base.dockerfile");
        BuildSection service = build(project, "service");
        assertThat(service.context()).isEqualTo(".");
        assertThat(service.additionalContexts()).containsExactly(Map.entry("base", "service:base"));
        assertThat(service.serviceContexts()).containsExactly(Map.entry("base", "base"));
        assertThat(service(project, "service").dependsOn()).isEmpty();
        BuildSpec spec = service(project, "service").buildSpec().orElseThrow();
        assertThat(spec.dockerfile()).isEqualTo("service.dockerfile");
        assertThat(spec.contexts()).containsExactly(new NamedContext("base", "service:base"));
        assertThat(spec.tags()).containsExactly("compose-build-dependencies-service");
        assertThat(service(project, "base").imageName()).isEqualTo("compose-build-dependencies-base");
    }

    @Test
    void docker_compose_build_dependencies_classic_only_orders_with_depends_on() throws Exception {
        ComposeProject project = read("compose-build-dependencies/classic.yaml");
        assertThat(service(project, "base").imageName()).isEqualTo("base");
        ComposeService service = service(project, "service");
        assertThat(service.dependsOn()).containsExactly(new Dependency("base", "service_started", true, false));
        assertThat(service.build().orElseThrow().additionalContexts()).isEmpty();
        assertThat(service.positions().dependsOn()).singleElement().matches(p -> p.key().line() == 10
                && p.value().line() == 11 && p.style() == KeyPosition.Style.BLOCK_SEQUENCE);
        assertThat(service.positions().build()).singleElement().matches(p -> p.key().line() == 12 && p.value().line() == 13
                && p.value().column() == 6 && p.valueEndLine() == 14 && !p.shared() && !p.inherited());
        assertThat(service.positions().additionalContexts()).isEmpty();
    }

    @Test
    void docker_compose_multi_platform_builds_are_not_loaded() throws Exception {
        ComposeProject project = read("compose-build-platforms/compose.yaml");
        BuildSpec spec = service(project, "platforms").buildSpec().orElseThrow();
        assertThat(spec.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(spec.load()).isFalse();
        assertThat(spec.outputs()).containsExactly("type=image,push=false");
        assertThat(spec.tags()).containsExactly("build-test-platform:test");

        ComposeProject three = read("compose-build-platforms/compose-multiple-platform-builds.yaml");
        assertThat(names(three.services())).containsExactly("serviceA", "serviceB", "serviceC");
        assertThat(three.services()).extracting(s -> s.build().orElseThrow().context())
                .containsExactly("contextServiceA", "contextServiceB", "contextServiceC");
        assertThat(three.services()).extracting(ComposeService::imageName)
                .containsExactly("build-test-platform-a:test", "build-test-platform-b:test", "build-test-platform-c:test");
        assertThat(three.services()).allMatch(s -> s.build().orElseThrow().platforms().size() == 2);
    }

    @Test
    void docker_compose_multi_args_in_the_mapping_syntax() throws Exception {
        ComposeProject project = read("compose-build-multi-args/compose.yaml");
        BuildSection build = build(project, "multiargs");
        assertThat(build.args()).containsExactly(Map.entry("IMAGE", "alpine"), Map.entry("TAG", "latest"));
        assertThat(build.dockerfilePath()).isEqualTo("Dockerfile");
        assertThat(service(project, "multiargs").imageName()).isEqualTo("compose-build-multi-args-multiargs");
        assertThat(service(project, "multiargs").buildSpec().orElseThrow().load()).isTrue();
    }

    @Test
    void docker_compose_inline_dockerfiles_default_to_the_project_directory() throws Exception {
        ComposeProject project = read("compose-watch-rebuild-deps/rebuild-deps.yaml");
        BuildSection backend = build(project, "backend");
        assertThat(backend.context()).isEqualTo(".");
        assertThat(backend.dockerfile()).isEmpty();
        assertThat(backend.dockerfileInline()).isEqualTo("FROM nginx:alpine\nRUN echo \"backend_build_marker\" > /built\n");
        assertThat(service(project, "backend").buildSpec().orElseThrow().dockerfile()).isEmpty();
        assertThat(service(project, "frontend").dependsOn()).containsExactly(new Dependency("backend", "service_started", true, false));
    }

    @Test
    void sentry_self_hosted_anchors_dot_env_and_profiles() throws Exception {
        ComposeProject project = read("sentry-self-hosted/docker-compose.yml");
        assertThat(project.name()).isEqualTo("sentry-self-hosted");
        assertThat(project.profiles()).containsExactly("feature-complete");
        assertThat(project.services()).hasSize(57);
        assertThat(project.disabledServices()).isEmpty();
        List<ComposeService> sentryImage = project.services().stream()
                .filter(s -> s.imageName().equals("sentry-self-hosted-local")).toList();
        assertThat(names(sentryImage)).hasSize(19).contains("web", "events-consumer", "taskscheduler", "taskworker")
                .doesNotContain("sentry-cleanup");
        for (ComposeService service : sentryImage) {
            BuildSection build = service.build().orElseThrow();
            assertThat(build.context()).as(service.name()).isEqualTo("sentry");
            assertThat(build.args()).as(service.name()).containsExactly(Map.entry("SENTRY_IMAGE", "ghcr.io/getsentry/sentry:nightly"));
            assertThat(service.pullPolicy()).as(service.name()).isEqualTo("never");
            assertThat(service.positions().build()).as(service.name()).singleElement()
                    .matches(p -> p.key().line() == 50 && p.value().line() == 51 && p.value().column() == 4 && p.shared());
        }
        BuildSection cleanup = build(project, "sentry-cleanup");
        assertThat(cleanup.context()).isEqualTo("cron");
        assertThat(cleanup.args()).containsExactly(Map.entry("BASE_IMAGE", "sentry-self-hosted-local"));
        assertThat(service(project, "sentry-cleanup").imageName()).isEqualTo("sentry-cleanup-self-hosted-local");
        assertThat(service(project, "sentry-cleanup").positions().build()).singleElement()
                .matches(p -> p.key().line() == 600 && !p.shared());
        BuildSection clickhouse = build(project, "clickhouse");
        assertThat(clickhouse.context()).isEqualTo("clickhouse");
        assertThat(clickhouse.args()).containsOnlyKeys("BASE_IMAGE");
        assertThat(service(project, "clickhouse").imageName()).isEqualTo("clickhouse-self-hosted-local");
        assertThat(project.buildableServices()).hasSize(21);
        assertThat(service(project, "nginx").dependsOn()).containsExactly(new Dependency("web", "service_healthy", true, true),
                new Dependency("relay", "service_started", true, true));
        assertThat(service(project, "snuba-api").imageName()).as(".env's SNUBA_IMAGE").isEqualTo("ghcr.io/getsentry/snuba:nightly");
        assertThat(service(project, "web").dependsOn()).extracting(Dependency::service)
                .containsExactly("redis", "kafka", "pgbouncer", "memcached", "smtp", "seaweedfs", "snuba-api", "symbolicator");

        ComposeProject errorsOnly = read(ComposeRequest.of(real("sentry-self-hosted/docker-compose.yml"))
                .withProfiles(List.of("errors-only")));
        assertThat(errorsOnly.services()).hasSize(28);
        assertThat(errorsOnly.disabledServices()).hasSize(29).allMatch(s -> s.profiles().equals(List.of("feature-complete")));
    }

    @Test
    void example_voting_app_targets_and_the_seed_profile() throws Exception {
        ComposeProject project = read("example-voting-app/docker-compose.yml");
        assertThat(project.name()).isEqualTo("example-voting-app");
        assertThat(names(project.services())).containsExactly("vote", "result", "worker", "redis", "db");
        assertThat(names(project.disabledServices())).containsExactly("seed");
        assertThat(build(project, "vote").context()).isEqualTo("vote");
        assertThat(build(project, "vote").target()).isEqualTo("dev");
        assertThat(service(project, "vote").dependsOn()).containsExactly(new Dependency("redis", "service_healthy", true, false));
        assertThat(build(project, "result").dockerfilePath()).isEqualTo("result/Dockerfile");
        assertThat(service(project, "worker").dependsOn()).extracting(Dependency::condition)
                .containsExactly("service_healthy", "service_healthy");
        assertThat(project.buildableServices()).extracting(ComposeService::imageName)
                .containsExactly("example-voting-app-vote", "example-voting-app-result", "example-voting-app-worker");
        ComposeProject seeding = read(ComposeRequest.of(real("example-voting-app/docker-compose.yml")).withProfiles(List.of("seed")));
        assertThat(seeding.service("seed").orElseThrow().build().orElseThrow().context()).isEqualTo("seed-data");
        assertThat(read(ComposeRequest.of(real("example-voting-app/docker-compose.yml")).withServices(List.of("seed")))
                .service("seed")).as("naming the service enables its profile").isPresent();
    }

    @Test
    void awesome_compose_args_in_the_list_syntax_before_the_context() throws Exception {
        ComposeProject project = read("awesome-compose-react-express-mysql/compose.yaml");
        BuildSection backend = build(project, "backend");
        assertThat(backend.args()).containsExactly(Map.entry("NODE_ENV", "development"));
        assertThat(backend.context()).isEqualTo("backend");
        assertThat(backend.target()).isEqualTo("development");
        assertThat(service(project, "backend").positions().args()).singleElement().matches(p -> p.key().line() == 4
                && p.value().line() == 5 && p.value().column() == 6 && p.style() == KeyPosition.Style.BLOCK_SEQUENCE);
        assertThat(build(project, "frontend").context()).isEqualTo("frontend");
        assertThat(service(project, "frontend").dependsOn()).extracting(Dependency::service).containsExactly("backend");
        assertThat(service(project, "db").build()).isEmpty();
    }

    @Test
    void pycroft_extends_from_a_base_file_with_nested_extends() throws Exception {
        Path baseFile = real("pycroft/docker-compose.base.yml");
        ComposeProject project = read("pycroft/docker-compose.dev.yml");
        assertThat(project.name()).isEqualTo("pycroft");
        BuildSection base = build(project, "base");
        assertThat(base.context()).isEqualTo("docker/base");
        assertThat(base.dockerfilePath()).isEqualTo("docker/base.Dockerfile");
        assertThat(base.args()).containsExactly(Map.entry("UID", "1000"), Map.entry("GID", "1000"));
        assertThat(service(project, "base").imageName()).isEqualTo("agdsn/pycroft-base:latest");
        ComposeService devApp = service(project, "dev-app");
        assertThat(devApp.build().orElseThrow().context()).isEqualTo("docker/dev");
        assertThat(devApp.build().orElseThrow().dockerfilePath()).isEqualTo("docker/dev.Dockerfile");
        assertThat(devApp.build().orElseThrow().additionalContexts()).as("x-bake is bake's, not Compose's").isEmpty();
        assertThat(devApp.imageName()).isEqualTo("agdsn/pycroft-dev:latest");
        assertThat(devApp.positions().build()).singleElement().matches(p -> p.key().file().equals(baseFile)
                && p.key().line() == 14 && p.value().line() == 15 && p.value().column() == 6 && p.valueEndLine() == 19
                && p.inherited());
        assertThat(devApp.dependsOn()).containsExactly(new Dependency("dev-db", "service_healthy", true, false),
                new Dependency("dev-migrate", "service_completed_successfully", true, false),
                new Dependency("dev-ldap", "service_healthy", true, false),
                new Dependency("dev-mq", "service_healthy", true, false),
                new Dependency("dev-bundler", "service_started", true, false),
                new Dependency("dev-keycloak", "service_healthy", true, false));
        assertThat(build(project, "dev-db").context()).isEqualTo("docker/db");
        assertThat(service(project, "dev-db").imageName()).isEqualTo("pycroft-dev-db");
        assertThat(build(project, "dev-mail").context()).isEqualTo("docker");
        assertThat(build(project, "dev-mail").dockerfilePath()).isEqualTo("docker/mail.Dockerfile");
        assertThat(project.sources()).contains(baseFile);

        ComposeProject devAndTest = read("pycroft/docker-compose.dev.yml", "pycroft/docker-compose.test.yml");
        assertThat(devAndTest.service("base").orElseThrow().positions().service()).hasSize(2);
        assertThat(build(devAndTest, "test-app").dockerfilePath()).isEqualTo("docker/dev.Dockerfile");
        assertThat(names(devAndTest.services())).contains("dev-app", "test-app", "test-dummy-worker");

        ComposeProject prod = read("pycroft/docker-compose.prod.yml");
        BuildSection prodApp = build(prod, "prod-app");
        assertThat(prodApp.context()).isEqualTo(".");
        assertThat(prodApp.dockerfilePath()).isEqualTo("docker/prod.Dockerfile");
        assertThat(prodApp.additionalContexts()).isEmpty();
        assertThat(service(prod, "prod-app").imageName()).isEqualTo("agdsn/pycroft-prod:latest");
    }

    @Test
    void compose_go_include_then_extends_relative_to_each_file() throws Exception {
        ComposeProject project = read("compose-go-include-extends/compose.yaml");
        assertThat(names(project.services())).containsExactly("service");
        ComposeService service = service(project, "service");
        assertThat(service.build().orElseThrow().context()).isEqualTo("dir");
        assertThat(service.imageName()).isEqualTo("compose-go-include-extends-service");
        assertThat(service.positions().build()).singleElement().matches(p -> p.key().file()
                .equals(real("compose-go-include-extends/dir/extended.yaml")) && p.key().line() == 3 && p.inherited());
    }

    @Test
    void compose_go_include_with_a_project_directory() throws Exception {
        assertThat(build(read("compose-go-include/compose.yaml"), "included").context()).isEqualTo(".");
        BuildSection service = build(read("compose-go-include/project-directory.yaml"), "service");
        assertThat(service.context()).isEqualTo("../subdir");
        assertThat(service.dockerfileInline()).startsWith("FROM busybox\n");
    }
}
