package dev.buildxlens.core.bake;

import dev.buildxlens.core.dockerfile.ContextKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.NamedContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real public bake files (src/test/resources/bake/real/NAME, each with a SOURCE.md) and what bake resolves them to.
 * Every expectation is reasoned from buildx's rules: inherits merge in order with the target's own attributes last,
 * tags/platforms/output replace while args/labels/contexts merge key by key, a null value leaves an attribute unset,
 * an untyped variable takes an environment override as a string and a bool/number one as its type, a matrix label
 * becomes a group of the generated names, {@code --set} applies to each resolved target.
 */
class BakeRealFilesTest {

    private static final Path REAL = Path.of("src/test/resources/bake/real");
    private static final Clock MARCH_4 = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

    private static BakeOptions options(Map<String, String> environment) {
        return new BakeOptions(environment, Map.of(), "cwd://", "linux/amd64", MARCH_4, "/home/dev");
    }

    private static BakeDefinition read(String fixture, List<String> files, Map<String, String> environment) throws BakeException {
        return new BakeReader().read(REAL.resolve(fixture), files, options(environment));
    }

    private static BakeResolution resolve(String fixture, List<String> targets) throws BakeException {
        return read(fixture, List.of(), Map.of()).resolve(targets);
    }

    private static BakeTarget target(BakeResolution resolution, String name) {
        return resolution.target(name).orElseThrow(() -> new AssertionError("no target " + name + " in "
                + resolution.targets().stream().map(BakeTarget::name).toList()));
    }

    @Test
    void buildx_default_builds_binaries_with_null_args_left_out_and_numbers_as_strings() throws Exception {
        BakeResolution plan = resolve("buildx", List.of());
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("binaries");
        BakeTarget binaries = target(plan, "binaries");
        // _common's GO_VERSION = GO_VERSION is null (default = null): not an arg at all.
        assertThat(binaries.args()).containsExactly(entry("BUILDKIT_CONTEXT_KEEP_GIT_DIR", "1"));
        assertThat(binaries.target()).isEqualTo("binaries");
        assertThat(binaries.outputs()).containsExactly("./bin/build");
        assertThat(binaries.platforms()).containsExactly("local");
        assertThat(binaries.context()).isEqualTo(".");
        assertThat(binaries.dockerfile()).isEqualTo("Dockerfile");
        // "local" is the client's platform once it becomes a build.
        assertThat(binaries.toBuild("linux/arm64").spec().platforms()).containsExactly("linux/arm64");
    }

    @Test
    void buildx_environment_fills_null_variables_and_switches_the_lint_platforms() throws Exception {
        BakeDefinition bake = read("buildx", List.of(), Map.of("GO_VERSION", "1.23", "GOLANGCI_LINT_MULTIPLATFORM", "1"));
        BakeResolution plan = bake.resolve(List.of("binaries", "lint", "image-local", "release", "integration-test-base"));
        assertThat(target(plan, "binaries").args()).containsEntry("GO_VERSION", "1.23");
        assertThat(target(plan, "lint").platforms()).hasSize(15).startsWith("darwin/amd64").endsWith("windows/arm64");
        assertThat(target(plan, "lint").args()).containsEntry("GOLANGCI_FROM_SOURCE", "true");
        BakeTarget imageLocal = target(plan, "image-local");
        assertThat(imageLocal.tags()).containsExactly("docker/buildx-bin:local");
        assertThat(imageLocal.outputs()).containsExactly("type=docker");
        assertThat(imageLocal.target()).isEqualTo("binaries");
        assertThat(target(plan, "release").platforms()).hasSize(17);
        assertThat(target(plan, "release").outputs()).containsExactly("./bin/release");
        // GO_EXTRA_FLAGS = TEST_COVERAGE == "1" ? ... : null and BUILDKIT_VERSION = null are left out; "" stays.
        assertThat(target(plan, "integration-test-base").args()).containsOnlyKeys("BUILDKIT_CONTEXT_KEEP_GIT_DIR", "GO_VERSION",
                "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY").containsEntry("HTTP_PROXY", "");
        assertThat(read("buildx", List.of(), Map.of()).resolve(List.of("lint")).targets().get(0).platforms()).isEmpty();
    }

