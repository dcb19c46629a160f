package dev.buildxlens.core.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a workflow file into {@link Workflow}, with errors that name the file and line. */
public final class WorkflowParser {

    private WorkflowParser() {
    }

    public static Workflow read(Path path, String displayName) throws WorkflowException {
        return parse(YamlDocument.read(path, displayName), displayName);
    }

    public static Workflow parse(String text, String displayName) throws WorkflowException {
        return parse(YamlDocument.parse(text, displayName), displayName);
    }

    static Workflow parse(Node root, String file) throws WorkflowException {
        if (YamlDocument.scalar(root) != null || root instanceof SequenceNode) {
            throw new WorkflowException(file, YamlDocument.line(root), "not a GitHub Actions workflow: the top level must be a mapping with 'jobs'");
        }
        Map<String, Node> top = YamlDocument.mapping(root, file, "the workflow");
        Node jobsNode = top.get("jobs");
        if (jobsNode == null) {
            throw new WorkflowException(file, YamlDocument.line(root), "not a GitHub Actions workflow: no 'jobs' mapping");
        }
        Map<String, String> env = strings(top.get("env"), file, "env");
        List<Workflow.Job> jobs = new ArrayList<>();
        for (Map.Entry<String, Node> entry : YamlDocument.mapping(jobsNode, file, "jobs").entrySet()) {
            jobs.add(job(entry.getKey(), entry.getValue(), file));
        }
        return new Workflow(file, env, jobs);
    }

    private static Workflow.Job job(String id, Node node, String file) throws WorkflowException {
        Map<String, Node> job = YamlDocument.mapping(node, file, "job '" + id + "'");
        List<String> needs = new ArrayList<>();
        Node needsNode = job.get("needs");
        if (needsNode != null) {
            if (needsNode instanceof ScalarNode scalar) {
                needs.add(scalar.getValue());
            } else {
                for (Node item : YamlDocument.sequence(needsNode, file, "needs of job '" + id + "'")) {
                    needs.add(text(item, file, "an entry of needs"));
                }
            }
        }
        List<Workflow.Service> services = new ArrayList<>();
        if (job.get("services") != null) {
            for (Map.Entry<String, Node> service : YamlDocument.mapping(job.get("services"), file, "services of job '" + id + "'").entrySet()) {
                services.add(service(service.getKey(), service.getValue(), file));
            }
        }
        List<Workflow.Step> steps = new ArrayList<>();
        if (job.get("steps") != null) {
            List<Node> stepNodes = YamlDocument.sequence(job.get("steps"), file, "steps of job '" + id + "'");
            for (int i = 0; i < stepNodes.size(); i++) {
                steps.add(step(i, stepNodes.get(i), file));
            }
        }
        int keyColumn = node.getStartMark().map(m -> m.getColumn()).orElse(0);
        int servicesLine = job.get("services") == null ? 0 : keyLine(node, "services");
        int stepsLine = job.get("steps") == null ? 0 : keyLine(node, "steps");
        int needsLine = needsNode == null ? 0 : keyLine(node, "needs");
        boolean needsInline = needsNode instanceof ScalarNode || needsNode instanceof SequenceNode sequence
                && sequence.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW && YamlDocument.line(needsNode) == needsLine;
        return new Workflow.Job(id, YamlDocument.line(node), needs, strings(job.get("env"), file, "env of job '" + id + "'"), services, steps,
                keyColumn, servicesLine, stepsLine, needsLine, needsInline);
    }

    /** The line of {@code key} in a mapping node. */
    private static int keyLine(Node mapping, String key) {
        if (mapping instanceof org.snakeyaml.engine.v2.nodes.MappingNode map) {
            for (var tuple : map.getValue()) {
                if (key.equals(YamlDocument.scalar(tuple.getKeyNode()))) {
                    return YamlDocument.line(tuple.getKeyNode());
                }
            }
        }
        return 0;
    }

    private static Workflow.Service service(String name, Node node, String file) throws WorkflowException {
        String image;
        List<String> ports = new ArrayList<>();
        if (node instanceof ScalarNode scalar) {
            image = scalar.getValue();
        } else {
            Map<String, Node> service = YamlDocument.mapping(node, file, "service '" + name + "'");
            image = service.get("image") == null ? "" : text(service.get("image"), file, "image of service '" + name + "'");
            if (service.get("ports") != null) {
                for (Node port : YamlDocument.sequence(service.get("ports"), file, "ports of service '" + name + "'")) {
                    ports.add(text(port, file, "a port"));
                }
            }
        }
        return new Workflow.Service(name, image, ports, YamlDocument.line(node));
    }

    private static Workflow.Step step(int index, Node node, String file) throws WorkflowException {
        Map<String, Node> step = YamlDocument.mapping(node, file, "step " + (index + 1));
        Map<String, Workflow.Input> with = new LinkedHashMap<>();
        if (step.get("with") != null) {
            for (Map.Entry<String, Node> input : YamlDocument.mapping(step.get("with"), file, "with").entrySet()) {
                String value = YamlDocument.scalar(input.getValue());
                if (value != null) {
                    Node valueNode = input.getValue();
                    boolean singleLine = valueNode instanceof ScalarNode scalar
                            && scalar.getScalarStyle() != org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL
                            && scalar.getScalarStyle() != org.snakeyaml.engine.v2.common.ScalarStyle.FOLDED
                            && !value.contains("\n");
                    with.put(input.getKey(), new Workflow.Input(value, YamlDocument.line(valueNode), singleLine));
                }
            }
        }
        String run = step.get("run") == null ? null : text(step.get("run"), file, "run");
        int runLine = step.get("run") == null ? 0 : valueLine(step.get("run"));
        int keyColumn = node.getStartMark().map(m -> m.getColumn()).orElse(0);
        int withLine = step.get("with") == null ? 0 : keyLine(node, "with");
        int withKeyColumn = step.get("with") == null ? keyColumn + 2
                : step.get("with").getStartMark().map(m -> m.getColumn()).orElse(keyColumn + 2);
        return new Workflow.Step(index, YamlDocument.line(node), optional(step.get("name")), optional(step.get("id")),
                optional(step.get("uses")), with, strings(step.get("env"), file, "env"), run, runLine,
                new Workflow.Layout(keyColumn, withLine, withKeyColumn));
    }

    /** The line of a scalar's first content line: block scalars ({@code |}) start on the line after the marker. */
    private static int valueLine(Node node) {
        int line = YamlDocument.line(node);
        if (node instanceof ScalarNode scalar && (scalar.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL
                || scalar.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.FOLDED)) {
            return line + 1;
        }
        return line;
    }

    private static String optional(Node node) {
        return node == null ? null : YamlDocument.scalar(node);
    }

    private static String text(Node node, String file, String what) throws WorkflowException {
        String value = YamlDocument.scalar(node);
        if (value == null) {
            throw new WorkflowException(file, YamlDocument.line(node), what + " must be a string");
        }
        return value;
    }

    private static Map<String, String> strings(Node node, String file, String what) throws WorkflowException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || YamlDocument.scalar(node) != null) {
            return out; // absent, or an expression such as env: ${{ fromJSON(...) }}
        }
        for (Map.Entry<String, Node> entry : YamlDocument.mapping(node, file, what).entrySet()) {
            String value = YamlDocument.scalar(entry.getValue());
            out.put(entry.getKey(), value == null ? "" : value);
        }
        return out;
    }
}
