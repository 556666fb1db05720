package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * One row of the GPU options table: numbers kept raw so the table sorts by value, and each column's cell worded.
 *
 * @param gpuId         catalog id
 * @param gpuName       display name
 * @param fits          whether the option fits in memory
 * @param gpus          GPUs needed
 * @param sharding      sharding chosen
 * @param offload       offload chosen
 * @param totalBytes    per-GPU total memory
 * @param capacityBytes per-GPU usable memory
 * @param hours         training time, empty without dataset tokens
 * @param usd           total cost, empty without tokens or price
 * @param cheapest      the cheapest option that fits
 * @param fastest       the fastest option that fits
 * @param reasons       why it does not fit, or why this count (worded when a tooltip shows)
 * @param option        the planner's option
 * @param cells         the text of each {@link OptionColumn}, in its order
 */
public record OptionRow(String gpuId, String gpuName, boolean fits, int gpus, Sharding sharding, Offload offload,
                        long totalBytes, long capacityBytes, OptionalDouble hours, OptionalDouble usd,
                        boolean cheapest, boolean fastest, List<PlanReason> reasons, PlanOption option,
                        List<String> cells) {

    public OptionRow {
        reasons = List.copyOf(reasons);
        cells = List.copyOf(cells);
    }

    static OptionRow of(PlanOption o, boolean cheapest, boolean fastest, Messages m, Formats f) {
        var e = o.estimate();
        var hw = e.scenario().hardware();
        OptionalDouble usd = e.cost().isPresent() ? OptionalDouble.of(e.cost().get().usd()) : OptionalDouble.empty();
        OptionRow raw = new OptionRow(o.gpu().id(), o.gpu().name(), o.fits(), o.gpuCount(), hw.sharding(),
                hw.offload(), e.memory().perGpu().totalBytes(), e.memory().capacityBytes(), e.hours(), usd, cheapest,
                fastest, o.reasons(), o, List.of());
        List<String> cells = new ArrayList<>(OptionColumn.values().length);
        for (OptionColumn c : OptionColumn.values()) {
            cells.add(c.text(raw, m, f));
        }
        return raw.withCells(cells);
    }

    private OptionRow withCells(List<String> texts) {
        return new OptionRow(gpuId, gpuName, fits, gpus, sharding, offload, totalBytes, capacityBytes, hours, usd,
                cheapest, fastest, reasons, option, texts);
    }

    /** The text of {@code column}. */
    public String cell(OptionColumn column) {
        return cells.get(column.ordinal());
    }

    /** Hours for sorting: options that do not fit, then unknown times, sort last. */
    public double hoursOrMax() {
        return fits ? hours.orElse(Double.MAX_VALUE / 2) : Double.MAX_VALUE;
    }

    /** Cost for sorting: options that do not fit, then unknown costs, sort last. */
    public double usdOrMax() {
        return fits ? usd.orElse(Double.MAX_VALUE / 2) : Double.MAX_VALUE;
    }
}
