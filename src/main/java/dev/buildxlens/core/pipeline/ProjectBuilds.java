package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.diagnose.BuildCheck;
import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.BuildSite;
import dev.buildxlens.core.diagnose.BuildUnit;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.FindingKind;
import dev.buildxlens.core.diagnose.ProjectLinks;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.visibility.VisibilityRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The builds of one Compose project or Bake run, each judged on its builder like a single build, then together: the
 * links a build needs to another build of the same run ({@link ProjectLinks}).
 */
final class ProjectBuilds {

    /**
     * One build to judge: its unit, where it is written, its spec, its Dockerfile's text and display name, and the
     * file it was read from (null for an inline Dockerfile).
     */
    record Unit(BuildUnit unit, BuildSite site, BuildSpec spec, String dockerfileText, String dockerfileName, Path dockerfilePath) {
    }

    /** The diagnosis, and the links that are missing (for the fixes). */
    record Judged(Diagnosis diagnosis, List<ProjectLinks.Link> missingLinks) {
    }

    private ProjectBuilds() {
    }

    static Judged judge(List<Unit> units, Snapshot snapshot, List<String> assumptions) throws DockerfileException, InputException {
        List<BuildCheck> checks = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<ProjectLinks.Member> members = new ArrayList<>();
        for (Unit unit : units) {
            // Bake (and Compose, which hands its builds to bake) passes named-context keys as written (§9.6): the specs say so.
            DockerfileInputs inputs = unit.spec().dockerfileInputs();
            DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(unit.dockerfileText(), unit.dockerfileName()), inputs);
            Builder builder;
            BuildDiagnoser.Result result;
            try {
                builder = BuildDiagnoser.builderFor(snapshot, unit.spec().builder());
                result = BuildDiagnoser.diagnose(snapshot, new BuildRequest(analysis, unit.spec(), unit.site()));
            } catch (UnknownBuilderException e) {
                throw new InputException("--builder: " + e.getMessage(), e);
            }
            checks.add(result.check());
            findings.addAll(result.findings());
            List<ImageReference> produces = unit.spec().tags().stream().map(ImageReference::parseOrNull).filter(r -> r != null).toList();
            Map<String, String> contexts = new LinkedHashMap<>();
            unit.spec().contexts().forEach(c -> contexts.put(c.name(), c.value()));
            members.add(new ProjectLinks.Member(unit.unit(), unit.site(), analysis, produces, contexts, builder.name(),
                    builder.driver().equals(VisibilityRules.DOCKER)));
        }
        List<ProjectLinks.Link> missing = ProjectLinks.missing(members);
        Set<String> linked = new HashSet<>();
        List<Finding> linkFindings = new ArrayList<>();
        for (ProjectLinks.Link link : missing) {
            linked.add(link.needing().unit() + " " + link.need().reference().familiar());
            linkFindings.add(ProjectLinks.finding(link));
        }
        // The missing link says more than "the image is only in the daemon" about the same image in the same build.
        findings.removeIf(f -> f.kind() == FindingKind.LOCAL_IMAGE_INVISIBLE && f.subject().unit() != null
                && linked.contains(f.subject().unit() + " " + f.subject().image()));
        findings.addAll(0, linkFindings);
        // A builder that cannot read the daemon asks a registry for the other build's tag, which this run has not put
        // there: the image is not visible to it, whatever a registry may hold (at best an old push).
        Set<String> unlinked = new HashSet<>();
        for (ProjectLinks.Link link : missing) {
            if (!link.needing().readsDaemonStore()) {
                unlinked.add(link.needing().unit() + " " + link.need().file() + ":" + link.need().line());
            }
        }
        List<BuildCheck> judged = checks.stream().map(check -> check.withImages(check.images().stream()
                .map(image -> unlinked.contains(check.unit() + " " + image.file() + ":" + image.line())
                        ? new ImageCheck(image.ref(), image.normalized(), image.instruction(), image.file(), image.line(), image.stage(),
                                image.foundIn(), false)
                        : image).toList())).toList();
        return new Judged(new Diagnosis(judged, findings, assumptions), missing);
    }
}
