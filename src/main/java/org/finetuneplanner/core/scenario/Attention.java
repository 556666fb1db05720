package org.finetuneplanner.core.scenario;

/** Attention kernel: whether the b·a·s² scores are materialised. */
public enum Attention implements Identified {
    FLASH("flash", "Flash / memory-efficient"),
    EAGER("eager", "Eager (materialised scores)");

    private final String id;
    private final String label;

    Attention(String id, String label) {
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
    public static java.util.Optional<Attention> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
