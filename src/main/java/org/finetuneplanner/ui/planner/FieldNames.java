package org.finetuneplanner.ui.planner;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.finetuneplanner.core.Violation;
import org.finetuneplanner.ui.common.Messages;

/**
 * The names the form gives the scenario's keys in a problem it shows: "Tensor (TP) must be 1 to GPUs per node (8)"
 * rather than "hardware.tensor_parallel must be 1 to gpus_per_node (8)". Keys without a name here stay as the
 * file writes them.
 */
final class FieldNames {
    /** Scenario and config keys → the text key of their name in the form. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("hardware.gpu_count", "inputs.gpuCount"),
            Map.entry("hardware.tensor_parallel", "inputs.tensorParallel"),
            Map.entry("hardware.pipeline_parallel", "inputs.pipelineParallel"),
            Map.entry("hardware.virtual_pipeline_stages", "inputs.virtualStages"),
            Map.entry("hardware.context_parallel", "inputs.contextParallel"),
            Map.entry("hardware.expert_parallel", "inputs.expertParallel"),
            Map.entry("training.sequence_length", "inputs.sequence"),
            Map.entry("hardware.gpus_per_node", "names.gpusPerNode"),
            Map.entry("num_hidden_layers", "names.layers"),
            Map.entry("num_attention_heads", "names.heads"),
            Map.entry("num_key_value_heads", "names.kvHeads"),
            Map.entry("num_local_experts", "names.experts"));
    private static final Pattern KEY = Pattern.compile("[a-z_]+(?:\\.[a-z_]+)*");

    private FieldNames() {
    }

    /**
     * The names for {@code v}'s words: each named key in its key and related key (keys joined by "×" and "/")
     * replaced by its name when its own key is a field the form names; else the keys as they are, so a sentence
     * never mixes the form's names with a file's keys it has no name for.
     */
    static UnaryOperator<String> of(Messages m, Violation v) {
        if (!NAMES.containsKey(v.key())) {
            return UnaryOperator.identity();
        }
        return text -> {
            Matcher k = KEY.matcher(text);
            StringBuilder out = new StringBuilder();
            while (k.find()) {
                String name = NAMES.get(k.group());
                k.appendReplacement(out, Matcher.quoteReplacement(name == null ? k.group() : m.text(name)));
            }
            k.appendTail(out);
            return out.toString();
        };
    }
}
