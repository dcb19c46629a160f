package dev.buildxlens.core.compose;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How Compose (go-yaml, then Go's {@code fmt.Sprint}) types an untagged plain scalar and prints it back as text.
 * It matters where a number is written into a string field: {@code PYTHON_VERSION: 3.10} is the float 3.1 and
 * reaches the build as {@code 3.1}; {@code 1e3} becomes {@code 1000}, {@code 0755} (octal) {@code 493}. Quoted
 * scalars and interpolated values stay strings. Timestamps with a time of day are kept as written (Go would print
 * them in its own date format).
 */
final class GoScalars {

    /** A scalar's type and its text as Compose reads it. */
    record Resolved(Tree.ScalarType type, String text) {
    }

    private static final Map<String, Resolved> EXACT = Map.ofEntries(
            Map.entry("true", new Resolved(Tree.ScalarType.BOOL, "true")),
            Map.entry("True", new Resolved(Tree.ScalarType.BOOL, "true")),
            Map.entry("TRUE", new Resolved(Tree.ScalarType.BOOL, "true")),
            Map.entry("false", new Resolved(Tree.ScalarType.BOOL, "false")),
            Map.entry("False", new Resolved(Tree.ScalarType.BOOL, "false")),
            Map.entry("FALSE", new Resolved(Tree.ScalarType.BOOL, "false")),
            Map.entry("", new Resolved(Tree.ScalarType.NULL, null)),
            Map.entry("~", new Resolved(Tree.ScalarType.NULL, null)),
            Map.entry("null", new Resolved(Tree.ScalarType.NULL, null)),
            Map.entry("Null", new Resolved(Tree.ScalarType.NULL, null)),
            Map.entry("NULL", new Resolved(Tree.ScalarType.NULL, null)),
            Map.entry(".nan", new Resolved(Tree.ScalarType.FLOAT, "NaN")),
            Map.entry(".NaN", new Resolved(Tree.ScalarType.FLOAT, "NaN")),
            Map.entry(".NAN", new Resolved(Tree.ScalarType.FLOAT, "NaN")),
            Map.entry(".inf", new Resolved(Tree.ScalarType.FLOAT, "+Inf")),
            Map.entry(".Inf", new Resolved(Tree.ScalarType.FLOAT, "+Inf")),
            Map.entry(".INF", new Resolved(Tree.ScalarType.FLOAT, "+Inf")),
            Map.entry("+.inf", new Resolved(Tree.ScalarType.FLOAT, "+Inf")),
            Map.entry("+.Inf", new Resolved(Tree.ScalarType.FLOAT, "+Inf")),
            Map.entry("+.INF", new Resolved(Tree.ScalarType.FLOAT, "+Inf")),
            Map.entry("-.inf", new Resolved(Tree.ScalarType.FLOAT, "-Inf")),
            Map.entry("-.Inf", new Resolved(Tree.ScalarType.FLOAT, "-Inf")),
            Map.entry("-.INF", new Resolved(Tree.ScalarType.FLOAT, "-Inf")),
            Map.entry("-0", new Resolved(Tree.ScalarType.FLOAT, "-0")),
            Map.entry("-0.0", new Resolved(Tree.ScalarType.FLOAT, "-0")));

    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

    private GoScalars() {
    }

    /** go-yaml's {@code resolve} for a plain scalar without a tag. */
    static Resolved resolvePlain(String in) {
        Resolved exact = EXACT.get(in);
        if (exact != null) {
            return exact;
        }
        char first = in.charAt(0);
        if (first == '.') {
            if (YAML_FLOAT.matcher(in).matches()) {
                return new Resolved(Tree.ScalarType.FLOAT, formatFloat(Double.parseDouble(in)));
            }
            return string(in);
        }
        if (first != '+' && first != '-' && (first < '0' || first > '9')) {
            return string(in);
        }
        var date = DATE.matcher(in);
        if (date.matches()) {
            return new Resolved(Tree.ScalarType.STRING, String.format("%s-%02d-%02d 00:00:00 +0000 UTC", date.group(1),
                    Integer.parseInt(date.group(2)), Integer.parseInt(date.group(3))));
        }
        String plain = in.replace("_", "");
        BigInteger integer = parseGoInteger(plain);
        if (integer != null && integer.bitLength() <= 64
                && (integer.signum() >= 0 || integer.bitLength() <= 63)) {
            return new Resolved(Tree.ScalarType.INT, integer.toString());
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            return new Resolved(Tree.ScalarType.FLOAT, formatFloat(Double.parseDouble(plain)));
        }
        return string(in);
    }

    private static Resolved string(String in) {
        return new Resolved(Tree.ScalarType.STRING, in);
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax: a sign, then 0x, 0o, 0b, a leading 0 (octal) or decimal. */
    private static BigInteger parseGoInteger(String text) {
        String digits = text;
        boolean negative = false;
        if (digits.startsWith("+") || digits.startsWith("-")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        if (digits.isEmpty()) {
            return null;
        }
        int radix = 10;
        String lower = digits.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            BigInteger value = new BigInteger(digits, radix);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's {@code fmt.Sprint(float64)}: the shortest digits, in %e form when the exponent is below -4 or 6 and above. */
    static String formatFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.valueOf(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        }
        return sign + decimal.toPlainString();
    }
}
