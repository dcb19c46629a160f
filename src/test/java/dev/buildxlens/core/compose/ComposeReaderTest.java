package dev.buildxlens.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.NamedContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose's rules for reading a project: syntaxes, merging, profiles, extends, include, names and errors. */
class ComposeReaderTest {

    @TempDir
    Path root;

    private Path write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private ComposeProject read(ComposeRequest request) throws ComposeException {
        return ComposeReader.read(request);
    }

    private ComposeProject read(String path, String text) throws Exception {
        return read(ComposeRequest.of(write(path, text)));
    }

    private static ComposeService service(ComposeProject project, String name) {
        return project.allServices().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static BuildSection build(ComposeProject project, String name) {
        return service(project, name).build().orElseThrow();
    }

    // ---- build sections ----------------------------------------------------------------------------------------

    @Test
    void short_build_gets_compose_defaults_and_the_default_image_name() throws Exception {
        ComposeProject project = read("My_App.v2/compose.yaml", """
                services:
                  web:
                    build: ./web
                  db:
                    image: postgres:16
                """);
        assertThat(project.name()).as("lower-cased, only [a-z0-9_-]").isEqualTo("my_appv2");
        BuildSection web = build(project, "web");
        assertThat(web.context()).isEqualTo("web");
        assertThat(web.dockerfile()).isEqualTo("Dockerfile");
        assertThat(web.dockerfilePath()).isEqualTo("web/Dockerfile");
        assertThat(service(project, "web").imageName()).isEqualTo("my_appv2-web");
        assertThat(service(project, "db").imageName()).isEqualTo("postgres:16");
        assertThat(service(project, "db").build()).isEmpty();
        assertThat(project.services()).extracting(ComposeService::name).containsExactly("web", "db");
    }

    @Test
    void the_long_build_syntax_with_every_field() throws Exception {
        ComposeProject project = read("p/compose.yaml", """
                services:
                  app:
                    image: ghcr.io/acme/app:${TAG:-dev}
                    pull_policy: if_not_present
                    build:
                      context: ../shared
                      dockerfile: docker/App.Dockerfile
                      target: runtime
                      platforms: [linux/amd64, linux/arm64]
                      tags: [acme/app:extra]
                      cache_from: [type=gha]
                      cache_to: ["type=gha,mode=max"]
                      pull: true
                      no_cache: "yes"
                      network: host
                      args:
                        PYTHON_VERSION: 3.10
                        NODE: 18
                        QUOTED: "3.10"
                      additional_contexts:
                        base: service:base
                        img: docker-image://alpine:3.20
                        oci: oci-layout:///tmp/layout
                        repo: https://github.com/acme/repo.git#main
                        local: ./vendor
                  base:
                    build:
                      context: .
                      dockerfile_inline: |
                        FROM alpine
                """);
        ComposeService app = service(project, "app");
        assertThat(app.image()).isEqualTo("ghcr.io/acme/app:dev");
        assertThat(app.pullPolicy()).isEqualTo("missing");
        BuildSection build = app.build().orElseThrow();
        assertThat(build.context()).isEqualTo("../shared");
        assertThat(build.dockerfilePath()).isEqualTo("../shared/docker/App.Dockerfile");
        assertThat(build.target()).isEqualTo("runtime");
        assertThat(build.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(build.tags()).containsExactly("acme/app:extra");
        assertThat(build.cacheFrom()).containsExactly("type=gha");
        assertThat(build.cacheTo()).containsExactly("type=gha,mode=max");
        assertThat(build.pull()).isTrue();
        assertThat(build.noCache()).as("Compose casts yes to true").isTrue();
        assertThat(build.network()).isEqualTo("host");
        assertThat(build.args()).as("an unquoted 3.10 is a YAML float").containsExactly(Map.entry("PYTHON_VERSION", "3.1"),
                Map.entry("NODE", "18"), Map.entry("QUOTED", "3.10"));
        assertThat(build.additionalContexts()).containsExactly(Map.entry("base", "service:base"),
                Map.entry("img", "docker-image://alpine:3.20"), Map.entry("oci", "oci-layout:///tmp/layout"),
                Map.entry("repo", "https://github.com/acme/repo.git#main"), Map.entry("local", "vendor"));
        assertThat(build.serviceContexts()).containsExactly(Map.entry("base", "base"));
        BuildSection base = build(project, "base");
        assertThat(base.dockerfile()).as("no default Dockerfile next to an inline one").isEmpty();
        assertThat(base.dockerfileInline()).isEqualTo("FROM alpine\n");
        assertThat(base.dockerfilePath()).isEmpty();
    }

    @Test
    void list_syntax_of_args_and_contexts_and_keys_without_values() throws Exception {
        ComposeProject project = read(ComposeRequest.of(write("p/compose.yaml", """
                services:
                  app:
                    build:
                      args:
                        - GIT_COMMIT=cdc3b19
                        - FROM_SHELL
                        - NOT_SET
                        - WITH_EQUALS=a=b
                      additional_contexts:
                        - base=service:base
                        - assets=../assets
                  base:
                    build:
                      args:
                        FROM_SHELL:
                        UNSET_TOO:
                """)).withEnvironment(Map.of("FROM_SHELL", "shell-value")));
        BuildSection app = build(project, "app");
        assertThat(app.args()).as("KEY alone takes the environment's value, or is left out")
                .containsExactly(Map.entry("GIT_COMMIT", "cdc3b19"), Map.entry("FROM_SHELL", "shell-value"),
                        Map.entry("WITH_EQUALS", "a=b"));
        assertThat(app.additionalContexts()).containsExactly(Map.entry("base", "service:base"), Map.entry("assets", "../assets"));
        assertThat(build(project, "base").args()).containsExactly(Map.entry("FROM_SHELL", "shell-value"));
    }

    @Test
    void depends_on_in_both_syntaxes_with_compose_defaults() throws Exception {
        ComposeProject project = read("p/compose.yaml", """
                services:
                  web:
                    image: web
                    depends_on: [db, cache]
                  worker:
                    image: worker
                    depends_on:
                      db:
                        condition: service_healthy
                        restart: true
                      cache:
                        required: false
                  db: {image: postgres}
                  cache: {image: redis}
                """);
        assertThat(service(project, "web").dependsOn()).containsExactly(new Dependency("db", "service_started", true, false),
                new Dependency("cache", "service_started", true, false));
        assertThat(service(project, "worker").dependsOn()).containsExactly(new Dependency("db", "service_healthy", true, true),
                new Dependency("cache", "service_started", false, false));
    }

    // ---- merging ------------------------------------------------------------------------------------------------

    @Test
    void several_files_merge_as_compose_does() throws Exception {
        Path base = write("p/compose.yaml", """
                services:
                  app:
                    image: app:base
                    build: .
                    depends_on: [db]
                    profiles: [dev]
                  db:
                    image: postgres
                """);
        Path override = write("p/overrides/prod.yaml", """
                services:
                  app:
                    image: app:prod
                    build:
                      dockerfile: Dockerfile.prod
                      args: [A=override, C=3]
                      platforms: [linux/arm64]
                      additional_contexts:
                        - extra=./extra
                    depends_on:
                      cache:
                        condition: service_healthy
                    profiles: [dev, prod]
                  cache:
                    image: redis
                """);
        Path third = write("p/third.yaml", """
                services:
                  app:
                    build:
                      args: {A: third, B: 2}
                      platforms: [linux/amd64]
                """);
        ComposeProject project = read(new ComposeRequest(List.of(base, override, third), null, Map.of(), List.of("dev"), List.of(), ""));
        ComposeService app = service(project, "app");
        assertThat(app.image()).as("a scalar is replaced").isEqualTo("app:prod");
        BuildSection build = app.build().orElseThrow();
        assertThat(build.context()).as("build: . merged with the long syntax").isEqualTo(".");
        assertThat(build.dockerfile()).isEqualTo("Dockerfile.prod");
        assertThat(build.args()).as("KEY=VALUE lists whatever the syntax; a later key wins in place")
                .containsExactly(Map.entry("A", "third"), Map.entry("C", "3"), Map.entry("B", "2"));
        assertThat(build.platforms()).as("sequences append").containsExactly("linux/arm64", "linux/amd64");
        assertThat(build.additionalContexts()).as("paths of every file are relative to the project directory")
                .containsExactly(Map.entry("extra", "extra"));
        assertThat(app.dependsOn()).extracting(Dependency::service).containsExactly("db", "cache");
        assertThat(app.profiles()).containsExactly("dev", "prod");
        assertThat(project.services()).extracting(ComposeService::name).containsExactly("app", "db", "cache");
        assertThat(app.positions().service()).extracting(p -> p.key().file()).containsExactly(base, override, third);
        assertThat(app.positions().platforms()).extracting(p -> p.key().file() + ":" + p.key().line())
                .containsExactly(override + ":7", third + ":5");
    }

    @Test
    void reset_removes_and_override_replaces() throws Exception {
        Path base = write("p/compose.yaml", """
                services:
                  app:
                    build:
                      context: .
                      platforms: [linux/amd64, linux/arm64]
                      args: {A: "1", B: "2"}
                    pull_policy: always
                """);
        Path override = write("p/compose.override.yaml", """
                services:
                  app:
                    build:
                      platforms: !override [linux/riscv64]
                      args: !reset {}
                    pull_policy: !reset null
                """);
        ComposeService app = service(read(ComposeRequest.of(base, override)), "app");
        assertThat(app.build().orElseThrow().platforms()).containsExactly("linux/riscv64");
        assertThat(app.build().orElseThrow().args()).isEmpty();
        assertThat(app.pullPolicy()).isEmpty();
        assertThat(app.positions().pullPolicy()).isEmpty();
        assertThat(app.positions().platforms()).as("an override starts the definitions again").hasSize(1)
                .allMatch(p -> p.key().file().equals(override));
    }

    @Test
    void reset_in_a_service_that_extends_drops_the_inherited_key() throws Exception {
        ComposeProject project = read("p/compose.yaml", """
                services:
                  init:
                    build:
                      context: ./init
                      platforms: [linux/amd64]
                    pull_policy: always
                  base:
                    extends: { service: init }
                    pull_policy: !reset
                    build:
                      platforms: !override [linux/arm64]
                """);
        ComposeService base = service(project, "base");
        assertThat(base.pullPolicy()).isEmpty();
        assertThat(base.build().orElseThrow().context()).isEqualTo("init");
        assertThat(base.build().orElseThrow().platforms()).containsExactly("linux/arm64");
        assertThat(service(project, "init").pullPolicy()).as("the extended service keeps its own").isEqualTo("always");

        Path first = write("q/compose.yaml", "services:\n  web:\n    build: .\n    pull_policy: build\n");
        Path second = write("q/override.yaml", """
                services:
                  base:
                    image: base
                    pull_policy: always
                  web:
                    extends: base
                    pull_policy: !reset
                """);
        assertThat(service(read(ComposeRequest.of(first, second)), "web").pullPolicy())
                .as("the reset also clears what earlier files set").isEmpty();
    }

    @Test
    void windows_line_endings_keep_lines_and_columns() throws Exception {
        Path file = write("p/compose.yaml", "services:\r\n  app:\r\n    build:\r\n      context: .\r\n"
                + "      platforms:\r\n        - linux/amd64\r\n");
        ServicePositions positions = service(read(ComposeRequest.of(file)), "app").positions();
        assertThat(positions.platforms()).singleElement().matches(p -> p.key().line() == 5 && p.key().column() == 6
                && p.value().line() == 6 && p.value().column() == 8 && p.valueEndLine() == 6);
    }

    @Test
    void multiple_documents_in_one_file_merge_in_order() throws Exception {
        ComposeProject project = read("p/compose.yaml", """
                services:
                  app:
                    image: first
                    build: .
                ---
                services:
                  app:
                    image: second
                """);
        assertThat(service(project, "app").image()).isEqualTo("second");
    }

    // ---- environment, names, profiles ----------------------------------------------------------------------------

    @Test
    void dot_env_fills_what_the_environment_lacks_and_feeds_interpolation_and_profiles() throws Exception {
        write("p/.env", "TAG=from-dotenv\nREGISTRY=from-dotenv\nCOMPOSE_PROFILES=tools\n");
        Path file = write("p/compose.yaml", """
                services:
                  app:
                    image: ${REGISTRY}/app:${TAG}
                    build: .
                  tool:
                    image: tool
                    profiles: [tools]
                """);
        ComposeProject project = read(ComposeRequest.of(file).withEnvironment(Map.of("REGISTRY", "shell")));
        assertThat(service(project, "app").image()).as("the shell wins over .env").isEqualTo("shell/app:from-dotenv");
        assertThat(project.profiles()).containsExactly("tools");
        assertThat(project.services()).extracting(ComposeService::name).containsExactly("app", "tool");
        assertThat(project.sources()).contains(root.resolve("p/.env"));
    }

    @Test
    void project_name_precedence_is_flag_then_variable_then_name_then_directory() throws Exception {
        Path file = write("Dir Name/compose.yaml", """
                name: From-YAML_${SUFFIX:-x}
                services:
                  app:
                    build: .
                    image: ${COMPOSE_PROJECT_NAME}-image
                """);
        assertThat(read(ComposeRequest.of(file)).name()).isEqualTo("from-yaml_x");
        assertThat(read(ComposeRequest.of(file)).service("app").orElseThrow().image())
                .as("COMPOSE_PROJECT_NAME is set for interpolation").isEqualTo("from-yaml_x-image");
        assertThat(read(ComposeRequest.of(file).withEnvironment(Map.of("COMPOSE_PROJECT_NAME", "fromenv"))).name())
                .as("the variable beats name:").isEqualTo("fromenv");
        assertThat(read(ComposeRequest.of(file).withEnvironment(Map.of("COMPOSE_PROJECT_NAME", "fromenv")).withProjectName("flag")).name())
                .isEqualTo("flag");
        assertThatThrownBy(() -> read(ComposeRequest.of(file).withEnvironment(Map.of("COMPOSE_PROJECT_NAME", "Bad Name"))))
                .isInstanceOf(ComposeException.class).hasMessageStartingWith("invalid project name \"Bad Name\"");
        Path unnamed = write("Dir Name/other.yaml", "services:\n  app:\n    build: .\n");
        assertThat(read(ComposeRequest.of(unnamed)).name()).isEqualTo("dirname");
        assertThat(read(ComposeRequest.of(unnamed)).service("app").orElseThrow().imageName()).isEqualTo("dirname-app");
    }

    @Test
    void profiles_enable_services_and_a_named_service_brings_its_profiles() throws Exception {
        Path file = write("p/compose.yaml", """
                services:
                  foo: {image: foo}
                  bar: {image: bar, profiles: [test]}
                  baz: {image: baz, depends_on: [bar], profiles: [test]}
                  zot: {image: zot, depends_on: [bar], profiles: [debug]}
                """);
        ComposeProject none = read(ComposeRequest.of(file));
        assertThat(none.services()).extracting(ComposeService::name).containsExactly("foo");
        assertThat(none.disabledServices()).extracting(ComposeService::name).containsExactly("bar", "baz", "zot");
        assertThat(read(ComposeRequest.of(file).withProfiles(List.of("test"))).services())
                .extracting(ComposeService::name).containsExactly("foo", "bar", "baz");
        assertThat(read(ComposeRequest.of(file).withServices(List.of("baz"))).services())
                .as("naming baz activates test, which enables bar too").extracting(ComposeService::name)
                .containsExactly("foo", "bar", "baz");
        assertThat(read(ComposeRequest.of(file).withProfiles(List.of("*"))).services()).hasSize(4);
        assertThatThrownBy(() -> read(ComposeRequest.of(file).withProfiles(List.of("debug"))))
                .as("the spec's invalid model: zot depends on a disabled service")
                .hasMessage(file + ":5: service \"zot\" depends on undefined service \"bar\" (its profiles are not active)");
        assertThatThrownBy(() -> read(ComposeRequest.of(file).withServices(List.of("nope")))).hasMessage("no such service: nope");
    }

    // ---- extends -----------------------------------------------------------------------------------------------

    @Test
    void extends_in_the_same_file_merges_the_base_under_the_service() throws Exception {
        ComposeProject project = read("p/compose.yaml", """
                services:
                  base:
                    build:
                      context: ./app
                      args: {A: base, B: base}
                      platforms: [linux/amd64]
                  common:
                    extends: base
                    build:
                      args: [B=common]
                  web:
                    extends:
                      service: common
                    build:
                      platforms: [linux/arm64]
                      additional_contexts: {base: "service:base"}
                """);
        BuildSection web = build(project, "web");
        assertThat(web.context()).isEqualTo("app");
        assertThat(web.args()).containsExactly(Map.entry("A", "base"), Map.entry("B", "common"));
        assertThat(web.platforms()).containsExactly("linux/amd64", "linux/arm64");
        ServicePositions positions = service(project, "web").positions();
        assertThat(positions.platforms()).extracting(p -> p.key().line() + (p.inherited() ? " inherited" : ""))
                .containsExactly("6 inherited", "15");
        assertThat(positions.context()).singleElement().matches(KeyPosition::inherited).matches(p -> p.key().line() == 4);
        assertThat(positions.additionalContexts()).singleElement().matches(p -> !p.inherited() && p.key().line() == 16);
    }

    @Test
    void extends_from_another_file_resolves_its_paths_from_that_file() throws Exception {
        write("p/common/base.yaml", """
                services:
                  webapp:
                    build:
                      context: ./webapp
                      dockerfile: ../Dockerfile.web
                      additional_contexts:
                        assets: ../assets
                        img: docker-image://node:20
                  root:
                    extends:
                      file: ../root.yaml
                      service: origin
                """);
        write("p/root.yaml", """
                services:
                  origin:
                    build: ./origin
                """);
        ComposeProject project = read("p/compose.yaml", """
                services:
                  web:
                    extends:
                      file: common/base.yaml
                      service: webapp
                    image: web:1
                  other:
                    extends: {file: common/base.yaml, service: root}
                """);
        BuildSection web = build(project, "web");
        assertThat(web.context()).isEqualTo("common/webapp");
        assertThat(web.dockerfile()).as("relative to the context, untouched").isEqualTo("../Dockerfile.web");
        assertThat(web.dockerfilePath()).isEqualTo("common/Dockerfile.web");
        assertThat(web.additionalContexts()).containsExactly(Map.entry("assets", "assets"), Map.entry("img", "docker-image://node:20"));
        assertThat(service(project, "web").positions().build()).singleElement()
                .matches(p -> p.inherited() && p.key().file().equals(root.resolve("p/common/base.yaml")) && p.key().line() == 3);
        assertThat(build(project, "other").context()).as("nested extends, each relative to its file").isEqualTo("origin");
        assertThat(project.sources()).contains(root.resolve("p/common/base.yaml"), root.resolve("p/root.yaml"));
    }

    @Test
    void extends_errors_name_the_place() throws Exception {
        Path loop = write("p/loop.yaml", """
                services:
                  a:
                    extends: b
                    image: a
                  b:
                    extends: a
                """);
        assertThatThrownBy(() -> read(ComposeRequest.of(loop))).isInstanceOf(ComposeException.class)
                .hasMessageStartingWith(loop + ":3: extends loop: \"a\" in " + loop + " extends \"b\" in " + loop + " extends \"a\"");
        Path missing = write("p/missing.yaml", "services:\n  a:\n    extends: nope\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(missing)))
                .hasMessage(missing + ":3: cannot extend service \"a\": service \"nope\" not found in " + missing);
        Path noFile = write("p/nofile.yaml", "services:\n  a:\n    extends:\n      file: gone.yaml\n      service: x\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(noFile)))
                .hasMessage(noFile + ":4: cannot extend service \"a\": " + root.resolve("p/gone.yaml") + " not found");
    }

    // ---- include -----------------------------------------------------------------------------------------------

    @Test
    void include_loads_a_project_of_its_own_and_adds_its_services() throws Exception {
        write("p/lib/.env", "LIB_TAG=from-lib-env\nSHARED=lib\n");
        write("p/lib/compose.yaml", """
                services:
                  lib:
                    image: lib:${LIB_TAG}-${SHARED}
                    build:
                      dockerfile: lib.Dockerfile
                  api:
                    build: ./api
                """);
        Path main = write("p/compose.yaml", """
                include:
                  - lib/compose.yaml
                services:
                  web:
                    build:
                      context: .
                      additional_contexts: {lib: "service:lib"}
                  api:
                    image: api:local
                """);
        ComposeProject project = read(ComposeRequest.of(main).withEnvironment(Map.of("SHARED", "shell")));
        assertThat(project.services()).extracting(ComposeService::name).as("own services first").containsExactly("web", "api", "lib");
        ComposeService lib = service(project, "lib");
        assertThat(lib.image()).as("the included .env, under the including environment").isEqualTo("lib:from-lib-env-shell");
        assertThat(lib.build().orElseThrow().context()).as("the included project's directory by default").isEqualTo("lib");
        assertThat(lib.build().orElseThrow().dockerfilePath()).isEqualTo("lib/lib.Dockerfile");
        ComposeService api = service(project, "api");
        assertThat(api.image()).as("the including file's definition is merged on top").isEqualTo("api:local");
        assertThat(api.build().orElseThrow().context()).isEqualTo("lib/api");
        assertThat(project.warnings()).extracting(ComposeWarning::kind).containsExactly(ComposeWarning.Kind.INCLUDED_SERVICE_REDEFINED);
        assertThat(lib.positions().service()).singleElement().matches(p -> p.key().file().equals(root.resolve("p/lib/compose.yaml")));
    }

    @Test
    void an_include_cycle_is_an_error() throws Exception {
        write("p/b.yaml", "include: [a.yaml]\nservices:\n  b: {image: b}\n");
        Path a = write("p/a.yaml", "include: [b.yaml]\nservices:\n  a: {image: a}\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(a))).isInstanceOf(ComposeException.class)
                .hasMessageStartingWith(root.resolve("p/b.yaml") + ":1: include cycle: " + a + " includes " + root.resolve("p/b.yaml")
                        + " includes " + a);
    }

    // ---- anchors and positions ---------------------------------------------------------------------------------

    @Test
    void anchors_merge_keys_and_aliases_give_values_and_shared_positions() throws Exception {
        Path file = write("p/compose.yaml", """
                x-build: &default-build
                  context: .
                  platforms:
                    - linux/amd64
                  args:
                    COMMON: "1"

                x-pull: &pull always

                services:
                  api:
                    build:
                      <<: *default-build
                      dockerfile: api.Dockerfile
                      args:
                        COMMON: "2"
                    pull_policy: *pull
                  worker:
                    build: *default-build
                  solo:
                    build:
                      context: ./solo
                      additional_contexts:
                        base: service:api
                """);
        ComposeProject project = read(ComposeRequest.of(file));
        BuildSection api = build(project, "api");
        assertThat(api.dockerfile()).isEqualTo("api.Dockerfile");
        assertThat(api.args()).as("a key written next to << wins").containsExactly(Map.entry("COMMON", "2"));
        assertThat(api.platforms()).containsExactly("linux/amd64");
        assertThat(service(project, "api").pullPolicy()).isEqualTo("always");
        ServicePositions apiAt = service(project, "api").positions();
        assertThat(apiAt.build()).singleElement().matches(p -> p.key().line() == 12 && p.value().line() == 13
                && p.value().column() == 6 && p.valueEndLine() == 16 && p.style() == KeyPosition.Style.BLOCK_MAPPING && !p.shared());
        assertThat(apiAt.platforms()).as("from the anchor, written once for several services").singleElement()
                .matches(p -> p.key().line() == 3 && p.value().line() == 4 && p.value().column() == 4
                        && p.style() == KeyPosition.Style.BLOCK_SEQUENCE && p.shared());
        assertThat(apiAt.args()).singleElement().matches(p -> p.key().line() == 15 && !p.shared());
        assertThat(apiAt.pullPolicy()).singleElement().matches(p -> p.key().line() == 17 && p.value().line() == 8 && p.shared());
        ServicePositions workerAt = service(project, "worker").positions();
        assertThat(workerAt.build()).singleElement().matches(p -> p.key().line() == 19 && p.value().line() == 2 && p.shared());
        assertThat(build(project, "worker").platforms()).containsExactly("linux/amd64");
        ServicePositions soloAt = service(project, "solo").positions();
        assertThat(soloAt.service()).singleElement().matches(p -> p.key().line() == 20 && p.key().column() == 2);
        assertThat(soloAt.additionalContexts()).singleElement().matches(p -> p.key().line() == 23 && p.key().column() == 6
                && p.value().line() == 24 && p.value().column() == 8 && p.valueEndLine() == 24 && !p.shared());
        assertThat(soloAt.platforms()).isEmpty();
    }

    @Test
    void flow_and_scalar_styles_are_reported() throws Exception {
        ComposeProject project = read("p/compose.yaml", """
                services:
                  a:
                    build: ./a
                    pull_policy: "build"
                  b:
                    build: {context: ., platforms: [linux/amd64,
                      linux/arm64]}
                """);
        ServicePositions a = service(project, "a").positions();
        assertThat(a.build()).singleElement().matches(p -> p.style() == KeyPosition.Style.SCALAR && p.value().column() == 11);
        assertThat(a.pullPolicy()).singleElement().matches(p -> p.style() == KeyPosition.Style.SCALAR);
        ServicePositions b = service(project, "b").positions();
        assertThat(b.build()).singleElement().matches(p -> p.style() == KeyPosition.Style.FLOW_MAPPING && p.valueEndLine() == 7);
        assertThat(b.platforms()).singleElement().matches(p -> p.style() == KeyPosition.Style.FLOW_SEQUENCE
                && p.key().line() == 6 && p.valueEndLine() == 7);
    }

    // ---- build spec --------------------------------------------------------------------------------------------

    @Test
    void a_service_build_becomes_the_build_compose_hands_to_bake() throws Exception {
        ComposeProject project = read("shop/compose.yaml", """
                services:
                  api:
                    build:
                      context: ./api
                      dockerfile: Dockerfile.prod
                      args: {VERSION: "2"}
                      target: prod
                      tags: [registry.local/api:2]
                      cache_to: [type=inline]
                      pull: true
                      additional_contexts:
                        base: service:base
                  multi:
                    image: acme/multi
                    build:
                      platforms: [linux/amd64, linux/arm64]
                  base:
                    build: ./base
                """);
        BuildSpec api = service(project, "api").buildSpec().orElseThrow();
        assertThat(api.contextDir()).isEqualTo("api");
        assertThat(api.dockerfile()).isEqualTo("api/Dockerfile.prod");
        assertThat(api.buildArgs()).containsExactly(Map.entry("VERSION", "2"));
        assertThat(api.contexts()).containsExactly(new NamedContext("base", "service:base"));
        assertThat(api.target()).isEqualTo("prod");
        assertThat(api.tags()).containsExactly("registry.local/api:2", "shop-api");
        assertThat(api.cacheTo()).containsExactly("type=inline");
        assertThat(api.pull()).isTrue();
        assertThat(api.load()).as("one platform: loaded into the image store").isTrue();
        BuildSpec multi = service(project, "multi").buildSpec().orElseThrow();
        assertThat(multi.load()).isFalse();
        assertThat(multi.outputs()).containsExactly("type=image,push=false");
        assertThat(multi.tags()).containsExactly("acme/multi");
        assertThat(multi.dockerfile()).isEqualTo("Dockerfile");
        assertThat(multi.contextDir()).isEqualTo(".");
    }

    // ---- errors ------------------------------------------------------------------------------------------------

    @Test
    void bad_input_is_a_compose_exception_with_file_and_line() throws Exception {
        Path yaml = write("p/bad.yaml", "services:\n  app:\n    image: [unclosed\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(yaml))).isInstanceOf(ComposeException.class)
                .hasMessageStartingWith(yaml + ":4: invalid YAML:");
        Path duplicate = write("p/dup.yaml", "services:\n  app:\n    image: a\n    image: b\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(duplicate)))
                .hasMessage(duplicate + ":4: mapping key \"image\" already defined at line 3");
        Path interpolation = write("p/interp.yaml", "services:\n  app:\n    image: ${REGISTRY:?set the registry}/app\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(interpolation)))
                .hasMessage(interpolation + ":3: services.app.image: required variable REGISTRY is missing a value: set the registry");
        Path syntax = write("p/syntax.yaml", "services:\n  app:\n    build:\n      args:\n        - X=${A/b}\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(syntax)))
                .hasMessageStartingWith(syntax + ":5: services.app.build.args[0]: invalid interpolation format in \"X=${A/b}\"");
        assertThatThrownBy(() -> read(ComposeRequest.of(root.resolve("p/none.yaml"))))
                .hasMessage(root.resolve("p/none.yaml") + ": no such file");
        Path empty = write("p/empty.yaml", "# nothing\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(empty))).hasMessage(empty + ": empty compose file");
        Path neither = write("p/neither.yaml", "services:\n  app:\n    command: run\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(neither)))
                .hasMessage(neither + ":2: service \"app\" has neither an image nor a build context specified");
        Path both = write("p/both.yaml", "services:\n  app:\n    build:\n      dockerfile: D\n      dockerfile_inline: FROM x\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(both))).hasMessage(both
                + ":4: services.app.build sets both dockerfile and dockerfile_inline, which Compose refuses");
        Path badContext = write("p/ctx.yaml", "services:\n  app:\n    build:\n      additional_contexts: [base]\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(badContext)))
                .hasMessage(badContext + ":4: services.app.build.additional_contexts: invalid value base, expected key=value");
        Path unknown = write("p/unknown.yaml", "services:\n  app:\n    build:\n      additional_contexts: {b: \"service:nope\"}\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(unknown)))
                .hasMessage(unknown + ":2: service \"app\" declares unknown service \"nope\" as additional context b");
        Path imageOnly = write("p/imageonly.yaml", "services:\n  app:\n    build:\n      additional_contexts: {b: \"service:db\"}\n  db: {image: x}\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(imageOnly)))
                .hasMessage(imageOnly + ":2: service \"app\" declares non-buildable service \"db\" as additional context b");
        Path cycle = write("p/cycle.yaml", "services:\n  a: {image: a, depends_on: [b]}\n  b: {image: b, depends_on: [a]}\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(cycle))).hasMessage(cycle + ":2: dependency cycle detected: a -> b -> a");
        Path bool = write("p/bool.yaml", "services:\n  app:\n    build:\n      pull: maybe\n");
        assertThatThrownBy(() -> read(ComposeRequest.of(bool))).hasMessage(bool + ":4: services.app.build.pull: invalid boolean maybe");
    }

    @Test
    void alias_bombs_stop_at_a_limit() throws Exception {
        StringBuilder text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            text.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                text.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            text.append("]\n");
        }
        text.append("services:\n  app: {image: x}\n");
        Path bomb = write("p/bomb.yaml", text.toString());
        assertThatThrownBy(() -> read(ComposeRequest.of(bomb))).isInstanceOf(ComposeException.class)
                .hasMessageContaining("expands to more than 100000 YAML nodes through aliases");
    }

    @Test
    void unset_variables_are_warnings_with_their_place() throws Exception {
        Path file = write("p/compose.yaml", "services:\n  app:\n    image: ${REGISTRY}/app\n    build: .\n");
        ComposeProject project = read(ComposeRequest.of(file));
        assertThat(service(project, "app").image()).isEqualTo("/app");
        assertThat(project.warnings()).containsExactly(new ComposeWarning(ComposeWarning.Kind.UNSET_VARIABLE,
                new SourcePosition(file, 3, 11), "REGISTRY", "The \"REGISTRY\" variable is not set. Defaulting to a blank string."));
    }

    @Test
    void default_files_are_found_like_compose_finds_them() throws Exception {
        write("d/docker-compose.yml", "services: {}\n");
        write("d/compose.yaml", "services: {}\n");
        write("d/docker-compose.override.yml", "services: {}\n");
        assertThat(ComposeReader.defaultFiles(root.resolve("d")))
                .containsExactly(root.resolve("d/compose.yaml"), root.resolve("d/docker-compose.override.yml"));
        assertThat(ComposeReader.defaultFiles(root.resolve("p"))).isEmpty();
    }
}
