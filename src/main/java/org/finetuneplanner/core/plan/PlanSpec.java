package org.finetuneplanner.core.plan;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Limits;

/**
 * The scenario's {@code plan} section ({@code advice-and-prices.md}): what the planner may not change, how far it
 * searches, which GPUs it tries.
 *
 * @param keep    settings the planner must not change ({@code plan.keep})
 * @param maxGpus the largest job it tries ({@code plan.max_gpus}, 1 to {@value Limits#MAX_PLAN_GPUS})
 * @param gpuIds  catalog ids of the GPUs to try ({@code plan.gpus}), empty for all; the scenario's own GPU is
 *                always tried too
 */
public record PlanSpec(Set<Setting> keep, int maxGpus, List<String> gpuIds) {

    public PlanSpec {
        keep = keep == null || keep.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keep));
        gpuIds = gpuIds == null ? List.of() : List.copyOf(gpuIds);
        if (maxGpus < 1 || maxGpus > Limits.MAX_PLAN_GPUS) {
            throw Violation.range("plan.max_gpus", 1, Limits.MAX_PLAN_GPUS, maxGpus).exception();
        }
        for (Setting s : keep) {
            if (!s.keepable()) {
                throw Violation.oneOf("plan.keep", s.id(), keepable()).exception();
            }
        }
    }

    /** Nothing kept, {@value Limits#PLANNER_MAX_GPUS} GPUs at most, every GPU. */
    public static PlanSpec defaults() {
        return new PlanSpec(Set.of(), Limits.PLANNER_MAX_GPUS, List.of());
    }

    /** The names {@code plan.keep} accepts, in order. */
    public static List<String> keepable() {
        return Arrays.stream(Setting.values()).filter(Setting::keepable).map(Setting::id).toList();
    }

    /** Whether {@code setting} is kept. */
    public boolean keeps(Setting setting) {
        return keep.contains(setting);
    }

    public PlanSpec withGpuIds(List<String> ids) {
        return new PlanSpec(keep, maxGpus, ids);
    }
}
