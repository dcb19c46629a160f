package dev.buildxlens.core.workflow;

import java.util.List;
import java.util.Map;

/** A local composite action ({@code uses: ./path}): its inputs with their defaults, its steps, and its outputs. */
public record CompositeAction(String file, Map<String, Workflow.InputSpec> inputs, List<Workflow.Step> steps,
                              Map<String, String> outputs) {

    public CompositeAction {
        inputs = Map.copyOf(inputs);
        steps = List.copyOf(steps);
        outputs = Map.copyOf(outputs);
    }
}
