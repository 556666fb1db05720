package org.finetuneplanner.core.scenario;

/** Activation checkpointing. */
public enum Checkpointing implements Identified {
    /** Every block keeps what its backward needs. */
    NONE("none"),
    /** Megatron selective recompute: the attention core is recomputed in backward, the rest of each block kept. */
    SELECTIVE("selective"),
    /** Each block keeps only its input and is recomputed in backward. */
    FULL("full"),
    /** As {@link #FULL}, with the block inputs in host memory. */
    OFFLOAD("offload");

    private final String id;

    Checkpointing(String id) {
        this.id = id;
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
