package dev.buildxlens.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.diagnose.BuildCheck;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Evidence;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.ImageCheck;
import java.util.TreeMap;

/** The JSON contract of {@code diagnose}: the same shape for Dockerfile and workflow builds. */
public final class DiagnosisJson {


    private DiagnosisJson() {
    }

    public static String write(Diagnosis diagnosis) {
        return JsonTrees.pretty(tree(diagnosis));
    }

    /** The JSON tree of {@link #write}, for reports that add their own parts (a build log's facts). */
    public static ObjectNode tree(Diagnosis diagnosis) {
        ObjectNode root = JsonTrees.object();
        ArrayNode builds = root.putArray("builds");
        for (BuildCheck build : diagnosis.builds()) {
            ObjectNode b = builds.addObject();
            b.put("file", build.file());
            b.put("line", build.line());
            nullable(b, "job", build.job());
            nullable(b, "step", build.step());
            if (build.unit() != null) {
                b.put(build.unit().kind().label(), build.unit().name());
            }
            ObjectNode builder = b.putObject("builder");
            builder.put("name", build.builder().name());
            builder.put("driver", build.builder().driver());
            ObjectNode opts = builder.putObject("driverOpts");
            new TreeMap<>(build.builder().driverOpts()).forEach(opts::put);
            ArrayNode images = b.putArray("images");
            for (ImageCheck image : build.images()) {
                ObjectNode i = images.addObject();
                i.put("ref", image.ref());
                i.put("normalized", image.normalized());
                i.put("instruction", image.instruction());
                i.put("file", image.file());
                i.put("line", image.line());
                i.put("stage", image.stage());
                ArrayNode found = i.putArray("foundIn");
                image.foundIn().forEach(found::add);
                i.put("visible", image.visible());
            }
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : diagnosis.findings()) {
            ObjectNode f = findings.addObject();
            f.put("id", finding.id());
            f.put("key", finding.key());
            f.put("severity", finding.severity().label());
            f.put("message", finding.message());
            f.put("explanation", finding.explanation());
            f.put("file", finding.file());
            f.put("line", finding.line());
            nullable(f, "job", finding.job());
            nullable(f, "step", finding.step());
            if (finding.subject().unit() != null) {
                f.put(finding.subject().unit().kind().label(), finding.subject().unit().name());
            }
            f.put("image", finding.image());
            f.put("builder", finding.builder());
            ArrayNode fixes = f.putArray("fixes");
            finding.fixes().forEach(fixes::add);
            ObjectNode subject = f.putObject("subject");
            nullable(subject, "job", finding.subject().job());
            subject.put("stepIndex", finding.subject().stepIndex());
            subject.put("image", finding.subject().image());
            subject.put("builder", finding.subject().builder());
            subject.put("arg", finding.subject().arg());
            subject.put("input", finding.subject().input());
            subject.put("source", finding.subject().source());
            subject.put("detail", finding.subject().detail());
            // Only findings read from a log carry evidence; omitted otherwise so file-based outputs stay as they were.
            if (!finding.evidence().isEmpty()) {
                ArrayNode evidence = f.putArray("evidence");
                for (Evidence e : finding.evidence()) {
                    ObjectNode line = evidence.addObject();
                    line.put("file", e.file());
                    line.put("line", e.line());
                    line.put("text", e.text());
                }
            }
        }
        ArrayNode assumptions = root.putArray("assumptions");
        diagnosis.assumptions().forEach(assumptions::add);
        return root;
    }

    private static void nullable(ObjectNode node, String key, String value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
