package dev.buildxlens.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** The app icon in the sizes window managers pick from, for every window and dialog of the app. */
public final class WindowIcons {

    private WindowIcons() {
    }

    public static List<Image> all() {
        List<Image> icons = new ArrayList<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            var url = WindowIcons.class.getResource("/dev/buildxlens/icons/buildx-lens-" + size + ".png");
            if (url != null) {
                icons.add(new Image(url.toExternalForm()));
            }
        }
        return icons;
    }
}
