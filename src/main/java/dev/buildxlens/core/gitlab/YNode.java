package dev.buildxlens.core.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GitLab CI YAML value after anchors, {@code <<:} merge keys and tags are read, keeping each value's file and line:
 * GitLab's own merging ({@code include}, {@code extends}, {@code default}) and {@code !reference} work on these
 * trees, and a script line keeps the place it was written (in a template or an included file) for findings.
 */
sealed interface YNode {

    String file();

    int line();

    record YMap(Map<String, YNode> entries, String file, int line) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        YNode get(String key) {
            return entries.get(key);
        }
    }

    record YList(List<YNode> items, String file, int line) implements YNode {
        public YList {
            items = List.copyOf(items);
        }
    }

    record YScalar(String value, String file, int line) implements YNode {
    }

    /** {@code !reference [.job, key, …]}: resolved after includes and extends are merged. */
    record YReference(List<String> path, String file, int line) implements YNode {
        public YReference {
            path = List.copyOf(path);
        }
    }

    /**
     * GitLab's deep merge ({@code extends}, {@code include}): mappings merge key by key, recursively; anything else
     * (lists, scalars) is replaced by the overriding value.
     */
    static YNode merge(YNode base, YNode override) {
        if (base instanceof YMap a && override instanceof YMap b) {
            Map<String, YNode> merged = new LinkedHashMap<>(a.entries());
            b.entries().forEach((key, value) -> merged.merge(key, value, YNode::merge));
            return new YMap(merged, b.file(), b.line());
        }
        return override;
    }

    /** A list's items, nested lists flattened (GitLab flattens script arrays built with !reference). */
    static List<YNode> flatten(YNode node) {
        List<YNode> out = new ArrayList<>();
        if (node instanceof YList list) {
            for (YNode item : list.items()) {
                out.addAll(flatten(item));
            }
        } else if (node != null) {
            out.add(node);
        }
        return out;
    }
}
