package org.finetuneplanner.core.scenario;

/** Activation checkpointing. */
public enum Checkpointing implements Identified {
    NONE("none", 0),
    FULL("full", 2),
    OFFLOAD("offload", 3);

    private final String id;
    private final int memoryStep;

    Checkpointing(String id, int memoryStep) {
        this.id = id;
        this.memoryStep = memoryStep;
    }

    /**
     * This setting's step on the planner's ladder of activations memory: a higher step holds fewer bytes on the GPU
     * and costs some speed (recompute, host traffic). The planner tries the steps above the scenario's, lowest
     * first, so a new constant joins the search by its step alone (Megatron's selective recompute would sit at 1).
     */
    public int memoryStep() {
        return memoryStep;
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
