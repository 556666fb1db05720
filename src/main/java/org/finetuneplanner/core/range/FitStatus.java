package org.finetuneplanner.core.range;

import java.util.Optional;

import org.finetuneplanner.core.scenario.Identified;

/**
 * Whether a setup fits, with the estimate's uncertainty: {@link #FITS} when even the high end of the memory range
 * is within the usable memory, {@link #TIGHT} when only the estimate is, {@link #NO} otherwise (or when the host
 * memory an offload needs is more than the node has). The spec's boolean {@code fits} is true for both
 * {@code fits} and {@code tight}.
 */
public enum FitStatus implements Identified {
    FITS("fits"),
    TIGHT("tight"),
    NO("no");

    private final String id;

    FitStatus(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The spec's {@code fits}: true for {@code fits} and {@code tight}. */
    public boolean fits() {
        return this != NO;
    }

    /** The constant for a spelling, or empty. */
    public static Optional<FitStatus> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
