package org.finetuneplanner.core.scenario;

/** Optimizers with distinct state sizes or placement. */
public enum Optimizer implements Identified {
    ADAMW("adamw"),
    ADAMW_8BIT("adamw_8bit"),
    PAGED_ADAMW_32BIT("paged_adamw_32bit"),
    PAGED_ADAMW_8BIT("paged_adamw_8bit"),
    SGD("sgd"),
    SGD_MOMENTUM("sgd_momentum"),
    ADAFACTOR("adafactor"),
    LION("lion");

    private final String id;

    Optimizer(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Optimizer> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