    @Test
    void buildkit_function_and_variable_defaults_give_the_output_directory() throws Exception {
        BakeTarget binaries = target(resolve("buildkit", List.of()), "binaries");
        assertThat(binaries.outputs()).containsExactly("./bin/build");
        assertThat(binaries.args()).containsExactly(entry("BUILDKIT_CONTEXT_KEEP_GIT_DIR", "1"));
        BakeTarget withDestdir = target(read("buildkit", List.of(), Map.of("DESTDIR", "/out")).resolve(List.of("binaries")), "binaries");
        assertThat(withDestdir.outputs()).containsExactly("/out");
    }

    @Test
    void buildkit_integration_tests_link_their_binaries_only_when_the_contexts_differ() throws Exception {
        BakeTarget same = target(resolve("buildkit", List.of("integration-tests")), "integration-tests");
        assertThat(same.contexts()).isEmpty();
        assertThat(same.outputs()).containsExactly("type=docker,name=buildkit-tests");
        assertThat(same.target()).isEqualTo("integration-tests");

        // TEST_BINARIES_CONTEXT defaults to TEST_CONTEXT: setting only TEST_CONTEXT keeps them equal.
        BakeResolution onlyContext = read("buildkit", List.of(), Map.of("TEST_CONTEXT", "ctx")).resolve(List.of("integration-tests"));
        assertThat(onlyContext.targets()).extracting(BakeTarget::name).containsExactly("integration-tests");
        assertThat(target(onlyContext, "integration-tests").context()).isEqualTo("ctx");

        BakeResolution split = read("buildkit", List.of(), Map.of("TEST_BINARIES_CONTEXT", "../bk")).resolve(List.of("integration-tests"));
        assertThat(target(split, "integration-tests").contexts()).containsExactly(entry("binaries", "target:integration-tests-binaries"));
        BakeTarget linked = target(split, "integration-tests-binaries");
        assertThat(linked.linked()).isTrue();
        assertThat(linked.outputs()).containsExactly("type=cacheonly");
        assertThat(linked.context()).isEqualTo("../bk");
        assertThat(linked.target()).isEqualTo("binaries");
    }

    @Test
    void buildkit_matrix_of_objects_names_targets_and_groups_them_under_the_label() throws Exception {
        BakeResolution plan = resolve("buildkit", List.of("lint", "validate-dockerfile", "image"));
        assertThat(plan.groups().get("lint")).containsExactly("lint-default", "lint-labs", "lint-nydus", "lint-yaml",
                "lint-golangci-verify", "lint-proto", "lint-gopls");
        assertThat(target(plan, "lint-yaml").target()).isEqualTo("yamllint");
        assertThat(target(plan, "lint-labs").args()).containsEntry("BUILDTAGS", "dfrundevice").containsEntry("TARGETNAME", "labs");
        // name = "validate-dockerfile-${md5(dockerfile)}": md5 of "Dockerfile" and of the lint Dockerfile path (md5sum).
        assertThat(plan.groups().get("validate-dockerfile")).hasSize(12)
                .contains("validate-dockerfile-3254677a7917c6c01f55212f86c57fbf", "validate-dockerfile-f5cdfa3b7cf6ef8ea4078f288946a021");
        assertThat(target(plan, "validate-dockerfile-3254677a7917c6c01f55212f86c57fbf").call()).isEqualTo("check");
        BakeTarget image = target(plan, "image");
        assertThat(image.target()).as("target = IMAGE_TARGET, null by default: unset").isEmpty();
        assertThat(image.tags()).containsExactly("moby/buildkit:local");
        assertThat(image.cacheTo()).containsExactly("type=inline");
        BakeTarget rootless = target(read("buildkit", List.of(), Map.of("IMAGE_TARGET", "rootless")).resolve(List.of("image")), "image");
        assertThat(rootless.target()).isEqualTo("rootless");
        assertThat(rootless.tags()).containsExactly("moby/buildkit:local-rootless");
    }

