package org.finetuneplanner.core.scenario;

/** Optimizers with distinct state sizes or placement. */
public enum Optimizer implements Identified {
    ADAMW("adamw", "AdamW"),
    ADAMW_8BIT("adamw_8bit", "AdamW 8-bit"),
    PAGED_ADAMW_32BIT("paged_adamw_32bit", "Paged AdamW 32-bit"),
    PAGED_ADAMW_8BIT("paged_adamw_8bit", "Paged AdamW 8-bit"),
    SGD("sgd", "SGD"),
    SGD_MOMENTUM("sgd_momentum", "SGD with momentum"),
    ADAFACTOR("adafactor", "Adafactor"),
    LION("lion", "Lion");

    private final String id;
    private final String label;

    Optimizer(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** A short English label; the UI translates through its resource bundle. */
    public String label() {
        return label;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Optimizer> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
