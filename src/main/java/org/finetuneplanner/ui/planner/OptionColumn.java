package org.finetuneplanner.ui.planner;

import java.util.Comparator;
import java.util.StringJoiner;

import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * The columns of the GPU options table, in their order on screen: each words its cell and sorts by value. A new
 * column is one constant here (its header is {@code results.column.<id>} in the app's bundles, its tooltip
 * {@code results.column.<id>.tip}). When the table is too narrow for every column, those of the highest
 * {@link #priority()} number give way first; what they say is also on the selected option's card and in the CSV. The
 * GPU count stays with the GPU: a cost means nothing without how many cards it rents.
 */
public enum OptionColumn {
    MARK("mark", 9, Comparator.comparingInt(r -> (r.cheapest() ? 0 : 2) + (r.fastest() ? 0 : 1))),
    GPU("gpu", 0, Comparator.comparing(OptionRow::gpuName)),
    STATUS("status", 2, Comparator.comparing(OptionRow::status)),
    GPUS("gpus", 1, Comparator.comparingInt(OptionRow::gpus)),
    SHARDING("sharding", 10, Comparator.comparing(OptionRow::sharding)),
    OFFLOAD("offload", 7, Comparator.comparing(OptionRow::offload)),
    CHANGES("changes", 6, Comparator.comparingInt(r -> r.option().adjustments().size())),
    MEMORY("memory", 5, Comparator.comparingDouble(r -> r.memory().high() / r.capacityBytes())),
    HOST("host", 11, Comparator.comparingLong(OptionRow::hostBytes)),
    TIME("time", 4, Comparator.comparingDouble(OptionRow::hoursOrMax)),
    COST("cost", 3, Comparator.comparingDouble(OptionRow::usdOrMax)),
    CAVEATS("caveats", 8, Comparator.comparingInt(r -> r.option().caveats().size())),
    MICRO_BATCH("microBatch", 12, Comparator.comparingInt(r -> r.option().largestMicroBatch())),
    SEQUENCE("sequence", 13, Comparator.comparingInt(r -> r.option().largestSequenceLength())),
    PRICE("price", 14, Comparator.comparingDouble(r -> r.price().map(CostEstimate::usdPerGpuHour)
            .orElse(Double.MAX_VALUE))),
    SOURCE("source", 15, Comparator.comparing(r -> r.price().map(CostEstimate::provider).orElse("\uffff")));

    static final String NONE = "\u2013";

    private final String id;
    private final int priority;
    private final Comparator<OptionRow> comparator;

    OptionColumn(String id, int priority, Comparator<OptionRow> comparator) {
        this.id = id;
        this.priority = priority;
        this.comparator = comparator;
    }

    public String id() {
        return id;
    }

    /** 0 for the column shown first; a narrow table drops the largest numbers first. */
    public int priority() {
        return priority;
    }

    /** The key of the column's header. */
    public String headerKey() {
        return "results.column." + id;
    }

    /** The key of the header's tooltip (what the column says, its unit). */
    public String tipKey() {
        return headerKey() + ".tip";
    }

    /** Whether its cells are numbers, aligned right. */
    public boolean numeric() {
        return switch (this) {
            case GPUS, MEMORY, HOST, TIME, COST, MICRO_BATCH, SEQUENCE, PRICE -> true;
            default -> false;
        };
    }

    /** Sorts rows by the column's value, not by its text. */
    public Comparator<OptionRow> comparator() {
        return comparator;
    }

    /** The cell of {@code r} in this column, in the language of {@code m}. */
    String text(OptionRow r, Messages m, Formats f) {
        PlanOption o = r.option();
        return switch (this) {
            case MARK -> (r.cheapest() ? m.text("results.mark.cheapest.symbol") : "")
                    + (r.cheapest() && r.fastest() ? " " : "") + (r.fastest() ? m.text("results.mark.fastest.symbol")
                    : "");
            case GPU -> r.gpuName();
            case STATUS -> m.text("results.status." + r.status().name());
            case GPUS -> f.count(r.gpus());
            case SHARDING -> r.gpus() == 1 ? NONE : m.label(r.sharding());
            case OFFLOAD -> r.offload() == Offload.NONE ? NONE : m.text("results.offload." + r.offload().name());
            case CHANGES -> r.fits() ? changes(o, m, f) : suggestion(o, m, f);
            case MEMORY -> f.gibRangeNumber(r.memory()) + " / " + f.gibNumber(r.capacityBytes());
            case HOST -> r.hostBytes() > 0 ? f.gibNumber(r.hostBytes()) : NONE;
            case TIME -> o.ranges().hours().map(f::hoursRange).orElse(NONE);
            case COST -> o.ranges().usd().map(f::usdRange).orElse(NONE);
            case CAVEATS -> o.caveats().isEmpty() ? "" : m.text("results.caveats.count", o.caveats().size());
            case MICRO_BATCH -> r.fits() ? f.count(o.largestMicroBatch()) : NONE;
            case SEQUENCE -> r.fits() ? f.count(o.largestSequenceLength()) : NONE;
            case PRICE -> r.price().map(c -> f.usd(c.usdPerGpuHour())).orElse(NONE);
            case SOURCE -> r.price().map(c -> source(c, m)).orElse(NONE);
        };
    }

    /**
     * The settings the planner changed, short: the new values only ("micro-batch 2, accum. 16, checkpointing");
     * the full "from → to" is on the row's tooltip, the recommendation and the card. "–" for none.
     */
    static String changes(PlanOption o, Messages m, Formats f) {
        if (o.adjustments().isEmpty()) {
            return NONE;
        }
        StringJoiner all = new StringJoiner(", ");
        for (Adjustment a : o.adjustments()) {
            String key = "results.change." + a.setting().name();
            all.add(a.to() instanceof Enum<?> e ? m.text(key + "." + e.name())
                    : m.text(key, a.to() instanceof Number n ? f.count(n.longValue()) : String.valueOf(a.to())));
        }
        return all.toString();
    }

    /** For an option that does not fit: the first (smallest) change that would make it fit, short. */
    static String suggestion(PlanOption o, Messages m, Formats f) {
        for (PlanReason reason : o.reasons()) {
            String key = "results.suggest." + reason.getClass().getSimpleName();
            if (reason instanceof PlanReason.FitsWithMoreGpus s) {
                return m.text(key, f.count(s.gpus()));
            }
            if (reason instanceof PlanReason.FitsWithMethod s) {
                return m.text(key, m.label(s.method()), f.count(s.gpus()));
            }
            if (reason instanceof PlanReason.FitsWithShorterSequence s) {
                return m.text(key, f.count(s.sequenceLength()), f.count(s.gpus()));
            }
            if (reason instanceof PlanReason.FitsIfNotKept s) {
                return m.text(key, m.label(s.setting()), f.count(s.gpus()));
            }
            if (reason instanceof PlanReason.HostMemoryShort s) {
                return m.text(key, f.gib(s.neededBytes()));
            }
        }
        return m.text("results.suggest.none");
    }

    /** Who lists the price and when: "RunPod · September 25, 2026"; the scenario's own price says so. */
    static String source(CostEstimate c, Messages m) {
        String who = who(c, m);
        return c.origin() == PriceOrigin.SCENARIO || c.priceSeen().isEmpty() ? who
                : who + " \u00b7 " + Formats.of(m).seenDate(c.priceSeen());
    }

    /** Who lists the price: "RunPod", "Vast.ai (marketplace)"; the scenario's own price says so. */
    static String who(CostEstimate c, Messages m) {
        if (c.origin() == PriceOrigin.SCENARIO) {
            return m.text("results.source.scenario");
        }
        return c.origin() == PriceOrigin.MARKETPLACE ? m.text("results.source.market", c.provider()) : c.provider();
    }
}
