package org.finetuneplanner.service.persistence;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;

/**
 * The {@code plan --json} object of the scenario format's "Other commands" section: one option per GPU with
 * {@code gpu, gpu_count, sharding, offload, fits, memory_gib, gpu_memory_gib, tokens_per_second, hours,
 * usd_per_gpu_hour, usd, provider}, then {@code cheapest} and {@code fastest}. Each option also carries
 * {@code reason} and {@code warnings} (added keys). Unknown values are JSON null.
 */
public final class PlanJson {

    private static final CostProjector PRICES = new CostProjector();

    private PlanJson() {
    }

    /** The plan as a JSON tree. */
    public static ObjectNode toTree(Plan plan) {
        return toTree(plan, null);
    }

    /**
     * The plan as a JSON tree; with a planner, each option that fits also gets {@code max_micro_batch_size} and
     * {@code max_sequence_length}: the largest that still fit on its GPUs (added keys).
     */
    public static ObjectNode toTree(Plan plan, Planner planner) {
        ObjectNode root = SafeJson.nodes().objectNode();
        root.put("name", plan.name());
        ArrayNode options = root.putArray("options");
        for (PlanOption option : plan.options()) {
            ObjectNode o = option(option);
            if (planner != null && option.fits()) {
                o.put("max_micro_batch_size", planner.largestMicroBatch(option.estimate().scenario()));
                o.put("max_sequence_length", planner.largestSequenceLength(option.estimate().scenario()));
            }
            options.add(o);
        }
        if (plan.cheapest().isPresent()) {
            root.put("cheapest", plan.cheapest().get());
        } else {
            root.putNull("cheapest");
        }
        if (plan.fastest().isPresent()) {
            root.put("fastest", plan.fastest().get());
        } else {
            root.putNull("fastest");
        }
        return root;
    }

    /** Indented JSON of the plan. */
    public static String write(Plan plan) {
        return SafeJson.pretty(toTree(plan));
    }

    /** Indented JSON of the plan with the largest micro-batch and sequence of each fitting option. */
    public static String write(Plan plan, Planner planner) {
        return SafeJson.pretty(toTree(plan, planner));
    }

    private static ObjectNode option(PlanOption option) {
        Estimate e = option.estimate();
        HardwareSpec hw = e.scenario().hardware();
        ObjectNode result = ResultJson.toTree(e);
        ObjectNode o = SafeJson.nodes().objectNode();
        o.put("gpu", option.gpu().id());
        o.put("gpu_count", hw.gpuCount());
        o.put("sharding", hw.sharding().id());
        o.put("offload", hw.offload().id());
        o.put("fits", option.fits());
        o.set("memory_gib", result.get("memory_gib"));
        o.put("gpu_memory_gib", ResultJson.gib(e.memory().capacityBytes()));
        o.put("tokens_per_second", Math.round(e.throughput().tokensPerSecond() * 10) / 10.0);
        if (e.hours().isPresent()) {
            o.put("hours", Math.round(e.hours().getAsDouble() * 1000) / 1000.0);
        } else {
            o.putNull("hours");
        }
        if (e.cost().isPresent()) {
            CostEstimate c = e.cost().get();
            o.put("usd_per_gpu_hour", Math.round(c.usdPerGpuHour() * 10000) / 10000.0);
            o.put("usd", Math.round(c.usd() * 100) / 100.0);
            o.put("provider", c.provider());
        } else {
            // No data size, so no total; the price per GPU-hour is still shown when one is known.
            Optional<CostEstimate> price = PRICES.project(e.scenario(), 0, e.parameters());
            if (price.isPresent()) {
                o.put("usd_per_gpu_hour", Math.round(price.get().usdPerGpuHour() * 10000) / 10000.0);
            } else {
                o.putNull("usd_per_gpu_hour");
            }
            o.putNull("usd");
            if (price.isPresent()) {
                o.put("provider", price.get().provider());
            } else {
                o.putNull("provider");
            }
        }
        Words english = Words.english();
        o.put("reason", english.reasons(option.reasons()));
        ArrayNode warnings = o.putArray("warnings");
        e.notes().stream().filter(n -> n.severity() == Note.Severity.WARNING).map(english::note).distinct()
                .forEach(warnings::add);
        return o;
    }
}
