package dev.buildxlens.core.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.buildxlens.core.workflow.expr.Value;
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
        return new Workflow(file, env, jobs, triggers(top.get("on"), file), workingDirectory(top.get("defaults")));
    }

    /**
     * A local action's {@code action.yml}: for a composite action ({@code runs.using: composite}) its inputs and
     * steps; empty for a JavaScript or Docker action, whose effect cannot be followed.
     */
    public static java.util.Optional<CompositeAction> compositeAction(String text, String file) throws WorkflowException {
        Node root = YamlDocument.parse(text, file);
        Map<String, Node> top = YamlDocument.mapping(root, file, "the action");
        Node runs = top.get("runs");
        if (!(runs instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
            return java.util.Optional.empty();
        }
        Map<String, Node> runsMap = YamlDocument.mapping(runs, file, "runs");
        if (!"composite".equals(runsMap.get("using") == null ? null : YamlDocument.scalar(runsMap.get("using")))) {
            return java.util.Optional.empty();
        }
        List<Workflow.Step> steps = new ArrayList<>();
        if (runsMap.get("steps") != null) {
            List<Node> stepNodes = YamlDocument.sequence(runsMap.get("steps"), file, "runs.steps");
            for (int i = 0; i < stepNodes.size(); i++) {
                steps.add(step(i, stepNodes.get(i), file));
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        if (top.get("outputs") instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
            for (Map.Entry<String, Node> output : YamlDocument.mapping(top.get("outputs"), file, "outputs").entrySet()) {
                Node value = output.getValue() instanceof org.snakeyaml.engine.v2.nodes.MappingNode
                        ? YamlDocument.mapping(output.getValue(), file, "an output").get("value") : null;
                if (value != null && YamlDocument.scalar(value) != null) {
                    outputs.put(output.getKey(), YamlDocument.scalar(value));
                }
            }
        }
        return java.util.Optional.of(new CompositeAction(file, inputs(top.get("inputs"), file), steps, outputs));
    }

    /** {@code on:} as a name, a list of names, or a mapping; the inputs of workflow_dispatch and workflow_call. */
    private static Workflow.Triggers triggers(Node node, String file) throws WorkflowException {
        if (node == null) {
            return Workflow.Triggers.none();
        }
        List<String> events = new ArrayList<>();
        Map<String, Workflow.InputSpec> dispatch = new LinkedHashMap<>();
        Map<String, Workflow.InputSpec> call = new LinkedHashMap<>();
        Map<String, String> callOutputs = new LinkedHashMap<>();
        if (node instanceof ScalarNode scalar) {
            events.add(scalar.getValue());
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                String event = YamlDocument.scalar(item);
                if (event != null) {
                    events.add(event);
                }
            }
        } else {
            for (Map.Entry<String, Node> event : YamlDocument.mapping(node, file, "on").entrySet()) {
                events.add(event.getKey());
                if (event.getValue() instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
                    Map<String, Node> config = YamlDocument.mapping(event.getValue(), file, "on." + event.getKey());
                    if (event.getKey().equals("workflow_dispatch")) {
                        dispatch.putAll(inputs(config.get("inputs"), file));
                    } else if (event.getKey().equals("workflow_call")) {
                        call.putAll(inputs(config.get("inputs"), file));
                        if (config.get("outputs") instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
                            for (Map.Entry<String, Node> output : YamlDocument.mapping(config.get("outputs"), file, "outputs").entrySet()) {
                                Node value = output.getValue() instanceof org.snakeyaml.engine.v2.nodes.MappingNode
                                        ? YamlDocument.mapping(output.getValue(), file, "an output").get("value") : output.getValue();
                                String text = value == null ? null : YamlDocument.scalar(value);
                                if (text != null) {
                                    callOutputs.put(output.getKey(), text);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Workflow.Triggers(events, dispatch, call, callOutputs);
    }

    /** Inputs with their type and default (workflow_dispatch, workflow_call, and composite actions alike). */
    static Map<String, Workflow.InputSpec> inputs(Node node, String file) throws WorkflowException {
        Map<String, Workflow.InputSpec> inputs = new LinkedHashMap<>();
        if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
            return inputs;
        }
        for (Map.Entry<String, Node> input : YamlDocument.mapping(node, file, "inputs").entrySet()) {
            String type = "string";
            Value defaultValue = null;
            if (input.getValue() instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
                Map<String, Node> spec = YamlDocument.mapping(input.getValue(), file, "input " + input.getKey());
                type = spec.get("type") == null ? "string" : String.valueOf(YamlDocument.scalar(spec.get("type")));
                if (spec.get("default") != null) {
                    defaultValue = value(spec.get("default"));
                    if (type.equals("boolean") && defaultValue instanceof Value.Str text) {
                        defaultValue = Value.of(text.value().equalsIgnoreCase("true"));
                    }
                }
            }
            inputs.put(input.getKey(), new Workflow.InputSpec(input.getKey(), type, defaultValue));
        }
        return inputs;
    }

    /** {@code defaults: {run: {working-directory: DIR}}}. */
    private static String workingDirectory(Node defaults) {
        if (defaults instanceof org.snakeyaml.engine.v2.nodes.MappingNode map) {
            for (var tuple : map.getValue()) {
                if ("run".equals(YamlDocument.scalar(tuple.getKeyNode())) && tuple.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.MappingNode run) {
                    for (var entry : run.getValue()) {
                        if ("working-directory".equals(YamlDocument.scalar(entry.getKeyNode()))) {
                            return YamlDocument.scalar(entry.getValueNode());
                        }
                    }
                }
            }
        }
        return "";
    }

    /**
     * A YAML node as an expression value, typed as GitHub types it (the core schema: plain {@code true}, {@code 3},
     * {@code null} are a boolean, a number, null; anything quoted is a string).
     */
    static Value value(Node node) {
        if (node instanceof ScalarNode scalar) {
            String text = scalar.getValue();
            if (scalar.isPlain()) {
                if (text.equals("true") || text.equals("True") || text.equals("TRUE")) {
                    return Value.TRUE;
                }
                if (text.equals("false") || text.equals("False") || text.equals("FALSE")) {
                    return Value.FALSE;
                }
                if (text.isEmpty() || text.equals("~") || text.equalsIgnoreCase("null")) {
                    return Value.NULL;
                }
                if (text.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
                    return new Value.Number(Double.parseDouble(text));
                }
            }
            return new Value.Str(text);
        }
        if (node instanceof SequenceNode sequence) {
            List<Value> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(value(item));
            }
            return new Value.Array(items);
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode map) {
            for (var tuple : map.getValue()) {
                String key = YamlDocument.scalar(tuple.getKeyNode());
                if (key != null) {
                    fields.put(key, value(tuple.getValueNode()));
                }
            }
        }
        return new Value.Obj(fields);
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
        String condition = job.get("if") == null ? null : YamlDocument.scalar(job.get("if"));
        List<String> runsOn = new ArrayList<>();
        Node runsOnNode = job.get("runs-on");
        if (runsOnNode instanceof ScalarNode scalar) {
            runsOn.add(scalar.getValue());
        } else if (runsOnNode instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> {
                if (YamlDocument.scalar(item) != null) {
                    runsOn.add(YamlDocument.scalar(item));
                }
            });
        } else if (runsOnNode instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
            // runs-on: {group: …, labels: …}: a runner group of the organisation's own runners.
            Node labels = YamlDocument.mapping(runsOnNode, file, "runs-on").get("labels");
            runsOn.add("group");
            if (labels != null) {
                Value value = value(labels);
                if (value instanceof Value.Array array) {
                    array.items().forEach(v -> runsOn.add(v.asText()));
                } else {
                    runsOn.add(value.asText());
                }
            }
        }
        Value matrix = null;
        if (job.get("strategy") instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
            Node matrixNode = YamlDocument.mapping(job.get("strategy"), file, "strategy").get("matrix");
            matrix = matrixNode == null ? null : value(matrixNode);
        }
        Map<String, String> outputs = strings(job.get("outputs"), file, "outputs of job '" + id + "'");
        String uses = job.get("uses") == null ? null : YamlDocument.scalar(job.get("uses"));
        Map<String, String> with = strings(job.get("with"), file, "with of job '" + id + "'");
        return new Workflow.Job(id, YamlDocument.line(node), needs, strings(job.get("env"), file, "env of job '" + id + "'"), services, steps,
                keyColumn, servicesLine, stepsLine, needsLine, needsInline, condition, runsOn, matrix, outputs, uses, with,
                workingDirectory(job.get("defaults")));
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
                new Workflow.Layout(keyColumn, withLine, withKeyColumn), optional(step.get("if")), optional(step.get("working-directory")));
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
