package org.finetuneplanner.core.scenario;

/** Modules trained in full beside the adapters. */
public enum ExtraTrainable implements Identified {
    EMBED("embed"),
    LM_HEAD("lm_head"),
    NORM("norm");

    private final String id;

    ExtraTrainable(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<ExtraTrainable> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
