package dev.buildxlens.core.compose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a Compose file into {@link Tree} nodes: snakeyaml-engine's node API (so every value keeps its line), with
 * the limits the workflow reader uses against hostile input (file size, aliases, nesting depth, duplicate keys) plus
 * a cap on the nodes that aliases expand to. On the way it does what go-yaml does for Compose and snakeyaml-engine
 * does not: merge keys ({@code <<: *defaults}), go-yaml's typing of plain scalars, and Compose's {@code !reset} and
 * {@code !override} tags; and it interpolates every string value (never a key), as Compose does per file before
 * merging.
 */
final class ComposeYaml {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    /** Alias uses per file; generous because real files use {@code <<: *common} in every service. */
    private static final int MAX_ALIASES = 1000;
    private static final int MAX_DEPTH = 64;
    /** Nodes visited while expanding aliases (compose-go's own limit), so an alias bomb stops early. */
    private static final int MAX_NODES = 100_000;

    /** Interpolates one string value at {@code path} (for messages) written at {@code place}. */
    @FunctionalInterface
    interface Interpolator {
        String interpolate(String value, String path, Tree.Place place) throws ComposeException;
    }

    private final Path file;
    private final List<String> lines;
    private final Interpolator interpolator;
    private final Map<Node, Tree.Uses> uses = new IdentityHashMap<>();
    private int visited;

    private ComposeYaml(Path file, String text, Interpolator interpolator) {
        this.file = file;
        this.lines = text.lines().toList();
        this.interpolator = interpolator;
    }

