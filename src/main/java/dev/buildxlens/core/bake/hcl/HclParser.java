package dev.buildxlens.core.bake.hcl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for HCL2's native syntax, the subset configuration files use (and every construct bake files are seen to
 * use): bodies of attributes and labelled blocks, comments ({@code #}, {@code //}, {@code /* *}{@code /}), numbers,
 * bools, null, strings with escapes, {@code ${}} interpolation, {@code %{if}}/{@code %{for}} directives and {@code ~}
 * strip markers, heredocs ({@code <<EOT}, {@code <<-EOT}), tuples, objects, function calls with {@code ...},
 * operators with HCL's precedence, conditionals, {@code for} expressions, indexes, attribute access and splats.
 *
 * <p>Newlines follow HCL's rule: they end an attribute and separate object items, and are ignored inside
 * parentheses, brackets, interpolations and {@code for} expressions. Identifiers may contain dashes
 * ({@code cache-from}), so subtraction needs spaces. Every node keeps its source range; nesting deeper than
 * {@link #MAX_DEPTH} is refused rather than overflowing the stack.
 */
public final class HclParser {

    /** How deep blocks and expressions may nest; real files stay under ten. */
    public static final int MAX_DEPTH = 64;

    private static final String[][] BINARY_LEVELS = {
            {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}};

    private final String file;
    private final String src;
    private final int end;
    private final int[] lineStarts;
    /** When set, every node gets this range (strings inside a JSON file, whose inner columns are not the file's). */
    private final SourceRange fixedRange;
    private int pos;
    private boolean newlinesSignificant = true;
    private int depth;

    private HclParser(String file, String src, SourceRange fixedRange) {
        this.file = file;
        this.src = src;
        this.end = src.length();
        this.fixedRange = fixedRange;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses a whole file in native syntax. */
    public static Body parse(String file, String text) throws HclException {
        HclParser parser = new HclParser(file, text, null);
        if (parser.src.startsWith("\uFEFF")) {
            parser.pos = 1;
        }
        return parser.parseBody(true);
    }

    /** Parses one expression that must fill the whole text. */
    public static Expr parseExpression(String file, String text) throws HclException {
        return parseExpression(file, text, null);
    }

    /** The same, with every node placed at {@code at} (for text taken out of a JSON string). */
    static Expr parseExpression(String file, String text, SourceRange at) throws HclException {
        HclParser parser = new HclParser(file, text, at);
        parser.newlinesSignificant = false;
        Expr expr = parser.parseExpr();
        parser.ws();
        if (!parser.eof()) {
            throw parser.error(parser.pos, "Extra characters after expression: an expression was parsed, but \""
                    + parser.peek() + "\" follows it");
        }
        return expr;
    }

    /** Parses a string as a template, the way HCL's JSON syntax reads every JSON string. */
    static Expr parseTemplate(String file, String text, SourceRange at) throws HclException {
        HclParser parser = new HclParser(file, text, at);
        TemplateSeq seq = parser.templateSeq(TemplateMode.BARE, 0, 0, false);
        if (seq.stop != null) {
            throw parser.error(seq.stopAt, "Unexpected \"" + seq.stop + "\" directive: there is no open directive for it");
        }
        return parser.templateExpr(seq.parts, 0);
    }

    // ---- bodies and blocks ------------------------------------------------------------------------------------

    private Body parseBody(boolean topLevel) throws HclException {
        int start = pos;
        Map<String, Body.Attribute> attributes = new LinkedHashMap<>();
        List<Body.Block> blocks = new ArrayList<>();
        while (true) {
            skipBlank();
            if (eof()) {
                if (!topLevel) {
                    throw error(pos, "Unclosed configuration block: there is no closing brace for this block before the end of the file");
                }
                break;
            }
            char c = peek();
            if (c == '}') {
                if (topLevel) {
                    throw error(pos, "Argument or block definition required: there is no block to close with this \"}\"");
                }
                break;
            }
            if (!isIdStart(c)) {
                throw error(pos, "Argument or block definition required: an argument or block definition is required here, not \""
                        + printable(c) + "\"");
            }
            int nameStart = pos;
            String name = readIdentifier();
            SourceRange nameRange = range(nameStart, pos);
            skipInline();
            if (peek() == '=' && peekAt(1) != '=') {
                pos++;
                newlinesSignificant = true;
                Expr expr = parseExpr();
                Body.Attribute previous = attributes.get(name);
                if (previous != null) {
                    throw error(nameStart, "Attribute redefined: the argument \"" + name + "\" was already set at "
                            + previous.nameRange().location() + "; each argument may be set only once");
                }
                attributes.put(name, new Body.Attribute(name, expr, range(nameStart, expr.range().endOffset()), nameRange));
                endOfItem(topLevel);
            } else {
                blocks.add(parseBlock(name, nameStart));
                endOfItem(topLevel);
            }
        }
        return new Body(attributes, blocks, range(start, pos));
    }

    private Body.Block parseBlock(String type, int typeStart) throws HclException {
        enter(typeStart);
        List<String> labels = new ArrayList<>();
        List<SourceRange> labelRanges = new ArrayList<>();
        while (true) {
            skipInline();
            char c = peek();
            if (c == '"') {
                int labelStart = pos;
                labels.add(readPlainString());
                labelRanges.add(range(labelStart, pos));
            } else if (isIdStart(c)) {
                int labelStart = pos;
                labels.add(readIdentifier());
                labelRanges.add(range(labelStart, pos));
            } else if (c == '{') {
                break;
            } else {
                throw error(pos, eof() ? "Invalid block definition: the block \"" + type + "\" has no opening brace before the end of the file"
                        : "Invalid block definition: either a quoted string block label or an opening brace (\"{\") is expected here, not \""
                        + printable(c) + "\"");
            }
        }
        SourceRange openBrace = range(pos, pos + 1);
        pos++;
        skipInline();
        Body body;
        if (peek() == '}') {
            body = new Body(Map.of(), List.of(), range(pos, pos));
        } else if (eof() || peek() == '\n') {
            body = parseBody(false);
        } else {
            // A single-line block holds one argument: target "a" { tags = [] }
            int bodyStart = pos;
            if (!isIdStart(peek())) {
                throw error(pos, "Invalid single-argument block definition: an argument is required after \"{\" on the same line");
            }
            int nameStart = pos;
            String name = readIdentifier();
            SourceRange nameRange = range(nameStart, pos);
            skipInline();
            if (peek() != '=' || peekAt(1) == '=') {
                throw error(pos, "Invalid single-argument block definition: a single-line block holds one argument (\"name = value\"); nested blocks need their own lines");
            }
            pos++;
            newlinesSignificant = true;
            Expr expr = parseExpr();
            skipInline();
            if (peek() != '}') {
                throw error(pos, "Invalid single-argument block definition: a single-line block ends with \"}\" after its one argument");
            }
            body = new Body(Map.of(name, new Body.Attribute(name, expr, range(nameStart, expr.range().endOffset()), nameRange)),
                    List.of(), range(bodyStart, pos));
        }
        if (peek() != '}') {
            throw error(pos, "Unclosed configuration block: there is no closing brace for this block");
        }
        SourceRange closeBrace = range(pos, pos + 1);
        pos++;
        depth--;
        return new Body.Block(type, labels, labelRanges, body, range(typeStart, pos), range(typeStart, typeStart + type.length()),
                openBrace, closeBrace);
    }

    private void endOfItem(boolean topLevel) throws HclException {
        skipInline();
        if (eof()) {
            return;
        }
        char c = peek();
        if (c == '\n') {
            pos++;
            return;
        }
        if (c == '}' && !topLevel) {
            return;
        }
        throw error(pos, "Missing newline after argument: an argument or block definition must end with a newline, not \""
                + printable(c) + "\"");
    }

    // ---- expressions --------------------------------------------------------------------------------------------

    private Expr parseExpr() throws HclException {
        enter(pos);
        Expr condition = parseBinary(0);
        int save = pos;
        ws();
        if (peek() == '?') {
            pos++;
            Expr whenTrue = parseExpr();
            ws();
            expect(':', "Missing false expression in conditional: the conditional operator (...?...:...) requires a false expression, delimited by a colon");
            Expr whenFalse = parseExpr();
            depth--;
            return new Expr.Conditional(condition, whenTrue, whenFalse, span(condition, whenFalse));
        }
        pos = save;
        depth--;
        return condition;
    }

    private Expr parseBinary(int level) throws HclException {
        if (level == BINARY_LEVELS.length) {
            return parseUnary();
        }
        Expr left = parseBinary(level + 1);
        while (true) {
            int save = pos;
            ws();
            String op = matchOperator(BINARY_LEVELS[level]);
            if (op == null) {
                pos = save;
                return left;
            }
            Expr right = parseBinary(level + 1);
            left = new Expr.Binary(op, left, right, span(left, right));
        }
    }

    private String matchOperator(String[] ops) {
        for (String op : ops) {
            if (src.startsWith(op, pos) && pos + op.length() <= end) {
                char after = pos + op.length() < end ? src.charAt(pos + op.length()) : ' ';
                // "=>" and "==" are not "="; "<<" opens a heredoc; "//" and "/*" are comments (skipped before).
                if ((op.equals("<") && after == '<') || (op.equals(">") && after == '=') || (op.equals("<") && after == '=')) {
                    continue;
                }
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    private Expr parseUnary() throws HclException {
        ws();
        int start = pos;
        char c = peek();
        if (c == '!' && peekAt(1) != '=') {
            pos++;
            enter(start);
            Expr operand = parseUnary();
            depth--;
            return new Expr.Unary("!", operand, range(start, operand.range().endOffset()));
        }
        if (c == '-') {
            pos++;
            enter(start);
            Expr operand = parseUnary();
            depth--;
            if (operand instanceof Expr.Literal lit && lit.value() instanceof Value.Num n) {
                return new Expr.Literal(new Value.Num(n.value().negate()), range(start, operand.range().endOffset()));
            }
            return new Expr.Unary("-", operand, range(start, operand.range().endOffset()));
        }
        return parsePostfix(parsePrimary());
    }

    private Expr parsePrimary() throws HclException {
        ws();
        int start = pos;
        if (eof()) {
            throw error(pos, "Invalid expression: expected the start of an expression, but found the end of the file");
        }
        char c = peek();
        if (isDigit(c)) {
            return new Expr.Literal(new Value.Num(readNumber()), range(start, pos));
        }
        if (c == '"') {
            pos++;
            TemplateSeq seq = templateSeq(TemplateMode.QUOTED, 0, 0, false);
            if (seq.stop != null) {
                throw error(seq.stopAt, "Unexpected \"" + seq.stop + "\" directive: there is no open directive for it");
            }
            pos++; // the closing quote
            return templateExpr(seq.parts, start);
        }
        if (c == '<' && peekAt(1) == '<') {
            return parseHeredoc();
        }
        if (c == '[') {
            return parseTuple();
        }
        if (c == '{') {
            return parseObject();
        }
        if (c == '(') {
            pos++;
            boolean saved = newlinesSignificant;
            newlinesSignificant = false;
            Expr inner = parseExpr();
            ws();
            expect(')', "Unbalanced parentheses: expected a closing parenthesis");
            newlinesSignificant = saved;
            return new Expr.Parens(inner, range(start, pos));
        }
        if (isIdStart(c)) {
            String name = readIdentifier();
            switch (name) {
                case "true" -> {
                    return new Expr.Literal(Value.TRUE, range(start, pos));
                }
                case "false" -> {
                    return new Expr.Literal(Value.FALSE, range(start, pos));
                }
                case "null" -> {
                    return new Expr.Literal(Value.NULL, range(start, pos));
                }
                default -> {
                }
            }
            int save = pos;
            skipSpacesOnly();
            if (peek() == '(') {
                return parseCall(name, start);
            }
            pos = save;
            return new Expr.Traversal(name, List.of(), range(start, pos));
        }
        throw error(pos, "Invalid expression: expected the start of an expression, but found \"" + printable(c) + "\"");
    }

    private Expr parseCall(String name, int start) throws HclException {
        pos++; // (
        boolean saved = newlinesSignificant;
        newlinesSignificant = false;
        List<Expr> args = new ArrayList<>();
        boolean expand = false;
        while (true) {
            ws();
            if (peek() == ')') {
                break;
            }
            args.add(parseExpr());
            ws();
            if (src.startsWith("...", pos)) {
                pos += 3;
                expand = true;
                ws();
                expect(')', "Missing closing parenthesis: an expanded argument (...) must be the last one");
                pos--;
                break;
            }
            if (peek() == ',') {
                pos++;
                continue;
            }
            if (peek() == ')') {
                break;
            }
            throw error(pos, "Missing argument separator: a comma is required between the arguments of \"" + name + "\"");
        }
        pos++; // )
        newlinesSignificant = saved;
        return new Expr.Call(name, args, expand, range(start, pos));
    }

    private Expr parsePostfix(Expr expr) throws HclException {
        while (true) {
            int save = pos;
            ws();
            char c = peek();
            int start = pos;
            if (c == '.' && peekAt(1) != '.') {
                pos++;
                if (peek() == '*') {
                    pos++;
                    expr = parseSplat(expr, true, start);
                    continue;
                }
                Expr.Step step;
                if (isDigit(peek())) {
                    int numberStart = pos;
                    while (isDigit(peek())) {
                        pos++;
                    }
                    step = new Expr.IndexStep(new Value.Num(new BigDecimal(src.substring(numberStart, pos))), range(start, pos));
                } else if (isIdStart(peek())) {
                    step = new Expr.AttrStep(readIdentifier(), range(start, pos));
                } else {
                    throw error(pos, "Invalid attribute name: an attribute name is required after a dot");
                }
                expr = withStep(expr, step);
            } else if (c == '[') {
                pos++;
                boolean saved = newlinesSignificant;
                newlinesSignificant = false;
                ws();
                if (peek() == '*') {
                    pos++;
                    ws();
                    expect(']', "Invalid splat: \"[*\" must be followed by \"]\"");
                    newlinesSignificant = saved;
                    expr = parseSplat(expr, false, start);
                    continue;
                }
                Expr key = parseExpr();
                ws();
                expect(']', "Missing close bracket on index: the index operator must end with a closing bracket (\"]\")");
                newlinesSignificant = saved;
                if (expr instanceof Expr.Traversal && key instanceof Expr.Literal lit
                        && (lit.value() instanceof Value.Str || lit.value() instanceof Value.Num)) {
                    expr = withStep(expr, new Expr.IndexStep(lit.value(), range(start, pos)));
                } else {
                    expr = new Expr.Index(expr, key, fixedRange != null ? fixedRange : expr.range().to(range(start, pos)));
                }
            } else {
                pos = save;
                return expr;
            }
        }
    }

    private Expr withStep(Expr expr, Expr.Step step) {
        SourceRange whole = fixedRange != null ? fixedRange : expr.range().to(step.range());
        if (expr instanceof Expr.Traversal t) {
            List<Expr.Step> steps = new ArrayList<>(t.steps());
            steps.add(step);
            return new Expr.Traversal(t.root(), steps, whole);
        }
        if (step instanceof Expr.AttrStep attr) {
            return new Expr.GetAttr(expr, attr.name(), whole);
        }
        return new Expr.Index(expr, new Expr.Literal(((Expr.IndexStep) step).key(), step.range()), whole);
    }

    private Expr parseSplat(Expr source, boolean legacy, int start) throws HclException {
        List<Expr.Step> each = new ArrayList<>();
        while (true) {
            int save = pos;
            ws();
            int stepStart = pos;
            if (peek() == '.' && (isIdStart(peekAt(1)) || isDigit(peekAt(1)))) {
                pos++;
                if (isDigit(peek())) {
                    int numberStart = pos;
                    while (isDigit(peek())) {
                        pos++;
                    }
                    each.add(new Expr.IndexStep(new Value.Num(new BigDecimal(src.substring(numberStart, pos))), range(stepStart, pos)));
                } else {
                    each.add(new Expr.AttrStep(readIdentifier(), range(stepStart, pos)));
                }
            } else if (!legacy && peek() == '[' && peekAt(1) != '*') {
                pos++;
                boolean saved = newlinesSignificant;
                newlinesSignificant = false;
                Expr key = parseExpr();
                ws();
                expect(']', "Missing close bracket on index");
                newlinesSignificant = saved;
                if (!(key instanceof Expr.Literal lit)) {
                    throw error(stepStart, "Invalid splat index: after [*] only literal indexes are supported");
                }
                each.add(new Expr.IndexStep(lit.value(), range(stepStart, pos)));
            } else {
                pos = save;
                break;
            }
        }
        return new Expr.Splat(source, each, fixedRange != null ? fixedRange : source.range().to(range(start, pos)));
    }

    private Expr parseTuple() throws HclException {
        int start = pos;
        pos++;
        boolean saved = newlinesSignificant;
        newlinesSignificant = false;
        ws();
        if (atKeyword("for")) {
            Expr forExpr = parseFor(start, false);
            newlinesSignificant = saved;
            return forExpr;
        }
        List<Expr> items = new ArrayList<>();
        while (true) {
            ws();
            if (peek() == ']') {
                break;
            }
            if (eof()) {
                throw error(start, "Unterminated tuple constructor: there is no closing bracket for this \"[\"");
            }
            items.add(parseExpr());
            ws();
            if (peek() == ',') {
                pos++;
                continue;
            }
            if (peek() == ']') {
                break;
            }
            throw error(pos, "Missing item separator: expected a comma to mark the beginning of the next item, not \""
                    + printable(peek()) + "\"");
        }
        pos++;
        newlinesSignificant = saved;
        return new Expr.TupleCons(items, range(start, pos));
    }

    private Expr parseObject() throws HclException {
        int start = pos;
        pos++;
        boolean saved = newlinesSignificant;
        newlinesSignificant = false;
        ws();
        if (atKeyword("for")) {
            Expr forExpr = parseFor(start, true);
            newlinesSignificant = saved;
            return forExpr;
        }
        newlinesSignificant = true;
        List<Expr.ObjectItem> items = new ArrayList<>();
        while (true) {
            skipBlank();
            if (peek() == '}') {
                break;
            }
            if (eof()) {
                throw error(start, "Unterminated object constructor: there is no closing brace for this \"{\"");
            }
            int keyStart = pos;
            Expr key;
            if (isIdStart(peek())) {
                String name = readIdentifier();
                int afterName = pos;
                skipInline();
                if ((peek() == '=' && peekAt(1) != '=') || peek() == ':') {
                    key = new Expr.Literal(Value.of(name), range(keyStart, afterName));
                } else {
                    pos = keyStart;
                    key = parseExpr();
                }
            } else {
                key = parseExpr();
            }
            skipInline();
            if (!((peek() == '=' && peekAt(1) != '=') || peek() == ':')) {
                throw error(pos, "Missing key/value separator: expected an equals sign (\"=\") to mark the beginning of the attribute value");
            }
            pos++;
            Expr value = parseExpr();
            items.add(new Expr.ObjectItem(key, value));
            skipInline();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '\n') {
                pos++;
            } else if (peek() != '}') {
                throw error(pos, "Missing attribute separator: expected a newline or comma to mark the beginning of the next attribute, not \""
                        + printable(peek()) + "\"");
            }
        }
        pos++;
        newlinesSignificant = saved;
        return new Expr.ObjectCons(items, range(start, pos));
    }

    private Expr parseFor(int start, boolean object) throws HclException {
        pos += 3;
        ws();
        String first = identifierOrError("Invalid for expression: a name for the key or value is required after \"for\"");
        String second = null;
        ws();
        if (peek() == ',') {
            pos++;
            ws();
            second = identifierOrError("Invalid for expression: a name for the value is required after the comma");
            ws();
        }
        if (!atKeyword("in")) {
            throw error(pos, "Invalid for expression: the keyword \"in\" is required after the names in a for expression");
        }
        pos += 2;
        Expr collection = parseExpr();
        ws();
        expect(':', "Invalid for expression: a colon is required after the collection of a for expression");
        Expr keyExpr = null;
        Expr valueExpr;
        boolean grouping = false;
        if (object) {
            keyExpr = parseExpr();
            ws();
            if (!src.startsWith("=>", pos)) {
                throw error(pos, "Invalid for expression: an object for expression needs \"key => value\"");
            }
            pos += 2;
            valueExpr = parseExpr();
            ws();
            if (src.startsWith("...", pos)) {
                pos += 3;
                grouping = true;
                ws();
            }
        } else {
            valueExpr = parseExpr();
            ws();
        }
        Expr condition = null;
        if (atKeyword("if")) {
            pos += 2;
            condition = parseExpr();
            ws();
        }
        expect(object ? '}' : ']', "Invalid for expression: the for expression must end with \"" + (object ? "}" : "]") + "\"");
        String keyVar = second == null ? null : first;
        String valueVar = second == null ? first : second;
        return new Expr.For(keyVar, valueVar, collection, keyExpr, valueExpr, grouping, condition, range(start, pos));
    }

    // ---- templates ----------------------------------------------------------------------------------------------

    private enum TemplateMode { QUOTED, HEREDOC, BARE }

    private record TemplateSeq(List<TemplatePart> parts, String stop, int stopAt) {
    }

    private Expr templateExpr(List<TemplatePart> parts, int start) {
        SourceRange where = range(start, pos);
        if (parts.isEmpty()) {
            return new Expr.Literal(Value.of(""), where);
        }
        if (parts.size() == 1 && parts.get(0) instanceof TemplatePart.Text text) {
            return new Expr.Literal(Value.of(text.text()), where);
        }
        return new Expr.Template(parts, where);
    }

    /**
     * Reads template parts until the end of the template (a closing quote, left unread; the heredoc's end offset;
     * the end of the text) or until an {@code else}/{@code endif}/{@code endfor} directive, which is consumed and
     * named in the result.
     */
    private TemplateSeq templateSeq(TemplateMode mode, int heredocEnd, int indent, boolean stripFirst) throws HclException {
        List<TemplatePart> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean stripLeading = stripFirst;
        int limit = mode == TemplateMode.HEREDOC ? heredocEnd : end;
        while (true) {
            if (pos >= limit) {
                if (mode == TemplateMode.QUOTED) {
                    throw error(pos, "Unterminated template string: no closing quote before the end of the file");
                }
                flushText(parts, text, stripLeading, false);
                return new TemplateSeq(parts, null, pos);
            }
            char c = src.charAt(pos);
            if (mode == TemplateMode.QUOTED && c == '"') {
                flushText(parts, text, stripLeading, false);
                return new TemplateSeq(parts, null, pos);
            }
            if (c == '$' && peekAt(1) == '{') {
                pos += 2;
                boolean stripBefore = peek() == '~';
                if (stripBefore) {
                    pos++;
                }
                flushText(parts, text, stripLeading, stripBefore);
                stripLeading = false;
                boolean saved = newlinesSignificant;
                newlinesSignificant = false;
                Expr expr = parseExpr();
                ws();
                if (peek() == '~') {
                    pos++;
                    stripLeading = true;
                }
                expect('}', "Extra characters after interpolation expression: expected a closing brace to end the interpolation");
                newlinesSignificant = saved;
                parts.add(new TemplatePart.Interpolation(expr));
                continue;
            }
            if (c == '$' && peekAt(1) == '$' && peekAt(2) == '{') {
                text.append("${");
                pos += 3;
                continue;
            }
            if (c == '%' && peekAt(1) == '%' && peekAt(2) == '{') {
                text.append("%{");
                pos += 3;
                continue;
            }
            if (c == '%' && peekAt(1) == '{') {
                int directiveStart = pos;
                pos += 2;
                boolean stripBefore = peek() == '~';
                if (stripBefore) {
                    pos++;
                }
                flushText(parts, text, stripLeading, stripBefore);
                stripLeading = false;
                boolean saved = newlinesSignificant;
                newlinesSignificant = false;
                ws();
                String keyword = isIdStart(peek()) ? readIdentifier() : "";
                switch (keyword) {
                    case "if" -> {
                        Expr condition = parseExpr();
                        stripLeading = closeDirective();
                        newlinesSignificant = saved;
                        TemplateSeq then = templateSeq(mode, heredocEnd, indent, stripLeading);
                        List<TemplatePart> otherwise = List.of();
                        if ("else".equals(then.stop)) {
                            TemplateSeq rest = templateSeq(mode, heredocEnd, indent, lastStrip);
                            if (!"endif".equals(rest.stop)) {
                                throw error(directiveStart, "Unterminated template if: no %{endif} for this %{if}");
                            }
                            otherwise = rest.parts;
                        } else if (!"endif".equals(then.stop)) {
                            throw error(directiveStart, "Unterminated template if: no %{endif} for this %{if}");
                        }
                        parts.add(new TemplatePart.If(condition, then.parts, otherwise));
                        stripLeading = lastStrip;
                    }
                    case "for" -> {
                        ws();
                        String first = identifierOrError("Invalid template for: a name is required after \"for\"");
                        String second = null;
                        ws();
                        if (peek() == ',') {
                            pos++;
                            ws();
                            second = identifierOrError("Invalid template for: a name is required after the comma");
                            ws();
                        }
                        if (!atKeyword("in")) {
                            throw error(pos, "Invalid template for: the keyword \"in\" is required");
                        }
                        pos += 2;
                        Expr collection = parseExpr();
                        stripLeading = closeDirective();
                        newlinesSignificant = saved;
                        TemplateSeq body = templateSeq(mode, heredocEnd, indent, stripLeading);
                        if (!"endfor".equals(body.stop)) {
                            throw error(directiveStart, "Unterminated template for: no %{endfor} for this %{for}");
                        }
                        parts.add(new TemplatePart.For(second == null ? null : first, second == null ? first : second,
                                collection, body.parts));
                        stripLeading = lastStrip;
                    }
                    case "else", "endif", "endfor" -> {
                        lastStrip = closeDirective();
                        newlinesSignificant = saved;
                        return new TemplateSeq(parts, keyword, directiveStart);
                    }
                    default -> throw error(directiveStart, "Invalid template directive: expected if, else, endif, for or endfor");
                }
                continue;
            }
            if (mode == TemplateMode.QUOTED) {
                if (c == '\n') {
                    throw error(pos, "Unterminated template string: a quoted string cannot span lines; use a heredoc (<<EOT) for several lines");
                }
                if (c == '\\') {
                    text.append(readEscape());
                    continue;
                }
            }
            if (mode == TemplateMode.HEREDOC && indent > 0 && (pos == 0 || src.charAt(pos - 1) == '\n')) {
                int skipped = 0;
                while (skipped < indent && pos < limit && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
                    pos++;
                    skipped++;
                }
                continue;
            }
            text.append(c);
            pos++;
        }
    }

    /** Whether the directive that closed the last nested sequence asked to strip what follows it ({@code ~}}). */
    private boolean lastStrip;

    private boolean closeDirective() throws HclException {
        ws();
        boolean strip = false;
        if (peek() == '~') {
            pos++;
            strip = true;
        }
        expect('}', "Invalid template directive: expected a closing brace to end the directive");
        return strip;
    }

    private static void flushText(List<TemplatePart> parts, StringBuilder text, boolean stripLeading, boolean stripTrailing) {
        String value = text.toString();
        text.setLength(0);
        if (stripLeading) {
            value = value.stripLeading();
        }
        if (stripTrailing) {
            value = value.stripTrailing();
            if (value.isEmpty() && !parts.isEmpty() && parts.get(parts.size() - 1) instanceof TemplatePart.Text previous) {
                parts.set(parts.size() - 1, new TemplatePart.Text(previous.text().stripTrailing()));
            }
        }
        if (!value.isEmpty()) {
            if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof TemplatePart.Text previous) {
                parts.set(parts.size() - 1, new TemplatePart.Text(previous.text() + value));
            } else {
                parts.add(new TemplatePart.Text(value));
            }
        }
    }

    private String readEscape() throws HclException {
        int start = pos;
        pos++;
        if (eof()) {
            throw error(start, "Invalid escape sequence: a backslash at the end of the file");
        }
        char c = src.charAt(pos++);
        switch (c) {
            case 'n':
                return "\n";
            case 'r':
                return "\r";
            case 't':
                return "\t";
            case '"':
                return "\"";
            case '\\':
                return "\\";
            case 'u':
            case 'U': {
                int digits = c == 'u' ? 4 : 8;
                if (pos + digits > end) {
                    throw error(start, "Invalid escape sequence: \\" + c + " needs " + digits + " hex digits");
                }
                try {
                    int code = Integer.parseInt(src.substring(pos, pos + digits), 16);
                    pos += digits;
                    return new String(Character.toChars(code));
                } catch (IllegalArgumentException e) {
                    throw error(start, "Invalid escape sequence: \\" + c + " needs " + digits + " hex digits");
                }
            }
            default:
                throw error(start, "Invalid escape sequence: the symbol \"" + printable(c)
                        + "\" is not a valid escape sequence selector (use \\\\ for a backslash)");
        }
    }

    private Expr parseHeredoc() throws HclException {
        int start = pos;
        pos += 2;
        boolean indented = false;
        if (peek() == '-') {
            indented = true;
            pos++;
        }
        if (!isIdStart(peek())) {
            throw error(pos, "Invalid heredoc introducer: a heredoc needs a marker name, as in <<EOT");
        }
        String marker = readIdentifier();
        skipSpacesOnly();
        if (peek() == '\r') {
            pos++;
        }
        if (peek() != '\n') {
            throw error(pos, "Invalid heredoc introducer: the marker must be followed by a newline");
        }
        pos++;
        int contentStart = pos;
        int lineStart = pos;
        int contentEnd = -1;
        int closerEnd = -1;
        while (lineStart <= end) {
            int lineEnd = src.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = end;
            }
            String line = src.substring(lineStart, lineEnd);
            if (line.strip().equals(marker)) {
                contentEnd = lineStart;
                closerEnd = lineStart + line.indexOf(marker) + marker.length();
                break;
            }
            if (lineEnd == end) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        if (contentEnd < 0) {
            throw error(start, "Unterminated template string: no closing marker \"" + marker + "\" for this heredoc");
        }
        int indent = 0;
        if (indented) {
            indent = Integer.MAX_VALUE;
            for (String line : src.substring(contentStart, contentEnd).split("\n", -1)) {
                if (line.isBlank()) {
                    continue;
                }
                int spaces = 0;
                while (spaces < line.length() && (line.charAt(spaces) == ' ' || line.charAt(spaces) == '\t')) {
                    spaces++;
                }
                indent = Math.min(indent, spaces);
            }
            if (indent == Integer.MAX_VALUE) {
                indent = 0;
            }
        }
        pos = contentStart;
        TemplateSeq seq = templateSeq(TemplateMode.HEREDOC, contentEnd, indent, false);
        if (seq.stop != null) {
            throw error(seq.stopAt, "Unexpected \"" + seq.stop + "\" directive: there is no open directive for it");
        }
        pos = closerEnd;
        return templateExpr(seq.parts, start);
    }

    // ---- lexical helpers ----------------------------------------------------------------------------------------

    private String readPlainString() throws HclException {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (eof() || peek() == '\n') {
                throw error(start, "Unterminated string: no closing quote on this line");
            }
            char c = peek();
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                out.append(readEscape());
                continue;
            }
            if ((c == '$' || c == '%') && peekAt(1) == '{') {
                throw error(pos, "Invalid block label: a block label is a plain string, without interpolation");
            }
            out.append(c);
            pos++;
        }
    }

    private BigDecimal readNumber() throws HclException {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        if (peek() == '.' && isDigit(peekAt(1))) {
            pos++;
            while (isDigit(peek())) {
                pos++;
            }
        }
        if ((peek() == 'e' || peek() == 'E') && (isDigit(peekAt(1))
                || ((peekAt(1) == '+' || peekAt(1) == '-') && isDigit(peekAt(2))))) {
            pos += 2;
            while (isDigit(peek())) {
                pos++;
            }
        }
        try {
            BigDecimal number = new BigDecimal(src.substring(start, pos));
            if (Math.abs((long) number.scale()) > 1000) {
                throw error(start, "Invalid number: the exponent is out of range");
            }
            return number;
        } catch (NumberFormatException e) {
            throw error(start, "Invalid number literal \"" + src.substring(start, pos) + "\"");
        }
    }

    private String readIdentifier() {
        int start = pos;
        pos++;
        while (!eof() && isIdPart(peek())) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private String identifierOrError(String message) throws HclException {
        if (!isIdStart(peek())) {
            throw error(pos, message);
        }
        return readIdentifier();
    }

    private boolean atKeyword(String keyword) {
        return src.startsWith(keyword, pos) && !isIdPart(peekAt(keyword.length()));
    }

    /** Skips spaces and comments, and newlines where they do not count. */
    private void ws() throws HclException {
        if (newlinesSignificant) {
            skipInline();
        } else {
            skipBlank();
        }
    }

    /** Skips spaces, tabs and comments, stopping at a newline. */
    private void skipInline() throws HclException {
        while (!eof()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#' || (c == '/' && peekAt(1) == '/')) {
                while (!eof() && peek() != '\n') {
                    pos++;
                }
            } else if (c == '/' && peekAt(1) == '*') {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error(pos, "Unterminated comment: no closing \"*/\" for this \"/*\"");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    /** Skips spaces, comments and newlines. */
    private void skipBlank() throws HclException {
        while (true) {
            skipInline();
            if (!eof() && peek() == '\n') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipSpacesOnly() {
        while (!eof() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private void expect(char c, String message) throws HclException {
        if (peek() != c || eof()) {
            throw error(pos, message + (eof() ? " (found the end of the file)" : ", not \"" + printable(peek()) + "\""));
        }
        pos++;
    }

    private void enter(int at) throws HclException {
        if (++depth > MAX_DEPTH) {
            throw new HclException(HclException.Kind.LIMIT, range(at, at + 1),
                    "Nesting too deep: more than " + MAX_DEPTH + " levels of blocks and expressions");
        }
    }

    private boolean eof() {
        return pos >= end;
    }

    private char peek() {
        return pos < end ? src.charAt(pos) : '\0';
    }

    private char peekAt(int ahead) {
        int at = pos + ahead;
        return at < end ? src.charAt(at) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static String printable(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\0' -> "end of file";
            default -> String.valueOf(c);
        };
    }

    private SourceRange span(Expr from, Expr to) {
        return fixedRange != null ? fixedRange : from.range().to(to.range());
    }

    private SourceRange range(int from, int to) {
        if (fixedRange != null) {
            return fixedRange;
        }
        return new SourceRange(file, line(from), column(from), from, line(to), column(to), to);
    }

    private int line(int offset) {
        int index = java.util.Arrays.binarySearch(lineStarts, offset);
        return (index >= 0 ? index : -index - 2) + 1;
    }

    private int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    private HclException error(int at, String message) {
        int clamped = Math.min(at, end);
        return new HclException(HclException.Kind.SYNTAX, range(clamped, Math.min(clamped + 1, end)), message);
    }
}
