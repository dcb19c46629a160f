package dev.buildxlens.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop app's own options: {@code --open FILE} (any build file the Diagnose tab opens: a Dockerfile, a
 * workflow, a GitLab CI, Compose or Bake file),
 * {@code --scenario NAME|FILE}, {@code --screenshots DIR} and {@code --measure-gui FILE}. Any field may be null.
 */
record GuiOptions(Path open, Path screenshots, String scenario, Path measure) {

    /** What the app takes, for the line that rejects anything else. */
    static final String TAKES = "the app takes --open FILE, --scenario NAME|FILE, --screenshots DIR and --measure-gui FILE";

    /** @throws IllegalArgumentException with the unknown word (or the option missing its value) as its message */
    static GuiOptions parse(List<String> args) {
        Path open = null;
        Path screenshots = null;
        String scenario = null;
        Path measure = null;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if ((word.equals("--open") || word.equals("--screenshots") || word.equals("--scenario")
                    || word.equals("--measure-gui")) && i + 1 < args.size()) {
                String value = args.get(++i);
                switch (word) {
                    case "--open" -> open = Path.of(value);
                    case "--screenshots" -> screenshots = Path.of(value);
                    case "--measure-gui" -> measure = Path.of(value);
                    default -> scenario = value;
                }
            } else {
                throw new IllegalArgumentException(word);
            }
        }
        return new GuiOptions(open, screenshots, scenario, measure);
    }

    /** The same options with another file to open. */
    GuiOptions withOpen(Path file) {
        return new GuiOptions(file, screenshots, scenario, measure);
    }
}
