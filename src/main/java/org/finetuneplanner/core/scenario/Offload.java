package org.finetuneplanner.core.scenario;

/** CPU offload of model states. */
public enum Offload implements Identified {
    NONE("none", "None"),
    OPTIMIZER("optimizer", "Optimizer states"),
    OPTIMIZER_AND_PARAMS("optimizer_and_params", "Optimizer and parameters");

    private final String id;
    private final String label;

    Offload(String id, String label) {
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
    public static java.util.Optional<Offload> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
