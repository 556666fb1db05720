package org.finetuneplanner.ui.planner;

import java.util.Comparator;

import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * The columns of the GPU options table: each words its cell and sorts by value. A new column is one constant here
 * (its header is {@code results.column.<id>} in the app's bundles).
 */
public enum OptionColumn {
    MARK("mark", Comparator.comparingInt(r -> (r.cheapest() ? 0 : 2) + (r.fastest() ? 0 : 1))),
    GPU("gpu", Comparator.comparing(OptionRow::gpuName)),
    FITS("fits", Comparator.comparing(r -> !r.fits())),
    GPUS("gpus", Comparator.comparingInt(OptionRow::gpus)),
    SHARDING("sharding", Comparator.comparing(OptionRow::sharding)),
    MEMORY("memory", Comparator.comparingDouble(r -> (double) r.totalBytes() / r.capacityBytes())),
    TIME("time", Comparator.comparingDouble(OptionRow::hoursOrMax)),
    COST("cost", Comparator.comparingDouble(OptionRow::usdOrMax));

    private static final String NONE = "\u2013";

    private final String id;
    private final Comparator<OptionRow> comparator;

    OptionColumn(String id, Comparator<OptionRow> comparator) {
        this.id = id;
        this.comparator = comparator;
    }

    public String id() {
        return id;
    }

    /** The key of the column's header. */
    public String headerKey() {
        return "results.column." + id;
    }

    /** Sorts rows by the column's value, not by its text. */
    public Comparator<OptionRow> comparator() {
        return comparator;
    }

    /** The cell of {@code r} in this column, in the language of {@code m}. */
    String text(OptionRow r, Messages m, Formats f) {
        return switch (this) {
            case MARK -> r.cheapest() && r.fastest()
                    ? m.text("results.mark.cheapest") + " " + m.text("results.mark.fastest")
                    : r.cheapest() ? m.text("results.mark.cheapest")
                    : r.fastest() ? m.text("results.mark.fastest") : "";
            case GPU -> r.gpuName();
            case FITS -> m.text(r.fits() ? "results.fits.yes" : "results.fits.no");
            case GPUS -> Integer.toString(r.gpus());
            case SHARDING -> r.gpus() == 1 ? NONE : m.label(r.sharding());
            case MEMORY -> f.gibNumber(r.totalBytes()) + " / " + f.gibNumber(r.capacityBytes());
            case TIME -> r.hours().isPresent() ? f.hours(r.hours().getAsDouble()) : NONE;
            case COST -> r.usd().isPresent() ? f.usd(r.usd().getAsDouble()) : NONE;
        };
    }
}
