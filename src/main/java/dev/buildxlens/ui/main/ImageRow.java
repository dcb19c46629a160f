package dev.buildxlens.ui.main;

import dev.buildxlens.core.model.Image;
import java.util.List;

/** One line of the images table: the image and the builders that can use it as a {@code FROM}. */
public record ImageRow(String id, String tags, long size, String created, String usableBy, String notUsableBy) {

    static ImageRow of(Image image, List<String> usable, List<String> notUsable) {
        return new ImageRow(image.shortId(), image.dangling() ? "<none>" : String.join(", ", image.tags()), image.size(),
                image.created().toString(), String.join(", ", usable), String.join(", ", notUsable));
    }
}
