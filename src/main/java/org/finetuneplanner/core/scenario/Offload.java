package org.finetuneplanner.core.scenario;

/** CPU offload of model states. */
public enum Offload implements Identified {
    NONE("none"),
    OPTIMIZER("optimizer"),
    OPTIMIZER_AND_PARAMS("optimizer_and_params");

    private final String id;

    Offload(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Offload> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
