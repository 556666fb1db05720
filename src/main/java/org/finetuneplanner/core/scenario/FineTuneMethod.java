package org.finetuneplanner.core.scenario;

/** What is trained: every weight, or low-rank adapters over frozen weights. */
public enum FineTuneMethod implements Identified {
    FULL("full"),
    LORA("lora"),
    QLORA("qlora");

    private final String id;

    FineTuneMethod(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<FineTuneMethod> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
