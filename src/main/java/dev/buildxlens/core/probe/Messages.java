package dev.buildxlens.core.probe;

/** Turns exceptions into the one line a person reads: the innermost useful message, never a stack trace. */
public final class Messages {

    private Messages() {
    }

    public static String firstLine(Throwable error) {
        String text = rootMessage(error);
        int newline = text.indexOf('\n');
        return newline >= 0 ? text.substring(0, newline).trim() : text.trim();
    }

    private static String rootMessage(Throwable error) {
        Throwable cursor = error;
        String best = null;
        while (cursor != null) {
            String message = cursor.getMessage();
            if (message != null && !message.isBlank()) {
                best = message;
            } else if (best == null) {
                best = cursor.getClass().getSimpleName();
            }
            if (cursor.getCause() == cursor) {
                break;
            }
            cursor = cursor.getCause();
        }
        return best == null ? error.getClass().getSimpleName() : best;
    }
}
