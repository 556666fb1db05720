package org.finetuneplanner.ui.planner;

import java.util.List;

import org.finetuneplanner.core.cost.CostPoint;

/**
 * Cumulative cost of one option that fits, from 0 to the end of training.
 *
 * @param gpuId  catalog id of the option's GPU
 * @param label  legend text: "2 × H100 SXM"
 * @param points the cost series, in the currency of the prices in force
 */
public record CostCurve(String gpuId, String label, List<CostPoint> points) {
    public CostCurve {
        points = List.copyOf(points);
    }
}
