package org.finetuneplanner.core.scenario;

/** Activation checkpointing. */
public enum Checkpointing implements Identified {
    NONE("none", "None"),
    FULL("full", "Full"),
    OFFLOAD("offload", "Full, offloaded to host");

    private final String id;
    private final String label;

    Checkpointing(String id, String label) {
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
    public static java.util.Optional<Checkpointing> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
