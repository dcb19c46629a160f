package dev.buildxlens.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Generated input for the property tests: plain generators over {@link SplittableRandom}, and a runner that tries a
 * property on a fixed number of inputs from one seed. The seed is printed before each run, and a failure names the
 * seed, the try and the input, so any run can be replayed with {@code -Dbuildx.lens.seed=N}.
 */
final class RandomInput {

    static final long DEFAULT_SEED = 20261202L;
    static final String SEED_PROPERTY = "buildx.lens.seed";

    private RandomInput() {
    }

    /** The seed of this run: {@code -Dbuildx.lens.seed=N}, else {@link #DEFAULT_SEED}. */
    static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        return value == null || value.isBlank() ? DEFAULT_SEED : Long.parseLong(value.strip());
    }

    /** Makes one value from the random stream. */
    @FunctionalInterface
    interface Gen<T> {
        T next(SplittableRandom random);

        default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
            return random -> mapper.apply(next(random));
        }

        /** Draws again until the value passes; gives up loudly if the filter almost never passes. */
        default Gen<T> filter(Predicate<? super T> keep) {
            return random -> {
                for (int attempt = 0; attempt < 10_000; attempt++) {
                    T value = next(random);
                    if (keep.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("the filter rejected 10000 values in a row");
            };
        }

        default Gen<List<T>> list(int minSize, int maxSize) {
            return random -> {
                int size = between(random, minSize, maxSize);
                List<T> values = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    values.add(next(random));
                }
                return values;
            };
        }
    }

    /** A property of one input: returns normally when it holds, throws (an assertion error, say) when it does not. */
    @FunctionalInterface
    interface Check<T> {
        void check(T input) throws Exception;
    }

    /** The first input, among the first {@code tries}, for which a check fails. */
    record Counterexample<T>(int attempt, int tries, long seed, T input, Throwable failure) {

        String describe() {
            return "failed on try " + attempt + " of " + tries + " with seed " + seed + " (replay with -D" + SEED_PROPERTY + "="
                    + seed + "), input: " + show(input) + "\n  " + failure;
        }
    }

    // ---- generators ----

    static int between(SplittableRandom random, int min, int max) {
        return min == max ? min : random.nextInt(min, max + 1);
    }

    /** One of the given values, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(T... values) {
        List<T> copy = List.of(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A value from one of the given generators, each generator as likely. */
    @SafeVarargs
    static <T> Gen<T> either(Gen<? extends T>... generators) {
        List<Gen<? extends T>> copy = List.of(generators);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    /** Strings of {@code min..max} characters drawn from {@code alphabet}. */
    static Gen<String> strings(String alphabet, int min, int max) {
        return random -> {
            int length = between(random, min, max);
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return out.toString();
        };
    }

    /**
     * Strings of {@code min..max} characters from all of {@code char}: mostly printable ASCII, often control
     * characters (NUL, tab, CR, LF, ESC…) and Latin or other BMP letters, sometimes anything, lone surrogates included.
     */
    static Gen<String> anyStrings(int min, int max) {
        return random -> {
            int length = between(random, min, max);
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(anyChar(random));
            }
            return out.toString();
        };
    }

    private static char anyChar(SplittableRandom random) {
        int kind = random.nextInt(100);
        if (kind < 45) {
            return (char) random.nextInt(0x20, 0x7F);
        }
        if (kind < 60) {
            int control = random.nextInt(0x21);
            return (char) (control == 0x20 ? 0x7F : control);
        }
        if (kind < 75) {
            return (char) random.nextInt(0x80, 0x800);
        }
        return (char) random.nextInt(0x10000);
    }

    // ---- running ----

    /** Prints the seed, then checks {@code tries} inputs; fails with the first counterexample. */
    static <T> void forAll(String property, int tries, Gen<T> generator, Check<T> check) {
        long seed = seed();
        System.out.println(property + ": seed " + seed + " (set -D" + SEED_PROPERTY + "=N to replay), " + tries + " inputs");
        firstCounterexample(seed, tries, generator, check).ifPresent(counterexample -> {
            throw new AssertionError(property + " " + counterexample.describe(), counterexample.failure());
        });
    }

    /** Checks up to {@code tries} inputs drawn from {@code seed}; the first that fails, if any. */
    static <T> Optional<Counterexample<T>> firstCounterexample(long seed, int tries, Gen<T> generator, Check<T> check) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            T input = generator.next(random);
            try {
                check.check(input);
            } catch (Throwable failure) { // an unexpected exception or error (a stack overflow, say) is a failure too
                return Optional.of(new Counterexample<>(attempt, tries, seed, input, failure));
            }
        }
        return Optional.empty();
    }

    /** An input as a Java literal: control, non-ASCII and quote characters escaped, so it can be pasted into a test. */
    static String show(Object input) {
        if (input instanceof String text) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20 || c > 0x7E) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
        if (input instanceof List<?> list) {
            return "List.of(" + String.join(", ", list.stream().map(RandomInput::show).toList()) + ")";
        }
        return String.valueOf(input);
    }
}
