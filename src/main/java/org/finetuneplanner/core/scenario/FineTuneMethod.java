package org.finetuneplanner.core.scenario;

/** What is trained: every weight, or low-rank adapters over frozen weights. */
public enum FineTuneMethod implements Identified {
    FULL("full", "Full fine-tuning"),
    LORA("lora", "LoRA"),
    QLORA("qlora", "QLoRA");

    private final String id;
    private final String label;

    FineTuneMethod(String id, String label) {
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
    public static java.util.Optional<FineTuneMethod> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
