package org.finetuneplanner.core.scenario;

/** Cross-entropy implementation. */
public enum Loss implements Identified {
    STANDARD("standard", "Standard (fp32 logits)"),
    CHUNKED("chunked", "Chunked / fused");

    private final String id;
    private final String label;

    Loss(String id, String label) {
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
    public static java.util.Optional<Loss> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
