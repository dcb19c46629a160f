package dev.buildxlens.core.fix;

import java.util.List;

/** One step of a fix, in order, with the snippets it needs. */
public record FixStep(String title, List<Snippet> snippets) {

    public FixStep {
        snippets = List.copyOf(snippets);
    }
}
