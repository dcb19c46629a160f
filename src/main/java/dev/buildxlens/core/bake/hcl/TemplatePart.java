package dev.buildxlens.core.bake.hcl;

import java.util.List;

/** A piece of a string template: literal text, {@code ${expr}}, or a {@code %{if}} / {@code %{for}} directive. */
public sealed interface TemplatePart {

    record Text(String text) implements TemplatePart {
    }

    record Interpolation(Expr expr) implements TemplatePart {
    }

    record If(Expr condition, List<TemplatePart> then, List<TemplatePart> otherwise) implements TemplatePart {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    record For(String keyVar, String valueVar, Expr collection, List<TemplatePart> body) implements TemplatePart {
        public For {
            body = List.copyOf(body);
        }
    }
}
