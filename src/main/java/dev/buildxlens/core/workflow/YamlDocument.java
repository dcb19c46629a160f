package dev.buildxlens.core.workflow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML file read as a node tree that keeps line numbers (snakeyaml-engine's Node API), with explicit limits so
 * hostile input (alias bombs, deep nesting, huge files) gives a clear error instead of exhausting memory.
 */
public final class YamlDocument {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    private static final int MAX_ALIASES = 50;
    private static final int MAX_DEPTH = 64;

    private YamlDocument() {
    }

    /** Reads and composes; every failure names the file and, where YAML knows it, the line. */
    public static Node read(Path path, String displayName) throws WorkflowException {
        return parse(readText(path, displayName), displayName);
    }

    /** The file's text, checked first: a regular file, within the size limit, UTF-8. */
    public static String readText(Path path, String displayName) throws WorkflowException {
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw new WorkflowException(displayName, 0, "is a directory, not a workflow file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new WorkflowException(displayName, 0, "is " + size + " bytes: too large for a workflow (limit " + MAX_BYTES + ")");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw new WorkflowException(displayName, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new WorkflowException(displayName, 0, "is not UTF-8 text");
        } catch (IOException e) {
            throw new WorkflowException(displayName, 0, "cannot be read: " + e.getMessage());
        }
        return text;
    }

    public static Node parse(String text, String displayName) throws WorkflowException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(displayName)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(false)
                .setCodePointLimit((int) MAX_BYTES)
                .setUseMarks(true)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            throw new WorkflowException(displayName, line, "invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new WorkflowException(displayName, 0, "invalid YAML: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            // The composer recurses; the parser does not, so it finds the line that went too deep.
            throw new WorkflowException(displayName, lineNestedTooDeep(text, settings), "nested more than " + MAX_DEPTH + " levels deep");
        }
        if (root.isEmpty()) {
            throw new WorkflowException(displayName, 1, "the file is empty");
        }
        checkDepth(root.get(), 0, displayName, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return root.get();
    }

    /**
     * The line of the first collection nested deeper than {@link #MAX_DEPTH}, read from the event stream (the parser
     * keeps its own stack, so {@code [[[[…} thousands deep cannot overflow it); 0 when there is none.
     */
    private static int lineNestedTooDeep(String text, LoadSettings settings) {
        int open = 0;
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                switch (event.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        if (open > MAX_DEPTH) {
                            return event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                        }
                        open++;
                    }
                    case MappingEnd, SequenceEnd -> open--;
                    default -> {
                        // scalars, aliases, document and stream markers do not nest
                    }
                }
            }
        } catch (YamlEngineException e) {
            return 0;
        }
        return 0;
    }

    /** Visits each node once: aliases share nodes, and walking them as a tree would be exponential. */
    private static void checkDepth(Node node, int depth, String file, java.util.Set<Node> seen) throws WorkflowException {
        if (depth > MAX_DEPTH) {
            throw new WorkflowException(file, line(node), "nested more than " + MAX_DEPTH + " levels deep");
        }
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                checkDepth(tuple.getValueNode(), depth + 1, file, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                checkDepth(item, depth + 1, file, seen);
            }
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** 1-based line of a node. */
    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** A mapping's entries by key, in order; duplicate keys are an error (GitHub rejects them too). */
    public static Map<String, Node> mapping(Node node, String file, String what) throws WorkflowException {
        if (!(node instanceof MappingNode mapping)) {
            throw new WorkflowException(file, line(node), what + " must be a mapping");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new WorkflowException(file, line(tuple.getKeyNode()), what + " has a key that is not a string");
            }
            if (entries.containsKey(key.getValue())) {
                throw new WorkflowException(file, line(key), "duplicate key '" + key.getValue() + "' in " + what);
            }
            entries.put(key.getValue(), tuple.getValueNode());
        }
        return entries;
    }

    public static List<Node> sequence(Node node, String file, String what) throws WorkflowException {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        throw new WorkflowException(file, line(node), what + " must be a list");
    }

    /** A scalar's text; null for a non-scalar. */
    public static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }
}
