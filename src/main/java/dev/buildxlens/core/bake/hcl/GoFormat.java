package dev.buildxlens.core.bake.hcl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * cty's {@code format}: printf-style verbs {@code %v %#v %t %d %b %o %x %X %e %E %f %g %G %s %q %%} with flags
 * {@code + - # 0 space}, width, precision and explicit argument indexes {@code %[2]s}. {@code %v} writes strings and
 * numbers as they are and anything else as JSON; {@code %s} converts to a string.
 */
final class GoFormat {

    private static final int MAX_WIDTH = 10_000;

    private GoFormat() {
    }

    static String format(String format, List<Value> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int verbStart = i;
            i++;
            if (i < format.length() && format.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            boolean plus = false;
            boolean minus = false;
            boolean sharp = false;
            boolean zero = false;
            boolean space = false;
            int argIndex = -1;
            while (i < format.length()) {
                char f = format.charAt(i);
                if (f == '+') {
                    plus = true;
                } else if (f == '-') {
                    minus = true;
                } else if (f == '#') {
                    sharp = true;
                } else if (f == '0') {
                    zero = true;
                } else if (f == ' ') {
                    space = true;
                } else {
                    break;
                }
                i++;
            }
            if (i < format.length() && format.charAt(i) == '[') {
                int close = format.indexOf(']', i);
                if (close < 0) {
                    throw new ValueException("invalid format: unclosed argument index at offset " + verbStart);
                }
                argIndex = parseIndex(format.substring(i + 1, close), verbStart);
                i = close + 1;
            }
            int width = -1;
            int widthStart = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > widthStart) {
                width = bounded(format.substring(widthStart, i));
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                int precisionStart = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                precision = i > precisionStart ? bounded(format.substring(precisionStart, i)) : 0;
            }
            if (i < format.length() && format.charAt(i) == '[') {
                int close = format.indexOf(']', i);
                if (close < 0) {
                    throw new ValueException("invalid format: unclosed argument index at offset " + verbStart);
                }
                argIndex = parseIndex(format.substring(i + 1, close), verbStart);
                i = close + 1;
            }
            if (i >= format.length()) {
                throw new ValueException("invalid format string starting at offset " + verbStart + ": missing verb");
            }
            char verb = format.charAt(i++);
            int index = argIndex >= 0 ? argIndex : next;
            next = index + 1;
            if (index >= args.size()) {
                throw new ValueException("not enough arguments for \"" + format.substring(verbStart, i) + "\" at "
                        + verbStart + ": need index " + (index + 1) + " but have " + args.size() + " total");
            }
            Value arg = args.get(index);
            if (verb != 'v' && arg instanceof Value.Null) {
                throw new ValueException("unsupported value for \"" + format.substring(verbStart, i) + "\" at " + verbStart
                        + ": null value cannot be formatted");
            }
            String text = switch (verb) {
                case 'v' -> asIs(arg, sharp);
                case 't' -> Values.asBool(arg) ? "true" : "false";
                case 'd', 'b', 'o', 'x', 'X' -> integer(arg, verb, plus, space, sharp);
                case 'e', 'E', 'f', 'g', 'G' -> floating(arg, verb, precision, plus, space);
                case 's' -> truncate(Values.asString(arg), precision);
                case 'q' -> Values.toJson(Value.of(truncate(Values.asString(arg), precision))).toString();
                default -> throw new ValueException("unsupported format verb '" + verb + "' in \"" + format.substring(verbStart, i)
                        + "\" at offset " + verbStart);
            };
            out.append(pad(text, width, minus, zero && !minus && "dbboxXeEfgG".indexOf(verb) >= 0));
            if (out.length() > Budget.MAX_STRING) {
                throw new ValueException("result too large");
            }
        }
        return out.toString();
    }

    private static int parseIndex(String text, int at) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n - 1;
        } catch (NumberFormatException e) {
            throw new ValueException("invalid format: bad argument index \"" + text + "\" at offset " + at);
        }
    }

    private static int bounded(String digits) {
        if (digits.length() > 5 || Integer.parseInt(digits) > MAX_WIDTH) {
            throw new ValueException("format width or precision " + digits + " is too large");
        }
        return Integer.parseInt(digits);
    }

    private static String asIs(Value arg, boolean sharp) {
        if (!sharp && arg instanceof Value.Str s) {
            return s.value();
        }
        if (!sharp && arg instanceof Value.Num n) {
            return shortest(n.value());
        }
        return Values.toJson(arg).toString();
    }

    /** Go's {@code big.Float.Text('g', -1)}: plain for moderate exponents, else {@code 1e+21}. */
    static String shortest(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (stripped.signum() == 0 || (exponent >= -4 && exponent < 21)) {
            return Values.formatNumber(number);
        }
        String digits = stripped.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (stripped.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    private static String integer(Value arg, char verb, boolean plus, boolean space, boolean sharp) {
        BigDecimal number = Values.asNumber(arg);
        BigInteger whole;
        try {
            whole = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ValueException("unsupported value for %" + verb + ": an integer is required");
        }
        String digits = switch (verb) {
            case 'b' -> whole.abs().toString(2);
            case 'o' -> (sharp ? "0" : "") + whole.abs().toString(8);
            case 'x' -> (sharp ? "0x" : "") + whole.abs().toString(16);
            case 'X' -> (sharp ? "0X" : "") + whole.abs().toString(16).toUpperCase(Locale.ROOT);
            default -> whole.abs().toString();
        };
        return sign(whole.signum(), plus, space) + digits;
    }

    private static String floating(Value arg, char verb, int precision, boolean plus, boolean space) {
        BigDecimal number = Values.asNumber(arg);
        String text;
        if (verb == 'g' || verb == 'G') {
            text = precision < 0 ? shortest(number.abs()) : String.format(Locale.ROOT, "%." + precision + "g", number.abs());
            if (verb == 'G') {
                text = text.toUpperCase(Locale.ROOT);
            }
        } else {
            String spec = "%." + (precision < 0 ? 6 : precision) + (verb == 'f' ? "f" : String.valueOf(verb));
            text = String.format(Locale.ROOT, spec, number.abs());
        }
        return sign(number.signum(), plus, space) + text;
    }

    private static String sign(int signum, boolean plus, boolean space) {
        if (signum < 0) {
            return "-";
        }
        return plus ? "+" : space ? " " : "";
    }

    private static String truncate(String text, int precision) {
        if (precision < 0) {
            return text;
        }
        int count = text.codePointCount(0, text.length());
        if (precision >= count) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, precision));
    }

    private static String pad(String text, int width, boolean left, boolean zeros) {
        int length = text.codePointCount(0, text.length());
        if (width <= length) {
            return text;
        }
        String padding = (zeros ? "0" : " ").repeat(width - length);
        if (left) {
            return text + padding;
        }
        if (zeros && (text.startsWith("-") || text.startsWith("+"))) {
            return text.charAt(0) + padding + text.substring(1);
        }
        return padding + text;
    }
}
