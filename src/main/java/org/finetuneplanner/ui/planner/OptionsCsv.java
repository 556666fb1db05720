package org.finetuneplanner.ui.planner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;

import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.service.text.LocaleFormat;
import org.finetuneplanner.ui.common.Messages;

/**
 * The GPU options as CSV rows for a spreadsheet: the header first, with each column's unit in it; then one row per
 * option, those that fit first and cheapest first, those that do not fit last (without speed, time or cost).
 *
 * <p>Words (headers, status, sharding, changes, caveats, reasons) are in the user's language; numbers are
 * machine-readable in every language: a point for the decimals, no grouping, no unit or currency sign (the unit is in
 * the header), so a spreadsheet in any locale or a script reads them as numbers. An unknown value is an empty cell.
 * Pure.
 */
final class OptionsCsv {
    /** The header keys, in column order ({@code csv.<key>} in the app's bundles). */
    static final List<String> COLUMNS = List.of("gpu", "gpuId", "gpus", "sharding", "offload", "status", "memory",
            "memoryLow", "memoryHigh", "capacity", "host", "tokensPerSecond", "hours", "hoursLow", "hoursHigh", "cost",
            "costLow", "costHigh", "price", "rented", "provider", "priceDate", "mark", "changes", "largestMicroBatch",
            "longestSequence", "caveats", "reasons");

    private final Messages m;

    OptionsCsv(Messages m) {
        this.m = m;
    }

    /** The header and one row per option of {@code plan}, planned for a scenario whose layout is {@code asked}. */
    List<List<String>> rows(Plan plan, Parallelism asked) {
        List<List<String>> rows = new ArrayList<>(plan.options().size() + 1);
        rows.add(COLUMNS.stream().map(k -> m.text("csv." + k)).toList());
        List<PlanOption> sorted = new ArrayList<>(plan.options());
        sorted.sort(PlanOption.BY_COST);
        for (PlanOption o : sorted) {
            rows.add(row(o, plan, asked));
        }
        return rows;
    }

    private List<String> row(PlanOption o, Plan plan, Parallelism asked) {
        HardwareSpec hw = o.estimate().scenario().hardware();
        Range memory = o.ranges().memoryBytes();
        Optional<CostEstimate> cost = o.cost();
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(o.gpu().name());
        cells.add(o.gpu().id());
        cells.add(Integer.toString(o.gpuCount()));
        cells.add(m.label(hw.sharding()));
        cells.add(hw.offload() == Offload.NONE ? "" : m.label(hw.offload()));
        cells.add(m.text("results.status.words." + o.status().name()));
        cells.add(number(o.estimate().memory().perGpu().totalBytes() / LocaleFormat.GIB, 2));
        cells.add(number(memory.low() / LocaleFormat.GIB, 2));
        cells.add(number(memory.high() / LocaleFormat.GIB, 2));
        cells.add(number(o.estimate().memory().capacityBytes() / LocaleFormat.GIB, 2));
        cells.add(o.hostBytes() > 0 ? number(o.hostBytes() / LocaleFormat.GIB, 2) : "");
        cells.add(number(o.tokensPerSecond(), 0));
        cells.add(number(o.hours(), 3));
        cells.add(o.ranges().hours().map(r -> number(r.low(), 3)).orElse(""));
        cells.add(o.ranges().hours().map(r -> number(r.high(), 3)).orElse(""));
        cells.add(cost.map(c -> number(c.usd(), 2)).orElse(""));
        cells.add(o.ranges().usd().map(r -> number(r.low(), 2)).orElse(""));
        cells.add(o.ranges().usd().map(r -> number(r.high(), 2)).orElse(""));
        cells.add(cost.map(c -> number(c.usdPerGpuHour(), 4)).orElse(""));
        cells.add(cost.map(c -> Integer.toString(c.rentedGpus())).orElse(""));
        cells.add(cost.map(c -> OptionColumn.who(c, m)).orElse(""));
        cells.add(cost.map(CostEstimate::priceSeen).orElse(""));
        StringJoiner mark = new StringJoiner(", ");
        plan.cheapest().filter(o.gpu().id()::equals).ifPresent(id -> mark.add(m.text("csv.mark.cheapest")));
        plan.fastest().filter(o.gpu().id()::equals).ifPresent(id -> mark.add(m.text("csv.mark.fastest")));
        cells.add(mark.toString());
        StringJoiner changes = new StringJoiner("; ");
        if (asked.isSplit() && !hw.parallel().equals(asked)) {
            changes.add(m.text("results.change.layoutDropped", asked.tensor(), asked.pipeline(), asked.context(),
                    o.gpuCount()));
        }
        o.adjustments().forEach(a -> changes.add(m.words().adjustment(a)));
        cells.add(changes.toString());
        cells.add(o.fits() ? Integer.toString(o.largestMicroBatch()) : "");
        cells.add(o.fits() ? Integer.toString(o.largestSequenceLength()) : "");
        StringJoiner caveats = new StringJoiner(" | ");
        o.caveats().forEach(c -> caveats.add(m.words().caveat(c)));
        cells.add(caveats.toString());
        cells.add(m.reasons(o.reasons()));
        return cells;
    }

    /** A number as a machine reads it: a point, no grouping, {@code digits} decimals (trailing zeros dropped). */
    static String number(double value, int digits) {
        if (!Double.isFinite(value)) {
            return "";
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String number(OptionalDouble value, int digits) {
        return value.isPresent() ? number(value.getAsDouble(), digits) : "";
    }
}
