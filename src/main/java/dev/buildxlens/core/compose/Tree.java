package dev.buildxlens.core.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Compose model while it is being assembled: YAML values that remember where they were written, so that after
 * interpolation, {@code include}, {@code extends} and the merging of several files each key still knows every place
 * that defined it. Nodes are immutable; merging builds new ones.
 */
final class Tree {

    private Tree() {
    }

    /** Compose's custom YAML tags (compose-spec {@code 13-merge.md}); {@link #NONE} for every other value. */
    enum Tag { NONE, RESET, OVERRIDE }

    /** How go-yaml would have typed a scalar; only {@link #STRING} values are interpolated. */
    enum ScalarType { STRING, BOOL, INT, FLOAT, NULL }

    /**
     * How often one written YAML node is used: once where it is written, once more for every alias ({@code *name})
     * or merge key ({@code <<: *name}) that refers to it.
     */
    static final class Uses {
        private int count;

        void add() {
            count++;
        }

        boolean shared() {
            return count > 1;
        }
    }

    /** One use of a node, inside the use of its parent; shared when it or any parent is written once and used twice. */
    record Use(Use parent, Uses uses) {
        boolean shared() {
            for (Use use = this; use != null; use = use.parent) {
                if (use.uses.shared()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Where a node is written: 1-based lines, 0-based columns, the last line with content, and its YAML style. */
    record Place(Path file, int line, int column, int endLine, KeyPosition.Style style, Use use) {
        SourcePosition start() {
            return new SourcePosition(file, line, column);
        }
    }

    sealed interface Node permits Scalar, Sequence, Mapping {
        Place place();

        Tag tag();
    }

    /** A scalar; {@code text} is what Compose would read as a string (null for YAML null). */
    record Scalar(String text, ScalarType type, Place place, Tag tag) implements Node {
        boolean isNull() {
            return type == ScalarType.NULL;
        }

        static Scalar synthetic(String text, Place place) {
            return new Scalar(text, ScalarType.STRING, place, Tag.NONE);
        }
    }

    record Sequence(List<Node> items, Place place, Tag tag) implements Node {
        Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping in written order; each entry carries the places that defined it. */
    record Mapping(Map<String, Entry> entries, Place place, Tag tag) implements Node {
        Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Node get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        Entry entry(String key) {
            return entries.get(key);
        }

        Mapping with(Entry entry) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            copy.put(entry.key(), entry);
            return new Mapping(copy, place, tag);
        }

        Mapping without(String key) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            copy.remove(key);
            return new Mapping(copy, place, tag);
        }

        static Mapping empty(Place place) {
            return new Mapping(Map.of(), place, Tag.NONE);
        }
    }

    /** One key of a mapping, its value and every definition of it, in merge order (the last one wins for scalars). */
    record Entry(String key, Node value, List<Definition> definitions) {
        Entry {
            definitions = List.copyOf(definitions);
        }

        Entry withValue(Node newValue) {
            return new Entry(key, newValue, definitions);
        }

        /** The same entry seen from a service that {@code extends} the one defining it. */
        Entry inherited() {
            List<Definition> marked = new ArrayList<>();
            for (Definition definition : definitions) {
                marked.add(new Definition(definition.key(), definition.value(), true));
            }
            return new Entry(key, value, marked);
        }
    }

    /** One place that wrote a key: the key itself and its value; {@code inherited} when it came through extends. */
    record Definition(Place key, Place value, boolean inherited) {
        KeyPosition position() {
            return new KeyPosition(key.start(), value.start(), value.endLine(), value.style(),
                    key.use().shared() || value.use().shared(), inherited);
        }
    }
}
