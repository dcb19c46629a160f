package dev.buildxlens.cli;

import java.util.ArrayList;
import java.util.List;

/** A small cursor over the words of a command line, with errors that say which option is wrong. */
final class Arguments {

    private final List<String> words;
    private int position;

    Arguments(List<String> words) {
        this.words = List.copyOf(words);
    }

    boolean hasMore() {
        return position < words.size();
    }

    String next() {
        return words.get(position++);
    }

    /** The next word, without taking it. */
    String peek() {
        return words.get(position);
    }

    /** The value of {@code --option VALUE} or {@code --option=VALUE}. */
    String valueOf(String word) throws UsageException {
        int equals = word.indexOf('=');
        if (equals > 0) {
            return word.substring(equals + 1);
        }
        if (!hasMore()) {
            throw new UsageException(word + " needs a value");
        }
        return next();
    }

    /** {@code --registry HOST:PORT}, validated. */
    String registryValue(String word) throws UsageException {
        String value = valueOf(word);
        String problem = dev.buildxlens.core.model.RegistryHosts.validate(value);
        if (!problem.isEmpty()) {
            throw new UsageException("--registry '" + value + "' " + problem);
        }
        return value;
    }

    /** {@code --format text|json}. */
    String formatValue(String word) throws UsageException {
        String value = valueOf(word);
        if (!value.equals("text") && !value.equals("json")) {
            throw new UsageException("--format must be text or json, not '" + value + "'");
        }
        return value;
    }

    static String optionName(String word) {
        int equals = word.indexOf('=');
        return equals > 0 ? word.substring(0, equals) : word;
    }

    static List<String> remaining(Arguments arguments) {
        List<String> rest = new ArrayList<>();
        while (arguments.hasMore()) {
            rest.add(arguments.next());
        }
        return rest;
    }
}
