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
        for (Scenario scenario : scenarios) {
            out.append(String.format("%-32s %-14s %-13s %s%n", scenario.name(), scenario.runner(), scenario.level(), scenario.title()));
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
