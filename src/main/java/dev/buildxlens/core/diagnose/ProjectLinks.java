package dev.buildxlens.core.diagnose;

import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The link a project of several builds needs and often lacks: a Bake target or Compose service whose Dockerfile
 * starts {@code FROM} the image another build of the same run tags. Bake builds targets in parallel and never infers
 * that {@code FROM a} means target {@code a} (buildx#141, #274, #447, #1064); Compose's {@code depends_on} orders
 * containers, not builds (compose#9686). The image is then looked up where the builder looks: a registry (and it fails,
 * or takes an old one), or on the docker driver whatever the daemon holds from an earlier build. The link is a named
 * context whose key is the name BuildKit looks the {@code FROM} up by (familiar name, {@code :latest} dropped): bake
 * {@code contexts = { a = "target:a" }}, Compose {@code additional_contexts: { a: "service:a" }} (buildx-facts §9.6).
 */
public final class ProjectLinks {

    /** One build of the project: its unit, where it is written, its analysis, the tags it makes and its builder's driver. */
    public record Member(BuildUnit unit, BuildSite site, DockerfileAnalysis analysis, List<ImageReference> produces, Map<String, String> contexts,
                         String builder, boolean readsDaemonStore) {
        public Member {
            produces = List.copyOf(produces);
            contexts = Map.copyOf(contexts);
        }
    }

    /** A missing link, as data for the fix: who needs what from whom, and the key the link must have. */
    public record Link(Member needing, ImageNeed need, Member making, String key, Optional<String> misKeyed) {
    }

    private ProjectLinks() {
    }

    public static List<Link> missing(List<Member> members) {
        List<Link> links = new ArrayList<>();
        for (Member member : members) {
            for (ImageNeed need : member.analysis().images()) {
                ImageReference reference = need.reference();
                if (reference == null || need.context() != null && need.context().kind() != NamedContext.Kind.DOCKER_IMAGE) {
                    continue;
                }
                for (Member other : members) {
                    if (other == member || other.produces().stream().noneMatch(tag -> tag.normalized().equals(reference.normalized()))) {
                        continue;
                    }
                    String key = DockerfileAnalyzer.contextKey(need.raw());
                    // A context that points at the other build under a key BuildKit never asks for (bake keeps keys as written).
                    Optional<String> misKeyed = member.contexts().entrySet().stream()
                            .filter(e -> e.getValue().equals(linkValue(member.unit(), other.unit())) && !e.getKey().equals(key))
                            .map(Map.Entry::getKey).findFirst();
                    links.add(new Link(member, need, other, key, misKeyed));
                }
            }
        }
        return links;
    }

    /** What a link's value is: {@code target:NAME} in bake, {@code service:NAME} in Compose. */
    public static String linkValue(BuildUnit from, BuildUnit to) {
        return (from.kind() == BuildUnit.Kind.TARGET ? "target:" : "service:") + to.name();
    }

    /** The finding for a missing link: an error where the builder cannot read the daemon store, a warning where it can. */
    public static Finding finding(Link link) {
        Member member = link.needing();
        boolean bake = member.unit().kind() == BuildUnit.Kind.TARGET;
        FindingKind kind = bake ? FindingKind.BAKE_TARGET_NOT_LINKED : FindingKind.COMPOSE_SERVICE_NOT_LINKED;
        String what = member.unit().kind().label();
        String image = link.need().reference().familiar();
        String message = what + " " + member.unit().name() + " needs " + image + " (" + link.need().instruction() + ", " + link.need().file() + ":"
                + link.need().line() + "), which " + what + " " + link.making().unit().name() + " builds, but nothing links them";
        String how = bake ? "contexts = { " + quoted(link.key()) + " = \"target:" + link.making().unit().name() + "\" }"
                : "additional_contexts: { " + link.key() + ": \"service:" + link.making().unit().name() + "\" }";
        String order = bake ? "Bake builds its targets in parallel and never infers that this FROM means target "
                + link.making().unit().name() + "'s result (buildx#141, #447)."
                : "Compose builds services in parallel; depends_on orders containers, not builds (compose#9686).";
        String where = member.readsDaemonStore()
                ? " On the docker driver the build takes whatever " + image + " the daemon holds: it works only if an earlier build left "
                        + "one there, and then it may be an old one."
                : " Builder " + member.builder() + " cannot read the daemon's images, so it asks the registry for " + image
                        + " and fails ('pull access denied'), or takes an old pushed one.";
        String misKeyed = link.misKeyed().map(k -> " The contexts entry " + quoted(k) + " never matches: bake passes keys as written, "
                + "and BuildKit looks this FROM up as " + quoted(link.key()) + " (familiar name, :latest dropped; buildx-facts §9.6).")
                .orElse("");
        String explanation = order + where + misKeyed + " Link them with " + how + " in " + what + " " + member.unit().name()
                + ": the key is the name BuildKit looks the FROM up by.";
        Subject subject = new Subject(null, -1, image, member.builder(), "", "", link.need().file() + ":" + link.need().line(),
                link.making().unit().name(), member.unit());
        Finding finding = Finding.of(kind, message, explanation, member.site().file(), member.site().line(), null, subject);
        return member.readsDaemonStore() ? new Finding(kind, Severity.WARNING, finding.message(), finding.explanation(), finding.file(),
                finding.line(), null, subject) : finding;
    }

    private static String quoted(String key) {
        return "\"" + key + "\"";
    }
}
