package dev.buildxlens.core.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a buildx option value such as {@code type=docker,dest=/tmp/a.tar} into its fields the way buildx does
 * (one CSV record: commas separate, double quotes may enclose a field, a doubled quote inside them is a quote;
 * {@code csvvalue.Fields} in buildx {@code util/buildflags}).
 */
public final class CsvFields {

    private CsvFields() {
    }

    static List<String> split(String value) {
        return split(value, ',', false);
    }

    /** One record with {@code separator} between fields (bake also splits {@code a:b} pairs this way). */
    public static List<String> split(String value, char separator) {
        return split(value, separator, false);
    }

    /** A field as buildx writes it back into a record: quoted when it holds a comma, a quote or a newline. */
    public static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /**
     * The same, for the docker/* actions' list inputs (their csv-parse runs with relaxed quotes and trimming): a quote
     * after leading blanks still opens a quoted field, and the blanks are dropped.
     */
    public static List<String> splitRelaxed(String value) {
        return split(value.strip(), ',', true);
    }

    private static List<String> split(String value, char separator, boolean quoteAfterBlanks) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && (field.isEmpty() || quoteAfterBlanks && field.toString().isBlank())) {
                field.setLength(0);
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
