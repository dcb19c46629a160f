package dev.buildxlens.core.bake;

import dev.buildxlens.core.dockerfile.ContextKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bake's rules, one feature at a time, on small files written for the purpose. */
class BakeReaderTest {

    private static BakeOptions options(Map<String, String> environment) {
        return new BakeOptions(environment, Map.of(), "cwd://", "linux/amd64",
                Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC), "/home/dev");
    }

    private static BakeDefinition read(Map<String, String> environment, String... nameAndText) throws BakeException {
        List<BakeSource> sources = new ArrayList<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            sources.add(new BakeSource(nameAndText[i], nameAndText[i + 1]));
        }
        return new BakeReader().read(sources, options(environment));
    }

    private static BakeDefinition hcl(String text) throws BakeException {
        return read(Map.of(), "docker-bake.hcl", text);
    }

    private static BakeTarget only(BakeDefinition bake, String target, String... sets) throws BakeException {
        return bake.resolve(List.of(target), List.of(sets)).target(target).orElseThrow();
    }

    private static BakeException failure(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (BakeException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError("expected a BakeException, got " + e, e);
        }
        throw new AssertionError("expected a BakeException");
    }

    // ---- variables ---------------------------------------------------------------------------------------------

    @Test
    void variables_default_and_take_the_environment_typed_by_their_default() throws Exception {
        String file = """
                variable "TAG" { default = "latest" }
                variable "PUSH" { default = false }
                variable "REPLICAS" { default = 2 }
                variable "UNSET" {}
                variable "TYPED" { type = string }
                target "app" {
                  tags = ["app:${TAG}"]
                  args = {
                    PUSH = PUSH ? "yes" : "no"
                    NEXT = REPLICAS + 1
                    UNSET = "[${UNSET}]"
                    TYPED = TYPED
                  }
                }
                """;
        BakeTarget defaults = only(hcl(file), "app");
        assertThat(defaults.tags()).containsExactly("app:latest");
        // An untyped variable without default is "", a typed one is null (the arg is left out).
        assertThat(defaults.args()).containsOnly(entry("PUSH", "no"), entry("NEXT", "3"), entry("UNSET", "[]"));

        BakeTarget overridden = only(read(Map.of("TAG", "1.0", "PUSH", "true", "REPLICAS", "4", "UNSET", "x", "TYPED", "t"),
                "docker-bake.hcl", file), "app");
        assertThat(overridden.tags()).containsExactly("app:1.0");
        assertThat(overridden.args()).containsOnly(entry("PUSH", "yes"), entry("NEXT", "5"), entry("UNSET", "[x]"), entry("TYPED", "t"));

        BakeException notANumber = failure(() -> read(Map.of("REPLICAS", "many"), "docker-bake.hcl", file));
        assertThat(notANumber.kind()).isEqualTo(BakeException.Kind.INVALID);
        assertThat(notANumber.reason()).contains("failed to parse REPLICAS as number");
        assertThat(notANumber.line()).isEqualTo(3);
    }

    @Test
    void var_flags_win_over_the_environment_and_lookup_can_be_disabled() throws Exception {
        String file = "variable \"TAG\" { default = \"d\" }\ntarget \"app\" { tags = [TAG] }\n";
        BakeOptions both = options(Map.of("TAG", "env")).withVars(Map.of("TAG", "var"));
        assertThat(new BakeReader().read(List.of(new BakeSource("docker-bake.hcl", file)), both).resolve(List.of("app"))
                .targets().get(0).tags()).containsExactly("var");
        assertThat(only(read(Map.of("TAG", "env", "BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP", "1"), "docker-bake.hcl", file), "app").tags())
                .containsExactly("d");
    }

    @Test
    void top_level_attributes_are_variables_that_ignore_the_environment_and_win_over_blocks() throws Exception {
        String file = """
                version = "0.3.0"
                variable "NAME" { default = "block" }
                NAME = "attribute"
                target "app" { tags = ["${NAME}:${version}"] }
                """;
        assertThat(only(read(Map.of("version", "9", "NAME", "env"), "docker-bake.hcl", file), "app").tags())
                .containsExactly("attribute:0.3.0");
    }

    @Test
    void typed_variables_read_csv_and_json_overrides() throws Exception {
        String file = """
                variable "PLATFORMS" {
                  type = list(string)
                  default = ["linux/amd64"]
                }
                variable "CONFIG" {
                  type = object({registry = string})
                  default = {registry = "docker.io"}
                }
                target "app" {
                  platforms = PLATFORMS
                  tags = ["${CONFIG.registry}/app"]
                }
                """;
        BakeTarget target = only(read(Map.of("PLATFORMS", "linux/amd64,linux/arm64", "CONFIG_JSON", "{\"registry\": \"ghcr.io\"}"),
                "docker-bake.hcl", file), "app");
        assertThat(target.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(target.tags()).containsExactly("ghcr.io/app");
        assertThat(failure(() -> read(Map.of("CONFIG", "x"), "docker-bake.hcl", file)).reason()).contains("unsupported type object");
        assertThat(failure(() -> read(Map.of("ANYTHING", "x"), "docker-bake.hcl", "variable \"ANYTHING\" {\n  type = any\n}\n"))
                .reason()).as("buildx takes only JSON for a variable typed any").contains("unsupported type dynamic");
    }

    @Test
    void variables_may_refer_to_variables_and_functions_but_not_to_themselves() throws Exception {
        BakeDefinition bake = hcl("""
                variable "A" { default = "${B}-a" }
                variable "B" { default = upper("b") }
                target "t" { tags = [A] }
                """);
        assertThat(only(bake, "t").tags()).containsExactly("B-a");
        BakeException cycle = failure(() -> hcl("variable \"A\" { default = B }\nvariable \"B\" { default = A }\n"));
        assertThat(cycle.kind()).isEqualTo(BakeException.Kind.CYCLE);
        assertThat(cycle.reason()).startsWith("variable cycle not allowed for");
    }

    @Test
    void variable_validation_blocks_fail_with_their_message() {
        BakeException e = failure(() -> read(Map.of("PORT", "99999"), "docker-bake.hcl", """
                variable "PORT" {
                  default = 8080
                  validation {
                    condition = PORT < 65536
                    error_message = "PORT must be a port number"
                  }
                }
                """));
        assertThat(e.reason()).isEqualTo("Validation failed: PORT must be a port number");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void unknown_variables_and_functions_are_named_with_a_suggestion() {
        BakeException variable = failure(() -> hcl("variable \"REGISTRY\" {}\ntarget \"a\" {\n  tags = [\"${REGISTRI}/a\"]\n}\n"));
        assertThat(variable.kind()).isEqualTo(BakeException.Kind.UNKNOWN_VARIABLE);
        assertThat(variable.line()).isEqualTo(3);
        assertThat(variable.reason()).contains("REGISTRI").contains("did you mean \"REGISTRY\"");
        BakeException function = failure(() -> hcl("target \"a\" {\n  tags = [uper(\"x\")]\n}\n"));
        assertThat(function.kind()).isEqualTo(BakeException.Kind.UNKNOWN_FUNCTION);
        assertThat(function.getMessage()).startsWith("docker-bake.hcl:2:11:").contains("did you mean \"upper\"");
    }

    // ---- functions -------------------------------------------------------------------------------------------

    @Test
    void user_functions_with_variadic_parameters_see_globals_not_the_caller() throws Exception {
        BakeDefinition bake = hcl("""
                variable "REPO" { default = "me/app" }
                function "tags" {
                  params = [name]
                  variadic_params = versions
                  result = [for v in versions : "${REPO}:${name}-${v}"]
                }
                target "app" {
                  name = "app-${item}"
                  matrix = { item = ["a"] }
                  tags = tags(item, "1", "2")
                }
                """);
        assertThat(only(bake, "app-a").tags()).containsExactly("me/app:a-1", "me/app:a-2");
        BakeException seesCaller = failure(() -> hcl("""
                function "f" {
                  params = []
                  result = item
                }
                target "app" {
                  name = item
                  matrix = { item = ["a"] }
                  tags = [f()]
                }
                """));
        assertThat(seesCaller.kind()).isEqualTo(BakeException.Kind.UNKNOWN_VARIABLE);
    }

    @Test
    void function_cycles_and_incomplete_functions_are_refused() {
        BakeException cycle = failure(() -> hcl("""
                function "a" {
                  params = [x]
                  result = b(x)
                }
                function "b" {
                  params = [x]
                  result = a(x)
                }
                """));
        assertThat(cycle.kind()).isEqualTo(BakeException.Kind.CYCLE);
        assertThat(cycle.reason()).startsWith("function cycle not allowed for a");
        assertThat(failure(() -> hcl("function \"f\" {\n  params = [x]\n}\n")).reason()).contains("empty result not allowed for f");
    }

    @Test
    void exponential_function_calls_hit_the_evaluation_budget() {
        StringBuilder file = new StringBuilder("function \"f0\" {\n  params = [x]\n  result = x\n}\n");
        for (int i = 1; i <= 40; i++) {
            file.append("function \"f").append(i).append("\" {\n  params = [x]\n  result = \"${f").append(i - 1)
                    .append("(x)}${f").append(i - 1).append("(x)}\"\n}\n");
        }
        file.append("target \"t\" { tags = [f40(\"\")] }\n");
        BakeException e = failure(() -> hcl(file.toString()).resolve(List.of("t")));
        assertThat(e.kind()).isEqualTo(BakeException.Kind.LIMIT);
    }

    // ---- targets, inherits, merging ------------------------------------------------------------------------------

    @Test
    void inherits_apply_in_order_and_the_target_itself_wins() throws Exception {
        BakeDefinition bake = hcl("""
                target "_base" {
                  args = { A = "base", B = "base" }
                  tags = ["base"]
                  platforms = ["linux/amd64"]
                  cache-from = ["type=gha"]
                  labels = { l = "base" }
                }
                target "_second" {
                  args = { B = "second" }
                  platforms = ["linux/arm64"]
                  cache-from = ["type=registry,ref=x"]
                }
                target "app" {
                  inherits = ["_base", "_second"]
                  args = { C = "app" }
                  tags = ["app"]
                }
                """);
        BakeTarget app = only(bake, "app");
        assertThat(app.args()).containsOnly(entry("A", "base"), entry("B", "second"), entry("C", "app"));
        assertThat(app.tags()).as("tags are replaced, not merged").containsExactly("app");
        assertThat(app.platforms()).as("the later parent replaces platforms").containsExactly("linux/arm64");
        assertThat(app.cacheFrom()).as("cache-from merges").containsExactly("type=gha", "type=registry,ref=x");
        assertThat(app.labels()).containsExactly(entry("l", "base"));
        assertThat(app.origins().get("platforms").range().startLine()).isEqualTo(10);
        assertThat(app.sources()).hasSize(1);
        assertThat(app.sources().get(0).label()).isEqualTo("app");
    }

    @Test
    void an_inherits_loop_is_skipped_as_buildx_does_and_reported_as_a_warning() throws Exception {
        BakeResolution plan = hcl("""
                target "a" {
                  inherits = ["b"]
                  tags = ["a"]
                }
                target "b" {
                  inherits = ["a"]
                  platforms = ["linux/arm64"]
                }
                """).resolve(List.of("a"));
        BakeTarget a = plan.target("a").orElseThrow();
        assertThat(a.tags()).containsExactly("a");
        assertThat(a.platforms()).containsExactly("linux/arm64");
        assertThat(plan.warnings()).singleElement().satisfies(w -> {
            assertThat(w.message()).startsWith("inherits loop: b inherits a");
            assertThat(w.range().startLine()).isEqualTo(6);
        });
    }

    @Test
    void later_files_override_attributes_of_the_same_target_and_merge_maps() throws Exception {
        BakeDefinition bake = read(Map.of(),
                "docker-bake.hcl", """
                        variable "TAG" { default = "one" }
                        group "default" { targets = ["app"] }
                        target "app" {
                          tags = ["app:${TAG}"]
                          labels = { a = "1", b = "1" }
                          dockerfile = "Dockerfile"
                        }
                        """,
                "docker-bake.override.hcl", """
                        variable "TAG" { default = "two" }
                        group "default" { targets = ["app", "worker"] }
                        target "app" {
                          labels = { b = "2" }
                          platforms = ["linux/arm64"]
                        }
                        target "worker" {}
                        """);
        BakeResolution plan = bake.resolve(List.of());
        BakeTarget app = plan.target("app").orElseThrow();
        assertThat(app.tags()).as("the later variable block replaces the earlier").containsExactly("app:two");
        assertThat(app.labels()).containsOnly(entry("a", "1"), entry("b", "2"));
        assertThat(app.platforms()).containsExactly("linux/arm64");
        assertThat(app.sources()).extracting(BlockSource::file).containsExactly("docker-bake.hcl", "docker-bake.override.hcl");
        assertThat(app.patchBlock().orElseThrow().file()).isEqualTo("docker-bake.override.hcl");
        assertThat(plan.targets()).extracting(BakeTarget::name).as("the later group replaces the earlier one").containsExactly("app", "worker");
    }

    @Test
    void unsupported_arguments_and_wrong_types_name_the_attribute() {
        BakeException unknown = failure(() -> hcl("target \"a\" {\n  platform = [\"linux/amd64\"]\n}\n"));
        assertThat(unknown.reason()).startsWith("Unsupported argument: an argument named \"platform\"");
        assertThat(unknown.line()).isEqualTo(2);
        BakeException type = failure(() -> hcl("target \"a\" {\n  tags = \"single\"\n}\n"));
        assertThat(type.reason()).startsWith("Incorrect attribute value type: inappropriate value for attribute \"tags\"");
        BakeException label = failure(() -> hcl("target \"a.b\" {}\n"));
        assertThat(label.reason()).contains("only \"[a-zA-Z0-9_-]+\" are allowed");
    }

    @Test
    void blocks_reference_other_blocks_attributes() throws Exception {
        BakeDefinition bake = hcl("""
                target "base" {
                  platforms = ["linux/amd64", "linux/arm64"]
                  args = { V = 1 }
                }
                target "app" {
                  platforms = target.base.platforms
                  tags = ["app:${target.base.args.V}"]
                  dockerfile = target.base.dockerfile == null ? "app.Dockerfile" : target.base.dockerfile
                }
                """);
        BakeTarget app = only(bake, "app");
        assertThat(app.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(app.tags()).containsExactly("app:1");
        assertThat(app.dockerfile()).isEqualTo("app.Dockerfile");
        BakeException cycle = failure(() -> hcl("target \"a\" { tags = target.b.tags }\ntarget \"b\" { tags = target.a.tags }\n"));
        assertThat(cycle.kind()).isEqualTo(BakeException.Kind.CYCLE);
        assertThat(cycle.reason()).startsWith("reference cycle not allowed for target.");
    }

    // ---- matrix and groups ---------------------------------------------------------------------------------------

    @Test
    void matrix_expands_every_combination_and_the_label_becomes_a_group() throws Exception {
        BakeDefinition bake = hcl("""
                target "app" {
                  name = "app-${os}-${sanitize(v)}"
                  matrix = {
                    os = ["alpine", "debian"]
                    v = ["1.0", "2.0"]
                  }
                  args = { OS = os, V = v }
                }
                """);
        assertThat(bake.groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("app");
            assertThat(g.targets()).containsExactlyInAnyOrder("app-alpine-1_0", "app-debian-1_0", "app-alpine-2_0", "app-debian-2_0");
        });
        BakeResolution plan = bake.resolve(List.of("app"));
        assertThat(plan.targets()).hasSize(4);
        assertThat(plan.target("app-debian-2_0").orElseThrow().args()).containsOnly(entry("OS", "debian"), entry("V", "2.0"));
        assertThat(plan.target("app-debian-2_0").orElseThrow().patchBlock().orElseThrow().label()).isEqualTo("app");
    }

    @Test
    void matrix_mistakes_are_refused_as_buildx_refuses_them() {
        assertThat(failure(() -> hcl("target \"a\" {\n  matrix = { v = [\"1\", \"2\"] }\n}\n")).reason())
                .startsWith("Invalid name: duplicate name \"a\"");
        assertThat(failure(() -> hcl("target \"a\" {\n  name = \"x\"\n}\n")).reason()).isEqualTo("Invalid name: name requires matrix");
        assertThat(failure(() -> hcl("target \"a\" {\n  name = v\n  matrix = { v = \"1\" }\n}\n")).reason())
                .startsWith("matrix values must be a list");
        assertThat(failure(() -> hcl("group \"g\" {\n  targets = []\n  matrix = {}\n}\n")).reason()).contains("matrix is not supported for groups");
        BakeException tooLarge = failure(() -> hcl("target \"a\" {\n  name = \"a-${x}-${y}\"\n  matrix = { x = range(100), y = range(100) }\n}\n"));
        assertThat(tooLarge.kind()).isEqualTo(BakeException.Kind.LIMIT);
        assertThat(tooLarge.reason()).startsWith("matrix too large");
    }

    @Test
    void groups_nest_and_default_is_built_when_nothing_is_named() throws Exception {
        BakeDefinition bake = hcl("""
                group "default" { targets = ["all"] }
                group "all" { targets = ["front", "back", "front"] }
                group "back" { targets = ["api", "worker"] }
                target "front" {}
                target "api" {}
                target "worker" {}
                """);
        BakeResolution plan = bake.resolve(List.of());
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("front", "api", "worker");
        assertThat(plan.groups()).containsOnlyKeys("default", "all", "back");
        assertThat(bake.resolve(List.of("b*")).targets()).extracting(BakeTarget::name).as("a glob matches group names too")
                .containsExactly("api", "worker");
        BakeException unknown = failure(() -> bake.resolve(List.of("frontend")));
        assertThat(unknown.kind()).isEqualTo(BakeException.Kind.UNKNOWN_TARGET);
        assertThat(unknown.reason()).isEqualTo("failed to find target frontend; the files define all, api, back, default, front, worker");
        assertThat(failure(() -> hcl("group \"g\" {}\n")).reason()).startsWith("Missing required argument");
    }

    @Test
    void a_target_named_with_a_dot_is_looked_up_with_an_underscore() throws Exception {
        assertThat(hcl("target \"my_app\" {}\n").resolve(List.of("my.app")).targets()).extracting(BakeTarget::name).containsExactly("my_app");
    }

    // ---- --set ---------------------------------------------------------------------------------------------

    @Test
    void set_overrides_values_lists_and_maps_per_target_pattern() throws Exception {
        BakeDefinition bake = hcl("""
                target "app" {
                  tags = ["app:1"]
                  platforms = ["linux/amd64"]
                  args = { A = "a" }
                  contexts = { base = "docker-image://alpine" }
                }
                target "worker" {
                  platforms = ["linux/amd64"]
                }
                """);
        BakeResolution plan = bake.resolve(List.of("app", "worker"), List.of("app.tags=app:2", "app.tags=app:3", "*.platform=linux/arm64",
                "app.args.B=b", "app.contexts.base=target:worker", "app.target=final", "app.no-cache=true", "worker.pull=1"));
        BakeTarget app = plan.target("app").orElseThrow();
        assertThat(app.tags()).containsExactly("app:2", "app:3");
        assertThat(app.platforms()).containsExactly("linux/arm64");
        assertThat(app.args()).containsOnly(entry("A", "a"), entry("B", "b"));
        assertThat(app.contexts()).containsExactly(entry("base", "target:worker"));
        assertThat(app.contextOrigins()).as("an overridden key has no place in the files").doesNotContainKey("base");
        assertThat(app.target()).isEqualTo("final");
        assertThat(app.noCache()).isTrue();
        assertThat(app.overridden()).contains("tags", "platforms", "args", "contexts", "target", "no-cache");
        assertThat(plan.target("worker").orElseThrow().platforms()).containsExactly("linux/arm64");
        assertThat(plan.target("worker").orElseThrow().pull()).isTrue();

        BakeTarget appended = only(bake, "app", "app.tags+=app:extra", "app.platform+=linux/arm64");
        assertThat(appended.tags()).containsExactly("app:1", "app:extra");
        assertThat(appended.platforms()).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void set_args_without_a_value_reads_the_environment_and_push_load_edit_outputs() throws Exception {
        BakeDefinition bake = read(Map.of("TOKEN", "secret"), "docker-bake.hcl", "target \"app\" {\n  output = [\"type=image,name=x\"]\n}\n");
        assertThat(only(bake, "app", "app.args.TOKEN", "app.args.MISSING").args()).containsExactly(entry("TOKEN", "secret"));
        assertThat(only(bake, "app", "*.push=true").outputs()).containsExactly("type=image,name=x,push=true");
        assertThat(only(bake, "app", "*.load=true").outputs()).containsExactly("type=image,name=x", "type=docker");
        BakeDefinition noOutput = hcl("target \"app\" {}\n");
        assertThat(only(noOutput, "app", "*.push=true").outputs()).containsExactly("type=image,push=true");
    }

    @Test
    void invalid_set_values_are_refused_with_buildx_words() throws Exception {
        BakeDefinition bake = hcl("target \"app\" {}\n");
        assertThat(failure(() -> bake.resolve(List.of("app"), List.of("app.nope=1"))).reason()).isEqualTo("unknown key: nope");
        assertThat(failure(() -> bake.resolve(List.of("app"), List.of("other.tags=x"))).reason())
                .isEqualTo("could not find any target matching 'other'");
        assertThat(failure(() -> bake.resolve(List.of("app"), List.of("app.pull=maybe"))).reason())
                .isEqualTo("invalid value maybe for boolean key pull");
        assertThat(failure(() -> bake.resolve(List.of("app"), List.of("apptags=x"))).kind()).isEqualTo(BakeException.Kind.OVERRIDE);
        assertThat(failure(() -> bake.resolve(List.of("app"), List.of("app.dockerfile-inline=FROM x"))).reason())
                .as("buildx has no --set for dockerfile-inline").isEqualTo("unknown key: dockerfile-inline");
    }

    // ---- links and builds --------------------------------------------------------------------------------------

    @Test
    void target_contexts_pull_in_linked_targets_and_keep_their_keys_verbatim() throws Exception {
        BakeDefinition bake = hcl("""
                target "base" {
                  tags = ["base:latest"]
                  platforms = ["linux/amd64", "linux/arm64"]
                }
                target "app" {
                  contexts = { "base:latest" = "target:base" }
                  platforms = ["linux/amd64"]
                }
                """);
        BakeResolution plan = bake.resolve(List.of("app"));
        assertThat(plan.targets()).extracting(BakeTarget::name).containsExactly("app", "base");
        BakeTarget base = plan.target("base").orElseThrow();
        assertThat(base.linked()).isTrue();
        assertThat(base.outputs()).containsExactly("type=cacheonly");
        BakeBuild build = plan.builds().get(0);
        assertThat(build.spec().contexts()).singleElement().satisfies(c -> assertThat(c.name()).as("not normalised to base").isEqualTo("base:latest"));
        assertThat(build.contextKeys()).isEqualTo(ContextKeys.VERBATIM);
        AttributeSource origin = build.target().contextOrigins().get("base:latest");
        assertThat(origin.objectKeys().get("base:latest").startLine()).isEqualTo(6);
    }

    @Test
    void link_mistakes_are_refused_where_they_are_written() throws Exception {
        BakeException self = failure(() -> hcl("target \"a\" {\n  contexts = { a = \"target:a\" }\n}\n").resolve(List.of("a")));
        assertThat(self.reason()).isEqualTo("target a cannot link to itself");
        assertThat(self.line()).isEqualTo(2);
        BakeException loop = failure(() -> hcl("target \"a\" {\n  contexts = { b = \"target:b\" }\n}\ntarget \"b\" {\n  contexts = { a = \"target:a\" }\n}\n")
                .resolve(List.of("a")));
        assertThat(loop.kind()).isEqualTo(BakeException.Kind.CYCLE);
        assertThat(loop.reason()).isEqualTo("infinite loop from b to a");
        BakeException missing = failure(() -> hcl("target \"a\" {\n  contexts = { b = \"target:bse\" }\n}\ntarget \"base\" {}\n").resolve(List.of("a")));
        assertThat(missing.kind()).isEqualTo(BakeException.Kind.UNKNOWN_TARGET);
        assertThat(missing.line()).isEqualTo(2);
        BakeException platforms = failure(() -> hcl("""
                target "base" { platforms = ["linux/amd64", "linux/arm64"] }
                target "app" {
                  contexts = { base = "target:base" }
                  platforms = ["linux/amd64", "linux/s390x"]
                }
                """).resolve(List.of("app")));
        assertThat(platforms.reason()).startsWith("target base can't be used by app because its platforms");
    }

    @Test
    void a_build_joins_the_dockerfile_to_the_context_and_carries_inline_dockerfiles() throws Exception {
        BakeDefinition bake = hcl("""
                target "app" {
                  context = "services/app/"
                  dockerfile = "../Dockerfile.app"
                  contexts = { assets = "cwd://assets" }
                  platforms = ["local", "linux/arm64"]
                }
                target "inline" {
                  dockerfile-inline = "FROM alpine\\n"
                }
                target "remote" {
                  context = "https://github.com/docker/buildx.git"
                  dockerfile = "Dockerfile"
                }
                """);
        BakeResolution plan = bake.resolve(List.of("app", "inline", "remote"));
        BakeBuild app = plan.builds().get(0);
        assertThat(app.target().context()).isEqualTo("services/app");
        assertThat(app.spec().dockerfile()).isEqualTo("services/Dockerfile.app");
        assertThat(app.spec().contextDir()).isEqualTo("services/app");
        assertThat(app.spec().contexts()).singleElement().satisfies(c -> assertThat(c.value()).isEqualTo("assets"));
        assertThat(app.spec().platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(plan.builds().get(1).dockerfileInline()).contains("FROM alpine\n");
        assertThat(plan.builds().get(2).spec().dockerfile()).isEqualTo("Dockerfile");
        assertThat(plan.builds().get(2).spec().contextDir()).isEqualTo("https://github.com/docker/buildx.git");
    }

    // ---- formats, files, limits, compose ------------------------------------------------------------------------

    @Test
    void json_files_are_bake_files_with_templates_in_their_strings() throws Exception {
        BakeDefinition bake = read(Map.of("TAG", "9"), "docker-bake.json", """
                {
                  "variable": {"TAG": {"default": "latest"}},
                  "group": {"default": {"targets": ["webapp"]}},
                  "target": {
                    "webapp": {
                      "dockerfile": "Dockerfile",
                      "tags": ["docker.io/username/webapp:${TAG}"],
                      "contexts": {"base": "target:base"},
                      "args": {"N": 1}
                    },
                    "base": {}
                  }
                }
                """);
        BakeResolution plan = bake.resolve(List.of());
        BakeTarget webapp = plan.target("webapp").orElseThrow();
        assertThat(webapp.tags()).containsExactly("docker.io/username/webapp:9");
        assertThat(webapp.args()).containsExactly(entry("N", "1"));
        assertThat(plan.target("base").orElseThrow().linked()).isTrue();
        BlockSource block = webapp.patchBlock().orElseThrow();
        assertThat(block.format()).isEqualTo(BakeSource.Format.JSON);
        assertThat(block.openBrace().startLine()).isEqualTo(5);
        assertThat(block.attribute("contexts").orElseThrow().objectKeys().get("base").startLine()).isEqualTo(8);
        BakeException syntax = failure(() -> read(Map.of(), "docker-bake.json", "{\n  \"target\": {\n    \"a\": {\n  }\n"));
        assertThat(syntax.kind()).isEqualTo(BakeException.Kind.SYNTAX);
    }

    @Test
    void a_file_of_another_name_is_tried_as_hcl_then_json() throws Exception {
        BakeDefinition json = read(Map.of(), "bake.conf", "{\"target\": {\"a\": {\"tags\": [\"x\"]}}}");
        assertThat(only(json, "a").tags()).containsExactly("x");
        BakeDefinition hcl = read(Map.of(), "bake.conf", "target \"a\" {\n  tags = [\"y\"]\n}\n");
        assertThat(only(hcl, "a").tags()).containsExactly("y");
    }

    @Test
    void default_lookup_reads_bakes_names_in_order_and_fails_without_any(@TempDir Path dir) throws Exception {
        assertThat(failure(() -> new BakeReader().read(dir, List.of(), options(Map.of()))).kind()).isEqualTo(BakeException.Kind.NO_DEFINITION);
        Files.writeString(dir.resolve("docker-bake.override.hcl"), "target \"app\" {\n  tags = [\"override\"]\n}\n");
        Files.writeString(dir.resolve("docker-bake.hcl"), "target \"app\" {\n  tags = [\"main\"]\n}\n");
        Files.writeString(dir.resolve("docker-bake.json"), "{\"target\": {\"app\": {\"platforms\": [\"linux/arm64\"]}}}");
        Files.writeString(dir.resolve("unrelated.hcl"), "this is not read");
        BakeDefinition bake = new BakeReader().read(dir, List.of(), options(Map.of()));
        assertThat(bake.files()).containsExactly("docker-bake.json", "docker-bake.hcl", "docker-bake.override.hcl");
        BakeTarget app = only(bake, "app");
        assertThat(app.tags()).containsExactly("override");
        assertThat(app.platforms()).containsExactly("linux/arm64");
        assertThat(BakeFiles.DEFAULT_NAMES).startsWith("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

        Files.writeString(dir.resolve("custom.hcl"), "target \"app\" {}\n");
        assertThat(new BakeReader().read(dir, List.of(), options(Map.of("BUILDX_BAKE_FILE", "custom.hcl"))).files())
                .containsExactly("custom.hcl");
        assertThat(failure(() -> new BakeReader().read(dir, List.of("missing.hcl"), options(Map.of()))).kind())
                .isEqualTo(BakeException.Kind.IO);
    }

    @Test
    void oversized_files_are_refused_before_parsing() {
        String huge = "# " + "x".repeat((int) BakeSource.MAX_BYTES) + "\n";
        BakeException e = failure(() -> read(Map.of(), "docker-bake.hcl", huge));
        assertThat(e.kind()).isEqualTo(BakeException.Kind.LIMIT);
    }

    @Test
    void compose_files_need_the_compose_reader_and_are_merged_before_hcl() throws Exception {
        BakeException missing = failure(() -> read(Map.of(), "compose.yaml", "services: {}\n", "docker-bake.hcl", "target \"a\" {}\n"));
        assertThat(missing.kind()).isEqualTo(BakeException.Kind.COMPOSE_UNAVAILABLE);

        List<List<String>> translated = new ArrayList<>();
        ComposeTranslator compose = new ComposeTranslator() {
            @Override
            public boolean isCompose(BakeSource source) {
                return source.text().startsWith("services:");
            }

            @Override
            public BakeConfig translate(List<BakeSource> files, Map<String, String> environment) {
                translated.add(files.stream().map(BakeSource::name).toList());
                TargetDefinition web = TargetDefinition.builder("web").context("web").tags(List.of("compose/web"))
                        .labels(Map.of("from", "compose")).build();
                return new BakeConfig(List.of(web), List.of(new GroupDefinition("default", "", List.of("web"), null)));
            }
        };
        // The HCL file comes first on the command line; compose is still merged first, so HCL wins.
        BakeDefinition bake = new BakeReader(compose).read(List.of(new BakeSource("docker-bake.hcl",
                "target \"web\" {\n  tags = [\"hcl/web\"]\n}\n"), new BakeSource("stack", "services:\n  web: {}\n")), options(Map.of()));
        assertThat(translated).containsExactly(List.of("stack"));
        assertThat(bake.files()).containsExactly("stack", "docker-bake.hcl");
        BakeTarget web = bake.resolve(List.of()).target("web").orElseThrow();
        assertThat(web.tags()).containsExactly("hcl/web");
        assertThat(web.labels()).containsExactly(entry("from", "compose"));
        assertThat(web.context()).isEqualTo("web");
    }

    @Test
    void errors_carry_file_and_line_never_a_stack_trace_message() {
        BakeException e = failure(() -> read(Map.of(), "a.hcl", "target \"a\" {}\n", "b.hcl", "target \"b\" {\n  tags = [\n}\n"));
        assertThat(e.file()).isEqualTo("b.hcl");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("b.hcl:3:1: ").doesNotContain("Exception");
    }
}
