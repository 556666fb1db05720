package org.finetuneplanner.core.scenario;

/** Attention kernel: whether the b·a·s² scores are materialised. */
public enum Attention implements Identified {
    FLASH("flash"),
    EAGER("eager");

    private final String id;

    Attention(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Attention> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
