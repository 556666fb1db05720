package org.finetuneplanner.service.persistence;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;

/**
 * The {@code plan --json} object of the scenario format's "Other commands" section: one option per GPU with
 * {@code gpu, gpu_count, sharding, offload, fits, memory_gib, gpu_memory_gib, tokens_per_second, hours,
 * usd_per_gpu_hour, usd, provider}, then {@code cheapest} and {@code fastest}. Each option also carries
 * {@code reason} and {@code warnings} (added keys). Unknown values are JSON null. The shape is the {@link PlanDto}
 * record and its {@link OptionDto}s, written by {@link SafeJson}'s mapper.
 */
public final class PlanJson {

    private static final CostProjector PRICES = new CostProjector();

    private PlanJson() {
    }

    /** The plan object. */
    record PlanDto(String name, List<OptionDto> options, String cheapest, String fastest) {
    }

    /**
     * One GPU's option; {@code max_micro_batch_size} and {@code max_sequence_length} only where they were computed.
     */
    record OptionDto(String gpu, int gpuCount, Sharding sharding, Offload offload, boolean fits,
                     ResultJson.Memory memoryGib, double gpuMemoryGib, double tokensPerSecond, Double hours,
                     Double usdPerGpuHour, Double usd, String provider, String reason, List<String> warnings,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxMicroBatchSize,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxSequenceLength) {
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
        return SafeJson.toTree(dto(plan, planner));
    }

    /** Indented JSON of the plan. */
    public static String write(Plan plan) {
        return SafeJson.pretty(dto(plan, null));
    }

    /** Indented JSON of the plan with the largest micro-batch and sequence of each fitting option. */
    public static String write(Plan plan, Planner planner) {
        return SafeJson.pretty(dto(plan, planner));
    }

    private static PlanDto dto(Plan plan, Planner planner) {
        List<OptionDto> options = plan.options().stream().map(o -> option(o, planner)).toList();
        return new PlanDto(plan.name(), options, plan.cheapest().orElse(null), plan.fastest().orElse(null));
    }

    private static OptionDto option(PlanOption option, Planner planner) {
        Estimate e = option.estimate();
        HardwareSpec hw = e.scenario().hardware();
        Double hours = e.hours().isPresent() ? ResultJson.round(e.hours().getAsDouble(), 3) : null;
        // Without a data size there is no total; the price per GPU-hour is still shown when one is known.
        Optional<CostEstimate> cost = e.cost().isPresent() ? e.cost()
                : PRICES.project(e.scenario(), 0, e.parameters());
        boolean largest = planner != null && option.fits();
        return new OptionDto(option.gpu().id(), hw.gpuCount(), hw.sharding(), hw.offload(), option.fits(),
                ResultJson.Memory.of(e.memory().perGpu()), ResultJson.gib(e.memory().capacityBytes()),
                ResultJson.round(e.throughput().tokensPerSecond(), 1), hours,
                cost.map(c -> ResultJson.round(c.usdPerGpuHour(), 4)).orElse(null),
                e.cost().map(c -> ResultJson.round(c.usd(), 2)).orElse(null),
                cost.map(CostEstimate::provider).orElse(null), Words.english().reasons(option.reasons()),
                ResultJson.warnings(e.notes()),
                largest ? planner.largestMicroBatch(e.scenario()) : null,
                largest ? planner.largestSequenceLength(e.scenario()) : null);
    }
}
