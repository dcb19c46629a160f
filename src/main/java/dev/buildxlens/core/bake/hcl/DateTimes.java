package dev.buildxlens.core.bake.hcl;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The date functions of bake's standard library: cty's {@code formatdate} mnemonics, Go durations, RFC 3339. */
final class DateTimes {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private DateTimes() {
    }

    static OffsetDateTime parseRfc3339(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new ValueException("not a valid RFC3339 timestamp: \"" + text + "\"");
        }
    }

    static String rfc3339(OffsetDateTime time) {
        OffsetDateTime seconds = time.truncatedTo(ChronoUnit.SECONDS);
        if (seconds.getOffset().equals(ZoneOffset.UTC)) {
            return DateTimeFormatter.ISO_INSTANT.format(seconds.toInstant());
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(seconds);
    }

    /** cty's {@code formatdate}: letters repeat to choose a form ({@code YYYY}, {@code MM}, {@code hh}); quotes escape. */
    static String format(String format, OffsetDateTime t) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '\'') {
                if (i + 1 < format.length() && format.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                int j = i + 1;
                StringBuilder literal = new StringBuilder();
                boolean closed = false;
                while (j < format.length()) {
                    if (format.charAt(j) == '\'') {
                        if (j + 1 < format.length() && format.charAt(j + 1) == '\'') {
                            literal.append('\'');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    literal.append(format.charAt(j++));
                }
                if (!closed) {
                    throw new ValueException("unterminated literal '");
                }
                out.append(literal);
                i = j + 1;
                continue;
            }
            if (!Character.isLetter(c) || c > 'z') {
                out.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < format.length() && format.charAt(j) == c) {
                j++;
            }
            int n = j - i;
            String token = format.substring(i, j);
            i = j;
            switch (c) {
                case 'Y' -> out.append(n == 2 ? String.format(Locale.ROOT, "%02d", t.getYear() % 100)
                        : n == 4 ? String.format(Locale.ROOT, "%04d", t.getYear()) : bad(token, "year must either be \"YY\" or \"YYYY\""));
                case 'M' -> out.append(switch (n) {
                    case 1 -> String.valueOf(t.getMonthValue());
                    case 2 -> String.format(Locale.ROOT, "%02d", t.getMonthValue());
                    case 3 -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                    case 4 -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                    default -> bad(token, "month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"");
                });
                case 'D' -> out.append(n == 1 ? String.valueOf(t.getDayOfMonth()) : n == 2
                        ? String.format(Locale.ROOT, "%02d", t.getDayOfMonth()) : bad(token, "day of month must either be \"D\" or \"DD\""));
                case 'E' -> out.append(n == 3 ? t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        : n == 4 ? t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        : bad(token, "day of week must either be \"EEE\" or \"EEEE\""));
                case 'h' -> out.append(n == 1 ? String.valueOf(t.getHour()) : n == 2
                        ? String.format(Locale.ROOT, "%02d", t.getHour()) : bad(token, "24-hour must either be \"h\" or \"hh\""));
                case 'H' -> {
                    int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
                    out.append(n == 1 ? String.valueOf(h) : n == 2 ? String.format(Locale.ROOT, "%02d", h)
                            : bad(token, "12-hour must either be \"H\" or \"HH\""));
                }
                case 'A', 'a' -> {
                    if (n != 2) {
                        bad(token, "must be \"" + c + c + "\"");
                    }
                    String marker = t.getHour() < 12 ? "AM" : "PM";
                    out.append(c == 'A' ? marker : marker.toLowerCase(Locale.ROOT));
                }
                case 'm' -> out.append(n == 1 ? String.valueOf(t.getMinute()) : n == 2
                        ? String.format(Locale.ROOT, "%02d", t.getMinute()) : bad(token, "minute must either be \"m\" or \"mm\""));
                case 's' -> out.append(n == 1 ? String.valueOf(t.getSecond()) : n == 2
                        ? String.format(Locale.ROOT, "%02d", t.getSecond()) : bad(token, "second must either be \"s\" or \"ss\""));
                case 'Z' -> {
                    int seconds = t.getOffset().getTotalSeconds();
                    String sign = seconds < 0 ? "-" : "+";
                    int abs = Math.abs(seconds);
                    String hhmm = String.format(Locale.ROOT, "%s%02d%02d", sign, abs / 3600, abs / 60 % 60);
                    String hhColonMm = String.format(Locale.ROOT, "%s%02d:%02d", sign, abs / 3600, abs / 60 % 60);
                    out.append(switch (n) {
                        case 1 -> seconds == 0 ? "Z" : hhColonMm;
                        case 3 -> seconds == 0 ? "UTC" : hhmm;
                        case 4 -> hhmm;
                        case 5 -> hhColonMm;
                        default -> bad(token, "timezone must be Z, ZZZZ, or ZZZZZ");
                    });
                }
                default -> bad(token, "");
            }
        }
        return out.toString();
    }

    private static String bad(String token, String why) {
        throw new ValueException("invalid date format verb \"" + token + "\"" + (why.isEmpty() ? "" : ": " + why));
    }

    /** Go's {@code time.ParseDuration}: {@code 1h30m}, {@code -2h}, {@code 1.5h}, {@code 300ms}. */
    static Duration parseDuration(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new ValueException("time: invalid duration \"" + text + "\"");
        }
        Matcher m = DURATION_PART.matcher(s);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new ValueException("time: invalid duration \"" + text + "\"");
            }
            BigDecimal amount = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }

    static Value unixParse(long seconds) {
        OffsetDateTime t = Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC);
        Map<String, Value> fields = new TreeMap<>();
        fields.put("year", Value.of(t.getYear()));
        fields.put("year_day", Value.of(t.getDayOfYear()));
        fields.put("day", Value.of(t.getDayOfMonth()));
        fields.put("month", Value.of(t.getMonthValue()));
        fields.put("month_name", Value.of(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        fields.put("weekday", Value.of(t.getDayOfWeek().getValue() % 7));
        fields.put("weekday_name", Value.of(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        fields.put("hour", Value.of(t.getHour()));
        fields.put("minute", Value.of(t.getMinute()));
        fields.put("second", Value.of(t.getSecond()));
        fields.put("rfc3339", Value.of(rfc3339(t)));
        fields.put("iso_year", Value.of(t.get(IsoFields.WEEK_BASED_YEAR)));
        fields.put("iso_week", Value.of(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        return new Value.Obj(new TreeMap<>(fields));
    }
}
