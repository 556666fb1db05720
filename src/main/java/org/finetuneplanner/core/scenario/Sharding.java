package org.finetuneplanner.core.scenario;

/** Multi-GPU data parallelism and sharding of model states. */
public enum Sharding implements Identified {
    NONE("none"),
    DDP("ddp"),
    ZERO1("zero1"),
    ZERO2("zero2"),
    ZERO3("zero3"),
    FSDP("fsdp"),
    FSDP_GRAD_OP("fsdp_grad_op");

    private final String id;

    Sharding(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Sharding> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
