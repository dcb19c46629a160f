package dev.buildxlens.core;

/**
 * Phase timings for the benchmark harness and for anyone asking "where does the time go":
 * with {@code BUILDX_LENS_TRACE=1} every mark prints {@code trace: <ms since start> <phase>} to stderr. The start
 * is {@code BUILDX_LENS_T0} (epoch milliseconds, set by whoever launches the process, so JVM boot counts) or
 * else the JVM's own start time. Not {@code ProcessHandle.info().startInstant()}: on Linux it is derived from the
 * boot time in whole seconds and was measured up to 0.5 s off. Off, a mark costs one boolean test.
 */
public final class Trace {

    private static final boolean ENABLED = System.getenv("BUILDX_LENS_TRACE") != null;
    private static volatile long startMillis = -1;

    private Trace() {
    }

    public static boolean enabled() {
        return ENABLED;
    }

    public static void mark(String phase) {
        if (ENABLED) {
            System.err.println("trace: " + sinceStart() + " ms " + phase);
        }
    }

    /** Milliseconds since the start (see the class comment). */
    public static long sinceStart() {
        if (startMillis < 0) {
            startMillis = startMillis();
        }
        return System.currentTimeMillis() - startMillis;
    }

    private static long startMillis() {
        String given = System.getenv("BUILDX_LENS_T0");
        if (given != null) {
            try {
                return Long.parseLong(given.trim());
            } catch (NumberFormatException ignored) {
                // Fall back to the JVM's start.
            }
        }
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
