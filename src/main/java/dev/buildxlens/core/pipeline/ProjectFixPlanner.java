package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.bake.AttributeSource;
import dev.buildxlens.core.bake.BakeResolution;
import dev.buildxlens.core.bake.BakeSource;
import dev.buildxlens.core.bake.BakeTarget;
import dev.buildxlens.core.bake.BlockSource;
import dev.buildxlens.core.bake.hcl.SourceRange;
import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.build.CacheSpec;
import dev.buildxlens.core.build.ExportSpec;
import dev.buildxlens.core.compose.ComposeException;
import dev.buildxlens.core.compose.ComposeProject;
import dev.buildxlens.core.compose.ComposeReader;
import dev.buildxlens.core.compose.ComposeRequest;
import dev.buildxlens.core.compose.ComposeService;
import dev.buildxlens.core.compose.KeyPosition;
import dev.buildxlens.core.compose.ServicePositions;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.FindingKind;
import dev.buildxlens.core.diagnose.ProjectLinks;
import dev.buildxlens.core.files.PatchRoot;
import dev.buildxlens.core.fix.FixKind;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.ShellQuote;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.fix.UnifiedDiff;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixes of a Compose project or a Bake run: the missing link as a patch of the file that defines the build that
 * needs it (bake: {@code contexts = { "base" = "target:base" }} in the target's block, or the mis-keyed entry renamed;
 * Compose: {@code additional_contexts: base: service:base} under the service's {@code build}), and a Compose
 * service's {@code pull: true} removed where it keeps a local base from being used. Other findings name
 * their fixes. The builder switch is planned for the whole project (the docker driver reads the daemon's store: one
 * {@code --builder} for every service or target, or {@code docker buildx use}, which Compose and bake follow);
 * the other commands for a whole project (a registry bridge, the containerd store) are not planned here yet.
 */
final class ProjectFixPlanner {

    private ProjectFixPlanner() {
    }

    /**
     * The project's own build command around where {@code --builder NAME} goes ({@code before}: {@code docker compose
     * -f … build}, {@code docker buildx bake -f …}; {@code after}: the services or targets named, bake's {@code --set}),
     * the world it was judged against, and each build's options (what the docker driver would refuse).
     */
    record Command(List<String> before, List<String> after, Snapshot snapshot, List<BuildSpec> specs) {
    }

    static FixPlans compose(ProjectBuilds.Judged judged, ComposeProject project, PatchRoot root, Command command) {
        List<NotOffered> notOffered = new ArrayList<>();
        // One plan links every service that needs it; one edit per service carries all its links (bottom-up per file).
        Map<String, List<ProjectLinks.Link>> byService = byNeeding(judged.missingLinks());
        List<Finding> solved = new ArrayList<>();
        StringBuilder fragment = new StringBuilder("services:\n");
        Map<Path, List<Change>> changes = new LinkedHashMap<>();
        List<String> noPatch = new ArrayList<>();
        byService.forEach((name, links) -> {
            Optional<ComposeService> service = project.service(name);
            links.stream().map(l -> findingFor(judged, l)).filter(java.util.Objects::nonNull).forEach(solved::add);
            Map<String, String> entries = entries(links);
            fragment.append("  ").append(name).append(":\n    build:\n      additional_contexts:\n");
            entries.forEach((key, value) -> fragment.append("        ").append(key).append(": ").append(value).append('\n'));
            if (service.isEmpty()) {
                return;
            }
            Object change = composeChange(service.get(), entries);
            if (change instanceof Change c) {
                changes.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c);
            } else {
                noPatch.add("service " + name + ": " + change);
            }
        });
        List<FixPlan> plans = new ArrayList<>();
        if (!solved.isEmpty()) {
            plans.add(plan(FixKind.LINK_SERVICE_CONTEXT, solved, "Give " + (byService.size() == 1 ? "service " + byService.keySet().iterator().next()
                    : "each service") + " an additional context for the image another service builds, so Compose builds that one first and "
                    + "hands its result to the FROM.", "compose", fragment.toString(), changes, noPatch, root));
        }
        dropPull(judged, project, root).ifPresent(plans::add);
        useDockerDriver(judged, command, notOffered).ifPresent(plans::add);
        addNotPlanned(judged, notOffered, plans);
        return new FixPlans(plans, root, notOffered);
    }

    /**
     * {@code pull: true} in a service's build makes BuildKit resolve every FROM from its registry, so a base that
     * exists only in the daemon is not found: the line goes (Compose's default, false, uses the local image).
     */
    private static Optional<FixPlan> dropPull(ProjectBuilds.Judged judged, ComposeProject project, PatchRoot root) {
        List<Finding> solved = new ArrayList<>();
        Map<Path, List<Change>> changes = new LinkedHashMap<>();
        List<String> noPatch = new ArrayList<>();
        StringBuilder fragment = new StringBuilder("services:\n");
        java.util.Set<String> services = new java.util.LinkedHashSet<>();
        for (Finding finding : judged.diagnosis().findings()) {
            if (finding.kind() == FindingKind.PULL_FORCES_REGISTRY && finding.subject().unit() != null) {
                solved.add(finding);
                services.add(finding.subject().unit().name());
            }
        }
        for (String name : services) {
            fragment.append("  ").append(name).append(":\n    build:\n      # no pull: true here (the default, false, uses the local image)\n");
            Object change = project.service(name).map(ProjectFixPlanner::dropPullChange).orElse("it is not in the project's files");
            if (change instanceof Change c) {
                changes.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c);
            } else {
                noPatch.add("service " + name + ": " + change);
            }
        }
        if (solved.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plan(FixKind.DROP_PULL, solved, "Remove pull: true from the build of " + (services.size() == 1 ? "service "
                + services.iterator().next() : "services " + String.join(", ", services)) + ": it makes BuildKit ask the registry for "
                + "the base instead of using the image in the daemon.", "compose", fragment.toString(), changes, noPatch, root));
    }

    /** The line {@code pull: true} of the service's build removed: a Change, or why there is no patch. */
    private static Object dropPullChange(ComposeService service) {
        Optional<KeyPosition> pull = ServicePositions.last(service.positions().pull());
        if (pull.isEmpty()) {
            return "pull is not set in its build (it comes from the command line: leave out --pull)";
        }
        KeyPosition at = pull.get();
        if (at.shared() || at.inherited()) {
            return "pull: true is shared through a YAML anchor or extends, so removing it there would change other services too; "
                    + "set pull: false in this service";
        }
        if (at.style() != KeyPosition.Style.SCALAR || at.valueEndLine() != at.key().line()) {
            return "pull is not written on a line of its own";
        }
        Path file = at.key().file();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return file + " cannot be read";
        }
        int start = lineStart(text, at.key().line());
        int end = lineStart(text, at.key().line() + 1);
        if (!text.substring(start, start + at.key().column()).isBlank()) {
            return "pull shares its line with another key ({...} style)";
        }
        return new Change(file, start, end - start, "");
    }

    static FixPlans bake(ProjectBuilds.Judged judged, BakeResolution resolution, Path directory, Map<String, String> environment, PatchRoot root,
                         Command command) {
        List<NotOffered> notOffered = new ArrayList<>();
        Map<String, List<ProjectLinks.Link>> byTarget = byNeeding(judged.missingLinks());
        List<Finding> solved = new ArrayList<>();
        StringBuilder fragment = new StringBuilder();
        Map<Path, List<Change>> changes = new LinkedHashMap<>();
        List<String> noPatch = new ArrayList<>();
        boolean renames = false;
        for (Map.Entry<String, List<ProjectLinks.Link>> entry : byTarget.entrySet()) {
            Optional<BakeTarget> target = resolution.target(entry.getKey());
            entry.getValue().stream().map(l -> findingFor(judged, l)).filter(java.util.Objects::nonNull).forEach(solved::add);
            Map<String, String> entries = entries(entry.getValue());
            fragment.append("target \"").append(entry.getKey()).append("\" {\n  contexts = {\n");
            entries.forEach((key, value) -> fragment.append("    \"").append(key).append("\" = \"").append(value).append("\"\n"));
            fragment.append("  }\n}\n");
            renames |= entry.getValue().stream().anyMatch(l -> l.misKeyed().isPresent());
            if (target.isEmpty()) {
                continue;
            }
            List<Object> targetChanges = target.get().patchBlock().isPresent() ? bakeChanges(target.get(), directory, entry.getValue())
                    : composeSourced(target.get(), directory, environment, entry.getValue());
            for (Object change : targetChanges) {
                if (change instanceof Change c) {
                    changes.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c);
                } else {
                    noPatch.add("target " + entry.getKey() + ": " + change);
                }
            }
        }
        List<FixPlan> plans = new ArrayList<>();
        if (!solved.isEmpty()) {
            plans.add(plan(FixKind.LINK_TARGET_CONTEXT, solved, (renames ? "Key the contexts as BuildKit asks for them (bake passes keys "
                    + "as written: the familiar name without :latest), and link" : "Link") + " each target to the one that builds the image "
                    + "its FROM names (\"key\" = \"target:NAME\"), so bake builds that one first and hands its result over.", "hcl",
                    fragment.toString(), changes, noPatch, root));
        }
        dropBakePull(judged, resolution, directory, root).ifPresent(plans::add);
        useDockerDriver(judged, command, notOffered).ifPresent(plans::add);
        addNotPlanned(judged, notOffered, plans);
        return new FixPlans(plans, root, notOffered);
    }

    /** As for Compose: a target's {@code pull = true} that keeps a local base from being used goes. */
    private static Optional<FixPlan> dropBakePull(ProjectBuilds.Judged judged, BakeResolution resolution, Path directory, PatchRoot root) {
        List<Finding> solved = new ArrayList<>();
        java.util.Set<String> targets = new java.util.LinkedHashSet<>();
        for (Finding finding : judged.diagnosis().findings()) {
            if (finding.kind() == FindingKind.PULL_FORCES_REGISTRY && finding.subject().unit() != null) {
                solved.add(finding);
                targets.add(finding.subject().unit().name());
            }
        }
        if (solved.isEmpty()) {
            return Optional.empty();
        }
        Map<Path, List<Change>> changes = new LinkedHashMap<>();
        List<String> noPatch = new ArrayList<>();
        StringBuilder fragment = new StringBuilder();
        for (String name : targets) {
            fragment.append("target \"").append(name).append("\" {\n  # no pull = true here (the default, false, uses the local image)\n}\n");
            Object change = resolution.target(name).map(t -> dropPullChange(t, directory)).orElse("it is not in the bake files");
            if (change instanceof Change c) {
                changes.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c);
            } else {
                noPatch.add("target " + name + ": " + change);
            }
        }
        return Optional.of(plan(FixKind.DROP_PULL, solved, "Remove pull = true from " + (targets.size() == 1 ? "target "
                + targets.iterator().next() : "targets " + String.join(", ", targets)) + ": it makes BuildKit ask the registry for the "
                + "base instead of using the image in the daemon.", "hcl", fragment.toString(), changes, noPatch, root));
    }

    /** The target's own {@code pull = true} line removed: a Change, or why there is no patch. */
    private static Object dropPullChange(BakeTarget target, Path directory) {
        Optional<BlockSource> block = target.patchBlock();
        if (block.isEmpty()) {
            return "it comes from a compose file: remove pull: true from its service there";
        }
        if (block.get().format() != BakeSource.Format.HCL) {
            return block.get().file() + " is JSON: remove \"pull\": true by hand";
        }
        Optional<AttributeSource> pull = block.get().attribute("pull");
        if (pull.isEmpty()) {
            return "pull is not set in its own block (it is inherited, or comes from --pull or --set): remove it there";
        }
        Path file = directory.resolve(block.get().file());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return file + " cannot be read";
        }
        SourceRange range = pull.get().range();
        int start = text.lastIndexOf('\n', Math.max(0, range.startOffset() - 1)) + 1;
        int end = text.indexOf('\n', range.endOffset());
        end = end < 0 ? text.length() : end + 1;
        if (!text.substring(start, range.startOffset()).isBlank() || !text.substring(range.endOffset(), end).isBlank()) {
            return "pull shares its line with other attributes; remove pull = true by hand";
        }
        return new Change(file, start, end - start, "");
    }

    private static Map<String, List<ProjectLinks.Link>> byNeeding(List<ProjectLinks.Link> links) {
        Map<String, List<ProjectLinks.Link>> grouped = new LinkedHashMap<>();
        links.forEach(l -> grouped.computeIfAbsent(l.needing().unit().name(), n -> new ArrayList<>()).add(l));
        return grouped;
    }

    /** The context entries a build needs: key → target:NAME / service:NAME, one per key. */
    private static Map<String, String> entries(List<ProjectLinks.Link> links) {
        Map<String, String> entries = new LinkedHashMap<>();
        links.forEach(l -> entries.putIfAbsent(l.key(), ProjectLinks.linkValue(l.needing().unit(), l.making().unit())));
        return entries;
    }

    private static Finding findingFor(ProjectBuilds.Judged judged, ProjectLinks.Link link) {
        return judged.diagnosis().findings().stream().filter(f -> (f.kind() == FindingKind.BAKE_TARGET_NOT_LINKED
                        || f.kind() == FindingKind.COMPOSE_SERVICE_NOT_LINKED) && link.needing().unit().equals(f.subject().unit())
                        && f.subject().image().equals(link.need().reference().familiar()) && f.subject().detail().equals(link.making().unit().name()))
                .findFirst().orElse(null);
    }

    /**
     * The docker-driver builder of the daemon's context for every build of the project whose findings it solves (a
     * local image the current builder cannot read): once with {@code --builder}, or made the current builder, which
     * {@code docker compose build} and {@code docker buildx bake} use (buildx-facts §9.6, compose#9939). Not offered
     * when the docker driver with the classic image store would refuse a build of the project (several platforms, a
     * cache export, the docker or oci exporter: §4.1, §9.4).
     */
    private static Optional<FixPlan> useDockerDriver(ProjectBuilds.Judged judged, Command command, List<NotOffered> notOffered) {
        String builder = command.snapshot().daemon().context();
        List<Finding> solved = judged.diagnosis().findings().stream()
                .filter(f -> f.fixes().contains(FixKind.USE_DOCKER_DRIVER.id()) && f.subject().unit() != null && !builder.equals(f.builder()))
                .toList();
        if (solved.isEmpty()) {
            return Optional.empty();
        }
        List<String> refused = new ArrayList<>();
        if (command.snapshot().daemon().imageStore() != ImageStoreKind.CONTAINERD) {
            for (BuildSpec spec : command.specs()) {
                if (spec.multiPlatform()) {
                    refused.add("several platforms (" + String.join(",", spec.platforms()) + ")");
                }
                spec.cacheTo().stream().filter(c -> !CacheSpec.parse(c).inline()).forEach(c -> refused.add("cache export (" + c + ")"));
                spec.outputs().stream().map(ExportSpec::parse).filter(e -> e.dockerTarball() || e.type().equals(ExportSpec.OCI))
                        .forEach(e -> refused.add("the " + e.type() + " exporter"));
            }
        }
        if (!refused.isEmpty()) {
            solved.forEach(f -> notOffered.add(new NotOffered(FixKind.USE_DOCKER_DRIVER, f.key(), "the docker driver with the classic image "
                    + "store cannot build this project: " + String.join("; ", refused.stream().distinct().toList()))));
            return Optional.empty();
        }
        List<String> once = new ArrayList<>(command.before());
        once.addAll(List.of("--builder", builder));
        once.addAll(command.after());
        List<String> plain = new ArrayList<>(command.before());
        plain.addAll(command.after());
        List<FixStep> steps = List.of(
                new FixStep("Build the project once on the docker driver (from the project's folder)",
                        List.of(shell("One build", ShellQuote.command(once)))),
                new FixStep("Or make it the current builder for this context, which this command then uses",
                        List.of(shell("Switch builders", ShellQuote.command(List.of("docker", "buildx", "use", builder)) + "\n"
                                + ShellQuote.command(plain)))));
        List<String> prerequisites = solved.stream().filter(f -> f.kind() == FindingKind.LOCAL_IMAGE_INVISIBLE).map(Finding::image)
                .filter(i -> i != null && !i.isEmpty()).distinct()
                .map(i -> "the daemon of context '" + builder + "' holds " + i + " (it does now)").toList();
        return Optional.of(new FixPlan(FixKind.USE_DOCKER_DRIVER, true, "Build on '" + builder + "', the docker-driver builder of the current "
                + "context: it builds with dockerd's own BuildKit and reads the daemon's image store, where the images are.",
                solved.stream().map(Finding::id).distinct().toList(),
                solved.stream().map(Finding::key).toList(), prerequisites, List.of(), steps, List.of()));
    }

    private static Snippet shell(String title, String content) {
        return new Snippet("shell", title, "sh", content.endsWith("\n") ? content : content + "\n");
    }

    /** Findings whose fixes are commands for the whole project: named, with the reason they are not planned here. */
    private static void addNotPlanned(ProjectBuilds.Judged judged, List<NotOffered> notOffered, List<FixPlan> plans) {
        for (Finding finding : judged.diagnosis().findings()) {
            if (finding.kind() == FindingKind.BAKE_TARGET_NOT_LINKED || finding.kind() == FindingKind.COMPOSE_SERVICE_NOT_LINKED) {
                continue;
            }
            for (String fix : finding.fixes()) {
                boolean decided = plans.stream().anyMatch(p -> p.id().equals(fix) && p.findingKeys().contains(finding.key()))
                        || notOffered.stream().anyMatch(n -> n.kind().id().equals(fix) && n.findingKey().equals(finding.key()));
                if (decided) {
                    continue;
                }
                notOffered.add(new NotOffered(FixKind.byId(fix), finding.key(), "not planned for a Compose or Bake project yet: see the "
                        + "fix's description in the README and apply it to the builder the project uses"));
            }
        }
    }

    /**
     * One change of a file: replace {@code length} characters at {@code offset} with {@code text}. Changes of one file
     * are applied from the end backwards, so each offset stays right.
     */
    private record Change(Path file, int offset, int length, String text) {
    }

    private static FixPlan plan(FixKind kind, List<Finding> solved, String summary, String language, String fragment,
                                Map<Path, List<Change>> changes, List<String> noPatch, PatchRoot root) {
        List<FixStep> steps = new ArrayList<>();
        // The file the change is made in (a finding may sit in the Dockerfile the change is about).
        String where = changes.isEmpty() ? solved.get(0).file() : root.relative(changes.keySet().iterator().next());
        steps.add(new FixStep("The change", List.of(new Snippet(language, "In " + where, language.equals("hcl") ? "hcl" : "yaml",
                fragment))));
        if (!noPatch.isEmpty()) {
            steps.add(new FixStep("No patch for this part: " + String.join("; ", noPatch), List.of()));
        }
        List<String> done = new ArrayList<>();
        changes.forEach((file, list) -> {
            String before;
            try {
                before = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                steps.add(new FixStep("No patch: " + file + " cannot be read", List.of()));
                return;
            }
            StringBuilder after = new StringBuilder(before);
            list.stream().sorted(java.util.Comparator.comparingInt(Change::offset).reversed())
                    .forEach(c -> after.replace(c.offset(), c.offset() + c.length(), c.text()));
            String path = root.relative(file);
            String diff = UnifiedDiff.of(path, before, after.toString());
            if (diff.isEmpty()) {
                done.add(path + " already has the contexts");
            } else {
                steps.add(new FixStep("The same, as a patch of " + path + " (git apply, from the repository root)",
                        List.of(new Snippet(language + "-patch", path, "diff", diff))));
            }
        });
        return new FixPlan(kind, true, summary, solved.stream().map(Finding::id).distinct().toList(), solved.stream().map(Finding::key).toList(),
                List.of(), List.of(), steps, done);
    }

    /** The offset where a 1-based line starts (the text's length past the last line). */
    private static int lineStart(String text, int line) {
        int offset = 0;
        for (int i = 1; i < line && offset >= 0; i++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return text.length();
            }
        }
        return offset;
    }

    // ---- Compose ----

    /** The service's additional_contexts with these entries added: a Change, or why there is no patch. */
    private static Object composeChange(ComposeService service, Map<String, String> entries) {
        Optional<KeyPosition> contexts = ServicePositions.last(service.positions().additionalContexts());
        Optional<KeyPosition> build = ServicePositions.last(service.positions().build());
        KeyPosition anchor = contexts.orElse(build.orElse(null));
        if (anchor == null) {
            return "its build is not written in this project's files";
        }
        if (anchor.shared() || anchor.inherited()) {
            return "its build is shared through a YAML anchor or extends, so a change there would change other services too; add the "
                    + "contexts to this service by hand";
        }
        Path file = anchor.key().file();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return file + " cannot be read";
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        if (contexts.isPresent()) {
            KeyPosition at = contexts.get();
            String indent = " ".repeat(at.value().column());
            StringBuilder lines = new StringBuilder();
            switch (at.style()) {
                case BLOCK_MAPPING -> entries.forEach((key, value) -> lines.append(indent).append(key).append(": ").append(value).append(newline));
                case BLOCK_SEQUENCE -> entries.forEach((key, value) -> lines.append(indent).append("- ").append(key).append('=').append(value)
                        .append(newline));
                default -> {
                    return "additional_contexts is written inline ({...} or [...]); add the entries to it";
                }
            }
            return new Change(file, lineStart(text, at.valueEndLine() + 1), 0, lines.toString());
        }
        KeyPosition at = build.get();
        if (at.style() == KeyPosition.Style.BLOCK_MAPPING) {
            String indent = " ".repeat(at.value().column());
            StringBuilder lines = new StringBuilder(indent + "additional_contexts:" + newline);
            entries.forEach((key, value) -> lines.append(indent).append("  ").append(key).append(": ").append(value).append(newline));
            return new Change(file, lineStart(text, at.valueEndLine() + 1), 0, lines.toString());
        }
        if (at.style() == KeyPosition.Style.SCALAR) {
            // build: ./dir becomes the long form, keeping the context it had.
            int start = lineStart(text, at.key().line());
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end).replace("\r", "");
            int colon = line.indexOf(':', at.key().column());
            String indent = " ".repeat(at.key().column() + 2);
            StringBuilder replaced = new StringBuilder(line.substring(0, colon + 1)).append(newline)
                    .append(indent).append("context: ").append(line.substring(colon + 1).strip()).append(newline)
                    .append(indent).append("additional_contexts:");
            entries.forEach((key, value) -> replaced.append(newline).append(indent).append("  ").append(key).append(": ").append(value));
            return new Change(file, start, line.length(), replaced.toString());
        }
        return "its build is written inline; add additional_contexts to it";
    }

    // ---- Bake ----

    /** A target bake made of a compose service: the link goes into that service (service:NAME, which bake reads as target:NAME). */
    private static List<Object> composeSourced(BakeTarget target, Path directory, Map<String, String> environment, List<ProjectLinks.Link> links) {
        List<Path> files = target.sources().stream().filter(b -> b.format() == BakeSource.Format.COMPOSE).map(b -> directory.resolve(b.file()))
                .distinct().toList();
        if (files.isEmpty()) {
            return List.of("it is not written in a file this run read");
        }
        try {
            ComposeProject project = ComposeReader.read(ComposeRequest.of(files).withEnvironment(environment));
            Optional<ComposeService> service = project.allServices().stream().filter(s -> s.name().replace('.', '_').equals(target.name())).findFirst();
            if (service.isEmpty()) {
                return List.of("its compose service is not found");
            }
            Map<String, String> entries = new LinkedHashMap<>();
            links.forEach(l -> entries.putIfAbsent(l.key(), "service:" + l.making().unit().name()));
            return List.of(composeChange(service.get(), entries));
        } catch (ComposeException e) {
            return List.of(e.getMessage());
        }
    }

    /** The target's contexts with the links added (or mis-keyed entries renamed): Changes, or why there is no patch. */
    private static List<Object> bakeChanges(BakeTarget target, Path directory, List<ProjectLinks.Link> links) {
        Optional<BlockSource> block = target.patchBlock();
        if (block.isEmpty()) {
            return List.of("it comes from a compose file: give its service the contexts there");
        }
        if (block.get().format() != BakeSource.Format.HCL) {
            return List.of(block.get().file() + " is JSON: add the \"contexts\" entries by hand");
        }
        Path file = directory.resolve(block.get().file());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(file + " cannot be read");
        }
        List<Object> changes = new ArrayList<>();
        Optional<AttributeSource> contexts = block.get().attribute("contexts");
        Map<String, String> toAdd = new LinkedHashMap<>();
        for (ProjectLinks.Link link : links) {
            if (link.misKeyed().isPresent() && contexts.isPresent() && contexts.get().objectKeys().containsKey(link.misKeyed().get())) {
                SourceRange key = contexts.get().objectKeys().get(link.misKeyed().get());
                changes.add(new Change(file, key.startOffset(), key.endOffset() - key.startOffset(), "\"" + link.key() + "\""));
            } else if (link.misKeyed().isPresent()) {
                // A key made from variables ("base:${TAG}") is right for other tags: renaming it would break those.
                changes.add("its context key for " + ProjectLinks.linkValue(link.needing().unit(), link.making().unit()) + " is computed and comes "
                        + "out as \"" + link.misKeyed().get() + "\", which BuildKit never asks for (it asks for \"" + link.key() + "\"); give the "
                        + "context a fixed name (\"base-image\" = \"target:" + link.making().unit().name() + "\") and use that name in the FROM");
            } else {
                toAdd.putIfAbsent(link.key(), ProjectLinks.linkValue(link.needing().unit(), link.making().unit()));
            }
        }
        if (toAdd.isEmpty()) {
            return changes;
        }
        List<String> entries = toAdd.entrySet().stream().map(e -> "\"" + e.getKey() + "\" = \"" + e.getValue() + "\"").toList();
        if (contexts.isPresent() && !contexts.get().objectKeys().isEmpty()) {
            SourceRange object = contexts.get().valueRange();
            int close = text.lastIndexOf('}', object.endOffset() - 1);
            if (close < object.startOffset() || !text.substring(object.startOffset(), object.endOffset()).strip().startsWith("{")) {
                changes.add("its contexts are not a plain object; add " + String.join(", ", entries) + " to them by hand");
                return changes;
            }
            int lineStart = text.lastIndexOf('\n', close - 1) + 1;
            if (text.substring(lineStart, close).isBlank()) {
                // The closing brace on its own line: the entries go on lines before it, indented like the others.
                String indent = indentOfFirstKey(text, contexts.get());
                changes.add(new Change(file, lineStart, 0, String.join("", entries.stream().map(e -> indent + e + "\n").toList())));
            } else {
                int end = close;
                while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                changes.add(new Change(file, end, close - end, ", " + String.join(", ", entries) + " "));
            }
            return changes;
        }
        if (contexts.isPresent()) {
            changes.add("its contexts are computed; add " + String.join(", ", entries) + " to them by hand");
            return changes;
        }
        SourceRange closeBrace = block.get().closeBrace();
        int lineStart = text.lastIndexOf('\n', closeBrace.startOffset() - 1) + 1;
        if (!text.substring(lineStart, closeBrace.startOffset()).isBlank()) {
            changes.add("it is written on one line; add contexts = { " + String.join(", ", entries) + " } to it");
            return changes;
        }
        String blockIndent = leading(text, block.get().block().startOffset());
        String inner = block.get().attributes().values().stream().findFirst().map(a -> leading(text, a.range().startOffset()))
                .orElse(blockIndent + "  ");
        StringBuilder insert = new StringBuilder(inner + "contexts = {\n");
        entries.forEach(e -> insert.append(inner).append("  ").append(e).append('\n'));
        insert.append(inner).append("}\n");
        changes.add(new Change(file, lineStart, 0, insert.toString()));
        return changes;
    }

    private static String indentOfFirstKey(String text, AttributeSource contexts) {
        SourceRange first = contexts.objectKeys().values().iterator().next();
        return leading(text, first.startOffset());
    }

    /** The whitespace that starts the line holding {@code offset}. */
    private static String leading(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        Matcher matcher = Pattern.compile("[ \\t]*").matcher(text);
        matcher.region(lineStart, text.length());
        return matcher.lookingAt() ? matcher.group() : "";
    }
}