    @Test
    void docker_cli_later_inherits_win_and_args_merge() throws Exception {
        BakeResolution plan = resolve("docker-cli", List.of("binary", "cross", "dynbinary", "bin-image"));
        BakeTarget binary = target(plan, "binary");
        assertThat(binary.args()).containsOnly(entry("BUILDKIT_CONTEXT_KEEP_GIT_DIR", "1"), entry("BASE_VARIANT", "alpine"),
                entry("VERSION", ""), entry("PACKAGER_NAME", ""), entry("GO_STRIP", ""));
        assertThat(binary.platforms()).containsExactly("local");
        BakeTarget cross = target(plan, "cross");
        assertThat(cross.platforms()).as("_platforms comes after binary in inherits").hasSize(11).contains("windows/arm64");
        assertThat(cross.outputs()).containsExactly("build");
        assertThat(target(plan, "dynbinary").args()).containsEntry("GO_LINKMODE", "dynamic").containsEntry("BASE_VARIANT", "alpine");
        BakeTarget binImage = target(plan, "bin-image");
        assertThat(binImage.tags()).containsExactly("cli-bin:local");
        assertThat(binImage.target()).isEqualTo("bin-image");
        assertThat(target(read("docker-cli", List.of(), Map.of("USE_GLIBC", "1")).resolve(List.of("binary")), "binary").args())
                .containsEntry("BASE_VARIANT", "debian");

        BuildSpec spec = binary.toBuild("linux/amd64").spec();
        assertThat(spec.platforms()).containsExactly("linux/amd64");
        assertThat(spec.dockerfile()).isEqualTo("Dockerfile");
        assertThat(spec.contextDir()).isEqualTo(".");
        assertThat(spec.outputs()).containsExactly("build");
        assertThat(spec.target()).isEqualTo("binary");
    }

    @Test
    void docker_docker_default_group_and_inherited_dockerfile_variable() throws Exception {
        BakeResolution plan = resolve("docker-docker", List.of());
        BakeTarget local = target(plan, "image-local");
        assertThat(plan.targets()).hasSize(1);
        assertThat(local.dockerfile()).isEqualTo("Dockerfile-26.1");
        assertThat(local.tags()).containsExactly("docker:local");
        assertThat(local.outputs()).containsExactly("type=docker");
        BakeTarget overridden = target(read("docker-docker", List.of(), Map.of("DOCKERFILE", "Dockerfile-27.0", "DEFAULT_TAG", "me/docker"))
                .resolve(List.of("image-all")), "image-all");
        assertThat(overridden.dockerfile()).isEqualTo("Dockerfile-27.0");
        assertThat(overridden.tags()).containsExactly("me/docker");
        assertThat(overridden.platforms()).containsExactly("linux/amd64", "linux/arm/v7", "linux/arm64");
    }

    @Test
    void bake_action_multi_files_default_lookup_reads_json_first_and_its_attribute_feeds_the_matrix() throws Exception {
        BakeDefinition bake = read("bake-action-multi-files", List.of(), Map.of());
        assertThat(bake.files()).containsExactly("docker-bake.json", "docker-bake.hcl");
        BakeResolution plan = bake.resolve(List.of());
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("v1-tag", "v2-tag");
        BakeTarget v2 = target(plan, "v2-tag");
        assertThat(v2.args()).containsOnly(entry("VERSION", "v2"), entry("DUMMY_ARG", "v2-value"));
        assertThat(v2.tags()).containsExactly("v2-tag");
        assertThat(plan.groups()).containsEntry("t3", List.of("v1-tag", "v2-tag"));
    }

