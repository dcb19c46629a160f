package dev.buildxlens.ui.main;

import dev.buildxlens.core.model.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** One line of the images table: the image, its age, and the builders that can (and cannot) use it as a FROM. */
public record ImageRow(String id, String tags, long size, String created, String usableBy, String notUsableBy,
                       boolean dangling, Instant createdAt, String searchText) {

    static ImageRow of(Image image, List<String> usable, List<String> notUsable, Instant now) {
        String tags = image.dangling() ? "<none>" : String.join(", ", image.tags());
        return new ImageRow(image.shortId(), tags, image.size(), age(image.created(), now), String.join(", ", usable),
                String.join(", ", notUsable), image.dangling(), image.created(),
                (image.id() + " " + String.join(" ", image.tags())).toLowerCase(Locale.ROOT));
    }

    /** "3 days ago", like docker images. */
    static String age(Instant created, Instant now) {
        Duration age = Duration.between(created, now);
        if (created.equals(Instant.EPOCH) || age.isNegative()) {
            return "unknown";
        }
        long days = age.toDays();
        if (days >= 365) {
            return days / 365 + (days / 365 == 1 ? " year ago" : " years ago");
        }
        if (days >= 30) {
            return days / 30 + (days / 30 == 1 ? " month ago" : " months ago");
        }
        if (days >= 1) {
            return days + (days == 1 ? " day ago" : " days ago");
        }
        long hours = age.toHours();
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour ago" : " hours ago");
        }
        long minutes = age.toMinutes();
        return minutes <= 1 ? "just now" : minutes + " minutes ago";
    }

    /** Whether the row matches a filter: every word must appear in the id or a tag. */
    public boolean matches(String filter, boolean danglingOnly) {
        if (danglingOnly && !dangling) {
            return false;
        }
        if (filter == null || filter.isBlank()) {
            return true;
        }
        for (String word : filter.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!searchText.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
