package dev.buildxlens.core.bake.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code semvercmp(version, constraint)} as Masterminds/semver v3 checks it: lenient versions ({@code v1.2},
 * {@code 1.2.3-rc.1+meta}), constraints joined by commas or spaces (all must hold) and {@code ||} (any group),
 * operators {@code = != > < >= <= ~ ~> ^}, wildcards {@code x X *} and hyphen ranges; a pre-release version only
 * satisfies constraints that name a pre-release themselves.
 */
final class Semver {

    private static final Pattern VERSION = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
    private static final Pattern TERM = Pattern.compile("(=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)?\\s*(v?[0-9xX*][0-9A-Za-z.+*-]*)");

    private record Version(long major, long minor, long patch, String pre) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            int c = Long.compare(major, o.major);
            if (c == 0) {
                c = Long.compare(minor, o.minor);
            }
            if (c == 0) {
                c = Long.compare(patch, o.patch);
            }
            if (c != 0) {
                return c;
            }
            if (pre.isEmpty() || o.pre.isEmpty()) {
                return pre.isEmpty() == o.pre.isEmpty() ? 0 : pre.isEmpty() ? 1 : -1;
            }
            String[] a = pre.split("\\.");
            String[] b = o.pre.split("\\.");
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                boolean an = a[i].matches("\\d+");
                boolean bn = b[i].matches("\\d+");
                int d = an && bn ? Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]))
                        : an ? -1 : bn ? 1 : a[i].compareTo(b[i]);
                if (d != 0) {
                    return d;
                }
            }
            return Integer.compare(a.length, b.length);
        }
    }

    /** A version in a constraint, where parts may be wildcards (-1). */
    private record Bound(long major, long minor, long patch, String pre) {
        Version floor() {
            return new Version(Math.max(major, 0), Math.max(minor, 0), Math.max(patch, 0), pre);
        }
    }

    private Semver() {
    }

    static boolean check(String version, String constraint) {
        Version v = parseVersion(version);
        for (String group : constraint.split("\\|\\|")) {
            if (matchesAll(v, group.trim())) {
                return true;
            }
        }
        return false;
    }

    private static Version parseVersion(String text) {
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            throw new ValueException("invalid semantic version \"" + text + "\"");
        }
        return new Version(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4) == null ? "" : m.group(4));
    }

    private static boolean matchesAll(Version v, String group) {
        Matcher hyphen = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)").matcher(group);
        if (hyphen.matches()) {
            return matchesAll(v, ">= " + hyphen.group(1) + ", <= " + hyphen.group(2));
        }
        List<String[]> terms = new ArrayList<>();
        Matcher m = TERM.matcher(group);
        int at = 0;
        String rest = group.replace(",", " ");
        m = TERM.matcher(rest);
        while (at < rest.length()) {
            while (at < rest.length() && rest.charAt(at) == ' ') {
                at++;
            }
            if (at >= rest.length()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw new ValueException("improper constraint: " + group);
            }
            terms.add(new String[] {m.group(1) == null ? "=" : m.group(1), m.group(2)});
            at = m.end();
        }
        if (terms.isEmpty()) {
            throw new ValueException("improper constraint: " + group);
        }
        boolean constraintHasPre = terms.stream().anyMatch(t -> t[1].contains("-"));
        if (!v.pre.isEmpty() && !constraintHasPre) {
            return false;
        }
        for (String[] term : terms) {
            if (!matches(v, term[0], parseBound(term[1]))) {
                return false;
            }
        }
        return true;
    }

    private static Bound parseBound(String text) {
        String s = text.startsWith("v") ? text.substring(1) : text;
        String pre = "";
        int plus = s.indexOf('+');
        if (plus >= 0) {
            s = s.substring(0, plus);
        }
        int dash = s.indexOf('-');
        if (dash >= 0) {
            pre = s.substring(dash + 1);
            s = s.substring(0, dash);
        }
        String[] parts = s.split("\\.");
        if (parts.length > 3) {
            throw new ValueException("improper constraint version \"" + text + "\"");
        }
        long[] numbers = {-1, -1, -1};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("x") || parts[i].equals("X") || parts[i].equals("*")) {
                continue;
            }
            try {
                numbers[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new ValueException("improper constraint version \"" + text + "\"");
            }
        }
        return new Bound(numbers[0], numbers[1], numbers[2], pre);
    }

    private static boolean matches(Version v, String op, Bound b) {
        Version floor = b.floor();
        boolean wildcard = b.major < 0 || b.minor < 0 || b.patch < 0;
        switch (op) {
            case "=":
                if (b.major < 0) {
                    return true;
                }
                if (wildcard) {
                    return v.major == b.major && (b.minor < 0 || v.minor == b.minor);
                }
                return v.compareTo(floor) == 0;
            case "!=":
                return !matches(v, "=", b);
            case ">":
                if (b.minor < 0) {
                    return v.major > Math.max(b.major, 0) || b.major < 0 && v.compareTo(floor) > 0;
                }
                if (b.patch < 0) {
                    return v.major > b.major || v.major == b.major && v.minor > b.minor;
                }
                return v.compareTo(floor) > 0;
            case ">=", "=>":
                return v.compareTo(floor) >= 0;
            case "<":
                return v.compareTo(floor) < 0;
            case "<=", "=<":
                if (b.minor < 0) {
                    return v.major <= b.major;
                }
                if (b.patch < 0) {
                    return v.major < b.major || v.major == b.major && v.minor <= b.minor;
                }
                return v.compareTo(floor) <= 0;
            case "~", "~>": {
                if (v.compareTo(floor) < 0) {
                    return false;
                }
                if (b.major >= 0 && v.major != b.major) {
                    return false;
                }
                return b.minor < 0 || v.minor == b.minor;
            }
            case "^": {
                if (v.compareTo(floor) < 0) {
                    return false;
                }
                if (floor.major > 0 || b.minor < 0) {
                    return v.major == floor.major;
                }
                if (floor.minor > 0 || b.patch < 0) {
                    return v.major == 0 && v.minor == floor.minor;
                }
                return v.major == 0 && v.minor == 0 && v.patch == floor.patch;
            }
            default:
                throw new ValueException("improper constraint operator " + op);
        }
    }
}