    @Test
    void bake_action_group_matrix_has_no_default_and_expands_the_label() throws Exception {
        BakeDefinition bake = read("bake-action-group-matrix", List.of(), Map.of());
        assertThatThrownBy(() -> bake.resolve(List.of())).isInstanceOfSatisfying(BakeException.class, e -> {
            assertThat(e.kind()).isEqualTo(BakeException.Kind.UNKNOWN_TARGET);
            assertThat(e.reason()).startsWith("failed to find target default");
        });
        BakeResolution plan = bake.resolve(List.of("validate"));
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("lint-default", "lint-labs", "lint-nydus",
                "lint-yaml", "lint-proto", "validate-vendor", "validate-doctoc");
        assertThat(target(plan, "lint-labs").target()).isEqualTo("golangci-lint");
        assertThat(target(plan, "lint-proto").target()).isEqualTo("protolint");
        assertThat(target(plan, "lint-proto").outputs()).containsExactly("type=cacheonly");
    }

    @Test
    void bake_action_print_output_reads_back_as_json_with_nested_groups() throws Exception {
        BakeResolution plan = read("bake-action-print", List.of("bake-def.json"), Map.of()).resolve(List.of());
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("lint", "validate-vendor", "validate-docs");
        assertThat(plan.groups()).containsEntry("default", List.of("validate"))
                .containsEntry("validate", List.of("lint", "validate-vendor", "validate-docs"));
        BakeTarget docs = target(plan, "validate-docs");
        assertThat(docs.args()).containsEntry("FORMATS", "md").containsEntry("BUILDX_EXPERIMENTAL", "1").containsEntry("GO_VERSION", "1.20");
        assertThat(docs.target()).isEqualTo("validate");
        assertThat(target(plan, "lint").dockerfile()).isEqualTo("./hack/dockerfiles/lint.Dockerfile");
        assertThat(target(plan, "lint").toBuild("linux/amd64").spec().dockerfile()).isEqualTo("hack/dockerfiles/lint.Dockerfile");
    }

