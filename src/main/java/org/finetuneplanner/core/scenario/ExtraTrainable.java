package org.finetuneplanner.core.scenario;

/** Modules trained in full beside the adapters. */
public enum ExtraTrainable implements Identified {
    EMBED("embed", "Embeddings"),
    LM_HEAD("lm_head", "LM head"),
    NORM("norm", "Norms");

    private final String id;
    private final String label;

    ExtraTrainable(String id, String label) {
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
    public static java.util.Optional<ExtraTrainable> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
