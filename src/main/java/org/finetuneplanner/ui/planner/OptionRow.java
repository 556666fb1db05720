package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * One row of the GPU options table: the planner's option (its numbers kept raw, so the table sorts by value), the
 * marks, and each column's cell worded.
 *
 * @param option   the planner's option for one GPU
 * @param gpuName  the GPU's name as the table shows it: short, yet telling every catalog GPU apart
 * @param cheapest the cheapest option (among those that fit with margin, or the tight ones when none does)
 * @param fastest  the fastest option (likewise)
 * @param cells    the text of each {@link OptionColumn}, in its order
 */
public record OptionRow(PlanOption option, String gpuName, boolean cheapest, boolean fastest, List<String> cells) {

    public OptionRow {
        cells = List.copyOf(cells);
    }

    /**
     * The row of {@code o}, planned for a scenario whose model-parallel layout is {@code asked}: when the option's GPU
     * count cannot take that layout (the planner then runs it as data parallelism only), its changes say so.
     */
    static OptionRow of(PlanOption o, boolean cheapest, boolean fastest, Parallelism asked, Messages m, Formats f) {
        OptionRow raw = new OptionRow(o, ResultSentences.shortName(o.gpu()), cheapest, fastest, List.of());
        List<String> cells = new ArrayList<>(OptionColumn.values().length);
        for (OptionColumn c : OptionColumn.values()) {
            cells.add(c.text(raw, m, f));
        }
        Parallelism used = o.estimate().scenario().hardware().parallel();
        if (asked.isSplit() && !used.equals(asked)) {
            String dropped = m.text("results.change.layoutDropped", asked.tensor(), asked.pipeline(), asked.context(),
                    f.count(o.gpuCount()));
            String changes = cells.get(OptionColumn.CHANGES.ordinal());
            cells.set(OptionColumn.CHANGES.ordinal(), OptionColumn.NONE.equals(changes) ? dropped
                    : dropped + ", " + changes);
        }
        return new OptionRow(o, raw.gpuName(), cheapest, fastest, cells);
    }

    /**
     * {@code order} with the options that do not fit after all others, whatever the column and direction: an option
     * that does not fit is never an answer, so it never heads a sorted table. A null order keeps the plan's order.
     */
    public static Comparator<OptionRow> noLast(Comparator<OptionRow> order) {
        Comparator<OptionRow> fitsFirst = Comparator.comparing(r -> !r.fits());
        return order == null ? fitsFirst : fitsFirst.thenComparing(order);
    }

    /** The text of {@code column}. */
    public String cell(OptionColumn column) {
        return cells.get(column.ordinal());
    }

    public String gpuId() {
        return option.gpu().id();
    }

    public FitStatus status() {
        return option.status();
    }

    /** Whether it fits: {@code fits} or {@code tight}. */
    public boolean fits() {
        return option.fits();
    }

    public int gpus() {
        return option.gpuCount();
    }

    public Sharding sharding() {
        return option.estimate().scenario().hardware().sharding();
    }

    public Offload offload() {
        return option.estimate().scenario().hardware().offload();
    }

    /** Per-GPU total at the peak, bytes (the point estimate). */
    public long totalBytes() {
        return option.estimate().memory().perGpu().totalBytes();
    }

    /** Per-GPU usable memory, bytes. */
    public long capacityBytes() {
        return option.estimate().memory().capacityBytes();
    }

    /** The range of the per-GPU total, bytes. */
    public Range memory() {
        return option.ranges().memoryBytes();
    }

    /** Host memory per node for offloaded state, bytes (0 without offload). */
    public long hostBytes() {
        return option.hostBytes();
    }

    /** Training hours; empty when it does not fit or the data size is unknown. */
    public OptionalDouble hours() {
        return option.hours();
    }

    /** The whole cost in US dollars; empty when it does not fit, or the data size or a price is unknown. */
    public OptionalDouble usd() {
        return option.cost().isPresent() ? OptionalDouble.of(option.cost().get().usd()) : OptionalDouble.empty();
    }

    /** The price per GPU-hour the cost uses, when there is a cost. */
    public Optional<CostEstimate> price() {
        return option.cost();
    }

    /** Why this setup, and for one that does not fit why not and what would make it fit. */
    public List<PlanReason> reasons() {
        return option.reasons();
    }

    /** Hours for sorting: options that do not fit, then unknown times, sort last. */
    public double hoursOrMax() {
        return fits() ? hours().orElse(Double.MAX_VALUE / 2) : Double.MAX_VALUE;
    }

    /** Cost for sorting: options that do not fit, then unknown costs, sort last. */
    public double usdOrMax() {
        return fits() ? usd().orElse(Double.MAX_VALUE / 2) : Double.MAX_VALUE;
    }
}