    @Test
    void socheatsok78_makefile_invocation_with_platform_cleared() throws Exception {
        BakeDefinition bake = read("socheatsok78-dockerfiles", List.of("docker-bake.hcl", "caddy/docker-bake.hcl"), Map.of());
        BakeResolution plan = bake.resolve(List.of("caddy"), List.of("*.platform="));
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("caddy-2_11_3");
        BakeTarget caddy = plan.targets().get(0);
        assertThat(caddy.platforms()).as("--set *.platform= leaves an empty platform, which bake drops").isEmpty();
        assertThat(caddy.context()).isEqualTo("caddy");
        assertThat(caddy.args()).containsOnly(entry("CADDY_BUILDER_VERSION", "2.11"), entry("CADDY_VERSION", "2.11.3"),
                entry("CADDY_TARGET", "caddy"));
        assertThat(caddy.tags()).containsExactly("ghcr.io/socheatsok78-lab/caddy:2.11.3",
                "ghcr.io/socheatsok78-lab/caddy:RELEASE.2025-03-04");
        assertThat(caddy.overridden()).contains("platforms");

        BakeTarget inherited = bake.resolve(List.of("caddy")).targets().get(0);
        assertThat(inherited.platforms()).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void socheatsok78_typed_list_variable_takes_csv_from_the_environment() throws Exception {
        BakeDefinition bake = read("socheatsok78-dockerfiles", List.of("docker-bake.hcl", "caddy/docker-bake.hcl"),
                Map.of("CADDY_VERSION", "2.10.0,2.11.3", "GITHUB_REPOSITORY_OWNER", "me"));
        BakeResolution plan = bake.resolve(List.of("caddy"));
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("caddy-2_10_0", "caddy-2_11_3");
        assertThat(target(plan, "caddy-2_10_0").tags()).containsExactly("ghcr.io/me/caddy:2.10.0", "ghcr.io/me/caddy:RELEASE.2025-03-04");
        assertThat(target(plan, "caddy-2_10_0").args()).containsEntry("CADDY_BUILDER_VERSION", "2.10");
    }

    @Test
    void socheatsok78_root_file_alone_builds_the_plain_matrix_targets() throws Exception {
        BakeDefinition bake = read("socheatsok78-dockerfiles", List.of("docker-bake.hcl"), Map.of());
        BakeResolution plan = bake.resolve(List.of());
        assertThat(plan.targets()).hasSize(29);
        BakeTarget caddy = target(plan, "caddy");
        assertThat(caddy.context()).isEqualTo("caddy");
        assertThat(caddy.platforms()).isEmpty();
        assertThat(bake.groups()).extracting(GroupDefinition::name).contains("default", "schedule", "targets");
        assertThat(bake.resolve(List.of("schedule")).targets()).extracting(BakeTarget::name)
                .containsExactly("db-ip", "maxminddb", "openssl-dhparam");
    }

    @Test
    void modsecurity_user_functions_build_dated_version_tags() throws Exception {
        BakeResolution plan = resolve("modsecurity", List.of());
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("apache", "apache-alpine", "nginx", "nginx-alpine");
        // formatdate("YYYYMMDDHHMM") at 2025-03-04T05:06:07Z: HH is the 12-hour hour, the second MM the month again.
        assertThat(target(plan, "apache").tags()).containsExactly("owasp/modsecurity:apache", "owasp/modsecurity:2-202503040503",
                "owasp/modsecurity:2.9-202503040503", "owasp/modsecurity:2.9.6-202503040503");
        assertThat(target(plan, "nginx-alpine").tags()).containsExactly("owasp/modsecurity:nginx",
                "owasp/modsecurity:3-alpine-202503040503", "owasp/modsecurity:3.0-alpine-202503040503",
                "owasp/modsecurity:3.0.8-alpine-202503040503");
        assertThat(target(plan, "apache").platforms()).containsExactly("linux/amd64", "linux/arm64/v8", "linux/arm/v7", "linux/i386");
        assertThat(target(plan, "apache").args()).containsExactly(entry("MODSEC_VERSION", "2.9.6"));
        assertThat(target(plan, "apache").toBuild("linux/amd64").spec().dockerfile()).isEqualTo("v2-apache/Dockerfile");
    }

    @Test
    void fleetbase_matrix_targets_and_registry_tags() throws Exception {
        BakeResolution plain = resolve("fleetbase", List.of());
        assertThat(plain.targets()).extracting(BakeTarget::name).containsExactly("app-app", "app-scheduler", "app-events", "app-httpd");
        BakeTarget scheduler = target(plain, "app-scheduler");
        assertThat(scheduler.target()).isEqualTo("scheduler");
        assertThat(scheduler.tags()).isEmpty();
        assertThat(scheduler.context()).isEqualTo(".");
        assertThat(scheduler.secrets()).containsExactly("type=file,id=composer_auth,src=./composer-auth.json");
        assertThat(scheduler.args()).containsExactly(entry("GITHUB_AUTH_KEY", ""));
        assertThat(scheduler.cacheFrom()).isEmpty();
        assertThat(scheduler.toBuild("linux/amd64").spec().dockerfile()).isEqualTo("docker/Dockerfile");

        Map<String, String> environment = new HashMap<>(Map.of("REGISTRY", "ghcr.io/x", "VERSION", "1.2", "CACHE", "type=gha"));
        BakeResolution registry = read("fleetbase", List.of(), environment).resolve(List.of("app"));
        assertThat(target(registry, "app-app").tags()).containsExactly("ghcr.io/x:app-latest", "ghcr.io/x:app-1.2");
        assertThat(target(registry, "app-app").cacheTo()).containsExactly("type=gha,mode=max,ignore-error=true");
        environment.put("GCP", "true");
        assertThat(target(read("fleetbase", List.of(), environment).resolve(List.of("app")), "app-events").tags())
                .as("GCP defaults to false, so the environment's value is read as a bool")
                .containsExactly("ghcr.io/x/events:latest", "ghcr.io/x/events:1.2");
        environment.put("GCP", "yes");
        assertThatThrownBy(() -> read("fleetbase", List.of(), environment)).isInstanceOfSatisfying(BakeException.class, e -> {
            assertThat(e.kind()).isEqualTo(BakeException.Kind.INVALID);
            assertThat(e.reason()).contains("failed to parse GCP as bool");
            assertThat(e.line()).isEqualTo(5);
        });
    }

    @Test
    void slurm_exporter_labels_merge_across_inherits_and_the_function_formats_the_tag() throws Exception {
        BakeTarget exporter = target(resolve("slurm-exporter", List.of()), "exporter");
        assertThat(exporter.labels()).hasSize(14).containsEntry("org.opencontainers.image.version", "0.0.0")
                .containsEntry("name", "Slurm Exporter");
        assertThat(exporter.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(exporter.tags()).containsExactly("ghcr.io/slinkyproject/slurm-exporter:0.0.0");
        BakeTarget local = target(read("slurm-exporter", List.of(), Map.of("REGISTRY", "", "VERSION", "1.0.0"))
                .resolve(List.of("exporter")), "exporter");
        assertThat(local.tags()).as("compact() drops the empty registry").containsExactly("slurm-exporter:1.0.0");
    }

    @Test
    void chemotion_links_app_to_base_with_a_verbatim_target_context() throws Exception {
        BakeResolution both = resolve("chemotion-ketchersvc", List.of());
        assertThat(both.targets()).extracting(BakeTarget::name).containsExactly("base", "app");
        assertThat(target(both, "base").linked()).as("requested, so not merely linked").isFalse();
        BakeTarget app = target(both, "app");
        assertThat(app.contexts()).containsExactly(entry("base", "target:base"));
        assertThat(app.tags()).containsExactly("ketchersvc:latest-alpine");
        assertThat(app.context()).isEqualTo("dist");

        BakeBuild build = app.toBuild("linux/amd64");
        assertThat(build.spec().dockerfile()).isEqualTo("docker/app.dockerfile");
        assertThat(build.spec().contexts()).containsExactly(new NamedContext("base", "target:base"));
        assertThat(build.contextKeys()).isEqualTo(ContextKeys.VERBATIM);

        BlockSource block = app.patchBlock().orElseThrow();
        assertThat(block.file()).isEqualTo("docker-bake.hcl");
        assertThat(block.block().startLine()).isEqualTo(19);
        assertThat(block.openBrace().startLine()).isEqualTo(19);
        assertThat(block.closeBrace().startLine()).isEqualTo(27);
        AttributeSource contexts = block.attribute("contexts").orElseThrow();
        assertThat(contexts.range().startLine()).isEqualTo(23);
        assertThat(contexts.range().endLine()).isEqualTo(25);
        assertThat(contexts.objectKeys().get("base").startLine()).isEqualTo(24);
        assertThat(contexts.objectKeys().get("base").startColumn()).isEqualTo(9);
        assertThat(block.attribute("tags").orElseThrow().range().startLine()).isEqualTo(26);
        assertThat(app.contextOrigins().get("base")).isEqualTo(contexts);

        BakeResolution onlyApp = resolve("chemotion-ketchersvc", List.of("app"));
        BakeTarget base = target(onlyApp, "base");
        assertThat(base.linked()).isTrue();
        assertThat(base.outputs()).containsExactly("type=cacheonly");
    }

    @Test
    void dockage_alpine_context_from_a_variable_and_openrc_replaces_the_stage() throws Exception {
        BakeResolution plan = resolve("dockage-alpine", List.of("default", "openrc"));
        BakeTarget base = target(plan, "base");
        assertThat(base.context()).as("\"${CONTEXT}/\" is \"./\", cleaned as bake --print shows it").isEqualTo(".");
        assertThat(base.platforms()).hasSize(7);
        BakeTarget openrc = target(plan, "openrc");
        assertThat(openrc.target()).isEqualTo("openrc");
        assertThat(openrc.platforms()).isEqualTo(base.platforms());
        assertThat(openrc.origins().get("platforms").range().startLine()).as("inherited from base's block").isEqualTo(15);
        assertThat(target(read("dockage-alpine", List.of(), Map.of("CONTEXT", "sub")).resolve(List.of("base")), "base").context())
                .isEqualTo("sub");
    }
}
