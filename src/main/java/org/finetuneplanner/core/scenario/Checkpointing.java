package org.finetuneplanner.core.scenario;

/** Activation checkpointing. */
public enum Checkpointing implements Identified {
    /** Every block keeps what its backward needs. */
    NONE("none", 0),
    /** Megatron selective recompute: the attention core is recomputed in backward, the rest of each block kept. */
    SELECTIVE("selective", 1),
    /** Each block keeps only its input and is recomputed in backward. */
    FULL("full", 2),
    /** As {@link #FULL}, with the block inputs in host memory. */
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
     * first, so a new constant joins the search by its step alone (selective recompute sits at 1).
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
