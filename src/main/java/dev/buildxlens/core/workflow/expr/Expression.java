package dev.buildxlens.core.workflow.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed GitHub Actions expression (the part inside {@code ${{ }}}): literals ({@code null}, booleans, numbers,
 * {@code 'strings'} with {@code ''} for a quote), context properties ({@code a.b}, {@code a['b']}, the filter
 * {@code a.*.b}), function calls, {@code !}, comparisons and {@code &&}/{@code ||} with GitHub's precedence. Every
 * node keeps the source text it was parsed from, so a value the simulation cannot know is named as the user wrote it.
 */
public sealed interface Expression {

    /** The expression as written. */
    String text();

    record Literal(Value value, String text) implements Expression {
    }

    /** A context name at the top ({@code env}, {@code matrix}, {@code github}, …). */
    record Context(String name, String text) implements Expression {
    }

    record Property(Expression base, String name, String text) implements Expression {
    }

    record Index(Expression base, Expression index, String text) implements Expression {
    }

    /** {@code base.*}: the values of an object, or the items of an array, as an array. */
    record Star(Expression base, String text) implements Expression {
    }

    record Call(String function, List<Expression> arguments, String text) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    record Not(Expression operand, String text) implements Expression {
    }

    record Binary(String operator, Expression left, Expression right, String text) implements Expression {
    }

    /** The expression cannot be parsed. */
    final class SyntaxException extends Exception {
        public SyntaxException(String message) {
            super(message);
        }
    }

    static Expression parse(String source) throws SyntaxException {
        Parser parser = new Parser(source);
        Expression expression = parser.or();
        parser.skipSpace();
        if (parser.position < source.length()) {
            throw new SyntaxException("unexpected '" + source.substring(parser.position) + "' in " + source.trim());
        }
        return expression;
    }

    /** A recursive-descent parser over the source; precedence from low to high: ||, &&, == !=, < <= > >=, !, member access. */
    final class Parser {
        private final String source;
        private int position;

        Parser(String source) {
            this.source = source;
        }

        void skipSpace() {
            while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
                position++;
            }
        }

        private boolean take(String token) {
            skipSpace();
            if (source.startsWith(token, position)) {
                position += token.length();
                return true;
            }
            return false;
        }

        private String text(int start) {
            return source.substring(start, position).trim();
        }

        Expression or() throws SyntaxException {
            int start = position;
            Expression left = and();
            while (take("||")) {
                Expression right = and();
                left = new Binary("||", left, right, text(start));
            }
            return left;
        }

        private Expression and() throws SyntaxException {
            int start = position;
            Expression left = equality();
            while (take("&&")) {
                Expression right = equality();
                left = new Binary("&&", left, right, text(start));
            }
            return left;
        }

        private Expression equality() throws SyntaxException {
            int start = position;
            Expression left = comparison();
            while (true) {
                String operator = take("==") ? "==" : take("!=") ? "!=" : null;
                if (operator == null) {
                    return left;
                }
                Expression right = comparison();
                left = new Binary(operator, left, right, text(start));
            }
        }

        private Expression comparison() throws SyntaxException {
            int start = position;
            Expression left = unary();
            while (true) {
                String operator = take("<=") ? "<=" : take(">=") ? ">=" : take("<") ? "<" : take(">") ? ">" : null;
                if (operator == null) {
                    return left;
                }
                Expression right = unary();
                left = new Binary(operator, left, right, text(start));
            }
        }

        private Expression unary() throws SyntaxException {
            int start = position;
            skipSpace();
            if (position < source.length() && source.charAt(position) == '!' && !source.startsWith("!=", position)) {
                position++;
                Expression operand = unary();
                return new Not(operand, text(start));
            }
            return postfix();
        }

        private Expression postfix() throws SyntaxException {
            int start = position;
            Expression expression = primary();
            while (true) {
                skipSpace();
                if (take(".")) {
                    if (take("*")) {
                        expression = new Star(expression, text(start));
                    } else {
                        expression = new Property(expression, identifier(), text(start));
                    }
                } else if (take("[")) {
                    Expression index = or();
                    if (!take("]")) {
                        throw new SyntaxException("missing ']' in " + source.trim());
                    }
                    expression = index instanceof Literal literal && literal.value() instanceof Value.Str name
                            ? new Property(expression, name.value(), text(start)) : new Index(expression, index, text(start));
                } else {
                    return expression;
                }
            }
        }

        private String identifier() throws SyntaxException {
            skipSpace();
            int start = position;
            while (position < source.length() && (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '_'
                    || source.charAt(position) == '-')) {
                position++;
            }
            if (start == position) {
                throw new SyntaxException("a name is missing in " + source.trim());
            }
            return source.substring(start, position);
        }

        private Expression primary() throws SyntaxException {
            skipSpace();
            int start = position;
            if (position >= source.length()) {
                throw new SyntaxException("the expression ends too early: " + source.trim());
            }
            char c = source.charAt(position);
            if (c == '(') {
                position++;
                Expression inner = or();
                if (!take(")")) {
                    throw new SyntaxException("missing ')' in " + source.trim());
                }
                return inner;
            }
            if (c == '\'') {
                StringBuilder value = new StringBuilder();
                position++;
                while (true) {
                    if (position >= source.length()) {
                        throw new SyntaxException("unterminated string in " + source.trim());
                    }
                    char d = source.charAt(position++);
                    if (d == '\'') {
                        if (position < source.length() && source.charAt(position) == '\'') {
                            value.append('\'');
                            position++;
                            continue;
                        }
                        break;
                    }
                    value.append(d);
                }
                return new Literal(new Value.Str(value.toString()), text(start));
            }
            if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
                while (position < source.length() && "0123456789abcdefABCDEFxXoO.+-eE".indexOf(source.charAt(position)) >= 0) {
                    position++;
                }
                String number = source.substring(start, position);
                Value value = new Value.Str(number);
                double parsed = value.toNumber();
                if (Double.isNaN(parsed)) {
                    throw new SyntaxException("'" + number + "' is not a number");
                }
                return new Literal(new Value.Number(parsed), number);
            }
            String name = identifier();
            skipSpace();
            if (position < source.length() && source.charAt(position) == '(') {
                position++;
                List<Expression> arguments = new ArrayList<>();
                if (!take(")")) {
                    do {
                        arguments.add(or());
                    } while (take(","));
                    if (!take(")")) {
                        throw new SyntaxException("missing ')' after the arguments of " + name);
                    }
                }
                return new Call(name.toLowerCase(Locale.ROOT), arguments, text(start));
            }
            return switch (name) {
                case "true" -> new Literal(Value.TRUE, name);
                case "false" -> new Literal(Value.FALSE, name);
                case "null" -> new Literal(Value.NULL, name);
                case "NaN" -> new Literal(new Value.Number(Double.NaN), name);
                case "Infinity" -> new Literal(new Value.Number(Double.POSITIVE_INFINITY), name);
                default -> new Context(name, name);
            };
        }
    }
}
