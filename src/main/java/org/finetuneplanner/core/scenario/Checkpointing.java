package org.finetuneplanner.core.scenario;

/** Activation checkpointing. */
public enum Checkpointing implements Identified {
    NONE("none"),
    FULL("full"),
    OFFLOAD("offload");

    private final String id;

    Checkpointing(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Checkpointing> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
