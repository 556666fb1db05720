package org.finetuneplanner.core.range;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.finetuneplanner.core.scenario.FineTuneMethod;

/**
 * The measured error bands of every group of validation cases, and the rule that picks the band for an estimate:
 * the group of its quantity, method and single/multi-GPU when that group has at least {@value #MIN_CASES} cases,
 * else its parent (the method's single and multi-GPU cases together), else every case of the quantity. Percentiles
 * of fewer cases say little (a 4-case group's 90th percentile is nearly its largest error), so small groups borrow
 * their parent's cases, which include their own. The bands are computed from the validation cases by the service
 * layer ({@code service.validation.ErrorBandsBuilder}); the core only reads them. Immutable.
 *
 * @param bands every group's band, in the order the builder lists them
 */
public record ErrorBands(List<ErrorBand> bands) {

    /** Fewest cases whose percentiles a group uses on its own. */
    public static final int MIN_CASES = 8;

    public ErrorBands {
        bands = List.copyOf(bands);
    }

    /** No measurements: every band is zero wide (ranges collapse to the estimate; {@code tight} never happens). */
    public static ErrorBands none() {
        return new ErrorBands(List.of());
    }

    /** The band of exactly {@code group}, if it has cases. */
    public Optional<ErrorBand> of(BandGroup group) {
        for (ErrorBand b : bands) {
            if (b.group().equals(group)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * The band an estimate of {@code quantity} for {@code method} on one ({@code multiGpu} false) or several GPUs
     * uses: its group when it has {@value #MIN_CASES} cases or more, else the nearest ancestor that has; a zero band
     * when no group has enough.
     */
    public ErrorBand band(Quantity quantity, FineTuneMethod method, boolean multiGpu) {
        Optional<BandGroup> group = Optional.of(BandGroup.of(quantity, method, multiGpu));
        while (group.isPresent()) {
            Optional<ErrorBand> band = of(group.get());
            if (band.isPresent() && band.get().cases() >= MIN_CASES) {
                return band.get();
            }
            group = group.get().parent();
        }
        return new ErrorBand(BandGroup.all(quantity), 0, 0, 0, 0);
    }

    /** The band every method × single/multi-GPU kind uses, keyed by its own group (for tables and data files). */
    public Map<BandGroup, ErrorBand> resolved() {
        Map<BandGroup, ErrorBand> all = new LinkedHashMap<>();
        for (Quantity q : Quantity.values()) {
            for (FineTuneMethod m : FineTuneMethod.values()) {
                for (boolean multi : new boolean[] {false, true}) {
                    all.put(BandGroup.of(q, m, multi), band(q, m, multi));
                }
            }
        }
        return all;
    }
}
