package org.finetuneplanner.ui.planner;

import java.util.List;

import org.finetuneplanner.core.cost.CostPoint;

/**
 * Cumulative cost of one option that fits, from 0 to the end of training.
 *
 * @param gpuId  catalog id of the option's GPU
 * @param label  the name at the line's end and in the legend: "2 × H100 SXM5 80GB"
 * @param points the cost series, in the currency of the prices in force
 * @param colour the GPU's colour, 0 to {@link CurveChoice#COLOURS} − 1: the same GPU keeps its colour whatever is
 *               shown and however often the plan is recomputed
 */
public record CostCurve(String gpuId, String label, List<CostPoint> points, int colour) {
    public CostCurve {
        points = List.copyOf(points);
    }
}
