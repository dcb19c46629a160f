package dev.buildxlens.core.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The built-in lessons (resources under {@code /dev/buildxlens/scenarios/}) and lookup by name or file. */
public final class Scenarios {

    private static final String ROOT = "/dev/buildxlens/scenarios/";

    private Scenarios() {
    }

    /** Built-in scenario names, in teaching order. */
    public static List<String> builtInNames() {
        try (InputStream in = Scenarios.class.getResourceAsStream(ROOT + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }

    public static Scenario builtIn(String name) throws ScenarioException {
        try (InputStream in = Scenarios.class.getResourceAsStream(ROOT + name + ".yml")) {
            if (in == null) {
                throw new ScenarioException("no scenario '" + name + "' (built-in: " + String.join(", ", builtInNames()) + ")");
            }
            return ScenarioLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yml");
        } catch (IOException e) {
            throw new ScenarioException(name + ".yml: " + e.getMessage());
        }
    }

    /** A scenario file when {@code nameOrFile} is one, else a built-in scenario of that name. */
    public static Scenario find(String nameOrFile) throws ScenarioException {
        Path path = Path.of(nameOrFile);
        if (Files.isRegularFile(path)) {
            return ScenarioLoader.load(path, nameOrFile);
        }
        return builtIn(nameOrFile);
    }
}