    /** The file's text, checked first: a regular file, within the size limit, UTF-8. */
    static String readText(Path path) throws ComposeException {
        try {
            if (Files.isDirectory(path)) {
                throw new ComposeException(path, 0, "is a directory, not a file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new ComposeException(path, 0, "is " + size + " bytes: too large (limit " + MAX_BYTES + ")");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw new ComposeException(path, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new ComposeException(path, 0, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ComposeException(path, 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Every YAML document of the text (Compose merges them in order), each as a tree with its strings interpolated.
     * An empty file has no documents.
     */
    static List<Tree.Node> documents(String text, Path file, Interpolator interpolator) throws ComposeException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(false)
                .setCodePointLimit((int) MAX_BYTES)
                .setUseMarks(true)
                .build();
        ComposeYaml reader = new ComposeYaml(file, text, interpolator);
        List<Node> roots = new ArrayList<>();
        try {
            for (Node root : new Compose(settings).composeAllFromString(text)) {
                roots.add(root);
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            throw new ComposeException(file, line, "invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
            throw new ComposeException(file, 0, "invalid YAML: " + message);
        } catch (StackOverflowError e) {
            throw new ComposeException(file, 0, "nested more than " + MAX_DEPTH + " levels deep");
        }
        List<Tree.Node> documents = new ArrayList<>();
        for (Node root : roots) {
            documents.add(reader.node(root, null, "", 0));
        }
        return documents;
    }

    private Tree.Node node(Node node, Tree.Use parent, String path, int depth) throws ComposeException {
        if (depth > MAX_DEPTH) {
            throw new ComposeException(file, line(node), "nested more than " + MAX_DEPTH + " levels deep (or an anchor that contains itself)");
        }
        if (++visited > MAX_NODES) {
            throw new ComposeException(file, line(node), "expands to more than " + MAX_NODES + " YAML nodes through aliases");
        }
        Tree.Uses count = uses.computeIfAbsent(node, n -> new Tree.Uses());
        count.add();
        Tree.Use use = new Tree.Use(parent, count);
        Tree.Tag tag = composeTag(node.getTag());
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, use, path, tag);
        }
        if (node instanceof SequenceNode sequence) {
            List<Tree.Node> items = new ArrayList<>();
            int endLine = line(node);
            for (int i = 0; i < sequence.getValue().size(); i++) {
                boolean alias = uses.containsKey(sequence.getValue().get(i));
                Tree.Node item = node(sequence.getValue().get(i), use, path + "[" + i + "]", depth + 1);
                endLine = Math.max(endLine, alias ? endLine : item.place().endLine());
                if (item.tag() != Tree.Tag.RESET) {
                    items.add(item);
                }
            }
            boolean flow = sequence.getFlowStyle() == FlowStyle.FLOW;
            return new Tree.Sequence(items, place(node, flow ? endOf(node) : endLine,
                    flow ? KeyPosition.Style.FLOW_SEQUENCE : KeyPosition.Style.BLOCK_SEQUENCE, use), tag);
        }
        return mapping((MappingNode) node, use, path, depth, tag);
    }

    private Tree.Mapping mapping(MappingNode node, Tree.Use use, String path, int depth, Tree.Tag tag) throws ComposeException {
        Map<String, Integer> explicit = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (isMergeKey(tuple.getKeyNode())) {
                continue;
            }
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new ComposeException(file, line(tuple.getKeyNode()), "a mapping key must be a string"
                        + (path.isEmpty() ? "" : " (in " + path + ")"));
            }
            Integer first = explicit.putIfAbsent(key.getValue(), line(key));
            if (first != null) {
                throw new ComposeException(file, line(key), "mapping key \"" + key.getValue() + "\" already defined at line " + first);
            }
        }
        Map<String, Tree.Entry> entries = new LinkedHashMap<>();
        Set<String> merged = new HashSet<>();
        int endLine = line(node);
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (isMergeKey(keyNode)) {
                for (MappingNode source : mergeSources(tuple.getValueNode())) {
                    Tree.Mapping sourceMapping = (Tree.Mapping) node(source, use, path, depth + 1);
                    endLine = Math.max(endLine, line(keyNode));
                    for (Tree.Entry entry : sourceMapping.entries().values()) {
                        // Keys written in the mapping win; among merged mappings the first one wins.
                        if (!explicit.containsKey(entry.key()) && merged.add(entry.key())) {
                            entries.put(entry.key(), entry);
                        }
                    }
                }
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            // An alias's node is the anchored one, written elsewhere: this mapping's text ends on the alias's line.
            boolean alias = uses.containsKey(tuple.getValueNode());
            Tree.Node value = node(tuple.getValueNode(), use, path.isEmpty() ? key : path + "." + key, depth + 1);
            Tree.Place keyPlace = place(keyNode, line(keyNode), KeyPosition.Style.SCALAR, use);
            entries.put(key, new Tree.Entry(key, value, List.of(new Tree.Definition(keyPlace, value.place(), false))));
            endLine = Math.max(endLine, alias ? line(keyNode) : value.place().endLine());
        }
        boolean flow = node.getFlowStyle() == FlowStyle.FLOW;
        return new Tree.Mapping(entries, place(node, flow ? endOf(node) : endLine,
                flow ? KeyPosition.Style.FLOW_MAPPING : KeyPosition.Style.BLOCK_MAPPING, use), tag);
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode scalar && scalar.isPlain() && scalar.isResolved() && scalar.getValue().equals("<<");
    }

    private List<MappingNode> mergeSources(Node value) throws ComposeException {
        if (value instanceof MappingNode mapping) {
            return List.of(mapping);
        }
        if (value instanceof SequenceNode sequence) {
            List<MappingNode> sources = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof MappingNode mapping)) {
                    throw new ComposeException(file, line(item), "a merge key (<<) takes a mapping or a list of mappings");
                }
                sources.add(mapping);
            }
            return sources;
        }
        throw new ComposeException(file, line(value), "a merge key (<<) takes a mapping or a list of mappings");
    }

    private Tree.Scalar scalar(ScalarNode scalar, Tree.Use use, String path, Tree.Tag tag) throws ComposeException {
        String text = scalar.getValue();
        boolean block = scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED;
        GoScalars.Resolved resolved;
        if (tag != Tree.Tag.NONE || !scalar.isPlain()) {
            resolved = new GoScalars.Resolved(Tree.ScalarType.STRING, text);
        } else if (scalar.isResolved()) {
            resolved = GoScalars.resolvePlain(text);
        } else if (scalar.getTag().equals(Tag.NULL)) {
            resolved = new GoScalars.Resolved(Tree.ScalarType.NULL, null);
        } else if (scalar.getTag().equals(Tag.STR)) {
            resolved = new GoScalars.Resolved(Tree.ScalarType.STRING, text);
        } else {
            resolved = text.isEmpty() ? new GoScalars.Resolved(Tree.ScalarType.STRING, text) : GoScalars.resolvePlain(text);
        }
        KeyPosition.Style style = block ? KeyPosition.Style.BLOCK_SCALAR
                : resolved.type() == Tree.ScalarType.NULL && text.isEmpty() ? KeyPosition.Style.EMPTY : KeyPosition.Style.SCALAR;
        int endLine = style == KeyPosition.Style.EMPTY ? line(scalar) : endOf(scalar);
        if (block) {
            while (endLine > line(scalar) + 1 && endLine <= lines.size() && lines.get(endLine - 1).isBlank()) {
                endLine--;
            }
        }
        Tree.Place place = place(scalar, endLine, style, use);
        String value = resolved.text();
        if (resolved.type() == Tree.ScalarType.STRING && value.indexOf('$') >= 0) {
            value = interpolator.interpolate(value, path, place);
        }
        return new Tree.Scalar(value, resolved.type(), place, tag);
    }

    private static Tree.Tag composeTag(Tag tag) {
        return switch (tag.getValue()) {
            case "!reset" -> Tree.Tag.RESET;
            case "!override" -> Tree.Tag.OVERRIDE;
            default -> Tree.Tag.NONE;
        };
    }

    private Tree.Place place(Node node, int endLine, KeyPosition.Style style, Tree.Use use) {
        int[] start = contentStart(node);
        return new Tree.Place(file, start[0], start[1], endLine, style, use);
    }

    /**
     * Where a node's content starts (1-based line, 0-based column). snakeyaml's start mark is where the node's
     * properties start ({@code &anchor}, {@code !tag}); a block collection starts at its first entry (for a block
     * sequence, that entry's dash), a scalar after its properties.
     */
    private int[] contentStart(Node node) {
        Mark start = node.getStartMark().orElseThrow();
        boolean properties = node.getAnchor().isPresent() || !node.isResolved();
        if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.BLOCK && !mapping.getValue().isEmpty()) {
            Mark key = mapping.getValue().get(0).getKeyNode().getStartMark().orElse(start);
            return new int[] {key.getLine() + 1, key.getColumn()};
        }
        if (node instanceof SequenceNode sequence && sequence.getFlowStyle() == FlowStyle.BLOCK && properties
                && !sequence.getValue().isEmpty() && !uses.containsKey(sequence.getValue().get(0))) {
            Mark item = sequence.getValue().get(0).getStartMark().orElse(start);
            String text = item.getLine() < lines.size() ? lines.get(item.getLine()) : "";
            int dash = text.lastIndexOf('-', Math.min(item.getColumn(), text.length()) - 1);
            return new int[] {item.getLine() + 1, dash < 0 ? item.getColumn() : dash};
        }
        if (properties) {
            return afterProperties(start.getLine(), start.getColumn());
        }
        return new int[] {start.getLine() + 1, start.getColumn()};
    }

    /** Skips {@code &anchor} and {@code !tag} tokens and blanks, onto the next line if they end one. */
    private int[] afterProperties(int line, int column) {
        int row = line;
        int col = column;
        while (row < lines.size()) {
            String text = lines.get(row);
            while (col < text.length()) {
                char c = text.charAt(col);
                if (c == ' ' || c == '\t') {
                    col++;
                } else if (c == '&' || c == '!') {
                    while (col < text.length() && text.charAt(col) != ' ' && text.charAt(col) != '\t') {
                        col++;
                    }
                } else {
                    return new int[] {row + 1, col};
                }
            }
            row++;
            col = 0;
        }
        return new int[] {line + 1, column};
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** The last line a node's text is on: its end mark, or the line before when the mark sits at a line's start. */
    private static int endOf(Node node) {
        Mark end = node.getEndMark().orElse(null);
        if (end == null) {
            return line(node);
        }
        int endLine = end.getColumn() == 0 && end.getLine() + 1 > line(node) ? end.getLine() : end.getLine() + 1;
        return Math.max(endLine, line(node));
    }
}
