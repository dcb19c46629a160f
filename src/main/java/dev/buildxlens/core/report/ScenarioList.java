package dev.buildxlens.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.scenario.Scenario;
import java.util.List;

/** The list of lessons ({@code scenarios}), as a table for a terminal or as JSON. */
public final class ScenarioList {

    private ScenarioList() {
    }

    public static String text(List<Scenario> scenarios) {
        StringBuilder out = new StringBuilder();
        // Columns as wide as their longest entry: a long lesson name must not push its row out of line.
        int name = scenarios.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        int runner = scenarios.stream().mapToInt(s -> s.runner().length()).max().orElse(0);
        int level = scenarios.stream().mapToInt(s -> s.level().length()).max().orElse(0);
        String row = "%-" + Math.max(1, name) + "s  %-" + Math.max(1, runner) + "s  %-" + Math.max(1, level) + "s  %s%n";
        for (Scenario scenario : scenarios) {
            out.append(String.format(row, scenario.name(), scenario.runner(), scenario.level(), scenario.title()));
        }
        out.append("\nUse one with --scenario NAME (inspect, diagnose, fix, and the desktop app), or --scenario FILE for your own.\n");
        return out.toString();
    }

    public static String json(List<Scenario> scenarios) {
        ObjectNode root = JsonTrees.object();
        ArrayNode array = root.putArray("scenarios");
        for (Scenario scenario : scenarios) {
            ObjectNode node = array.addObject();
            node.put("name", scenario.name());
            node.put("title", scenario.title());
            node.put("level", scenario.level());
            node.put("runner", scenario.runner());
            node.put("goal", scenario.goal());
            ArrayNode expect = node.putArray("expect");
            scenario.expect().forEach(expect::add);
        }
        return JsonTrees.pretty(root) + "\n";
    }
}
