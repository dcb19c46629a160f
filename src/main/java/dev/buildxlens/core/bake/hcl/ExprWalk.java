package dev.buildxlens.core.bake.hcl;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an expression refers to without evaluating it: the root names it reads (minus those its own {@code for}
 * expressions bind) and the functions it calls — HCL's {@code Variables()} and bake's {@code funcCalls}.
 */
public final class ExprWalk {

    private final Set<String> roots = new LinkedHashSet<>();
    private final Set<String> calls = new LinkedHashSet<>();

    private ExprWalk() {
    }

    public static ExprWalk of(Expr expr) {
        ExprWalk walk = new ExprWalk();
        walk.visit(expr, Set.of());
        return walk;
    }

    public Set<String> roots() {
        return roots;
    }

    public Set<String> calls() {
        return calls;
    }

    private void visit(Expr expr, Set<String> bound) {
        if (expr == null) {
            return;
        }
        if (expr instanceof Expr.Traversal t) {
            if (!bound.contains(t.root())) {
                roots.add(t.root());
            }
        } else if (expr instanceof Expr.Template template) {
            parts(template.parts(), bound);
        } else if (expr instanceof Expr.Call call) {
            calls.add(call.name());
            call.args().forEach(a -> visit(a, bound));
        } else if (expr instanceof Expr.Conditional c) {
            visit(c.condition(), bound);
            visit(c.whenTrue(), bound);
            visit(c.whenFalse(), bound);
        } else if (expr instanceof Expr.Binary b) {
            visit(b.left(), bound);
            visit(b.right(), bound);
        } else if (expr instanceof Expr.Unary u) {
            visit(u.operand(), bound);
        } else if (expr instanceof Expr.TupleCons t) {
            t.items().forEach(i -> visit(i, bound));
        } else if (expr instanceof Expr.ObjectCons o) {
            for (Expr.ObjectItem item : o.items()) {
                visit(item.key(), bound);
                visit(item.value(), bound);
            }
        } else if (expr instanceof Expr.Index i) {
            visit(i.collection(), bound);
            visit(i.key(), bound);
        } else if (expr instanceof Expr.GetAttr g) {
            visit(g.object(), bound);
        } else if (expr instanceof Expr.Splat s) {
            visit(s.source(), bound);
        } else if (expr instanceof Expr.For f) {
            visit(f.collection(), bound);
            Set<String> inner = new HashSet<>(bound);
            if (f.keyVar() != null) {
                inner.add(f.keyVar());
            }
            inner.add(f.valueVar());
            visit(f.keyExpr(), inner);
            visit(f.valueExpr(), inner);
            visit(f.condition(), inner);
        } else if (expr instanceof Expr.Parens p) {
            visit(p.inner(), bound);
        }
    }

    private void parts(List<TemplatePart> parts, Set<String> bound) {
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Interpolation i) {
                visit(i.expr(), bound);
            } else if (part instanceof TemplatePart.If f) {
                visit(f.condition(), bound);
                parts(f.then(), bound);
                parts(f.otherwise(), bound);
            } else if (part instanceof TemplatePart.For f) {
                visit(f.collection(), bound);
                Set<String> inner = new HashSet<>(bound);
                if (f.keyVar() != null) {
                    inner.add(f.keyVar());
                }
                inner.add(f.valueVar());
                parts(f.body(), inner);
            }
        }
    }
}
