package org.finetuneplanner.core.scenario;

/** Multi-GPU data parallelism and sharding of model states. */
public enum Sharding implements Identified {
    NONE("none", "None / DDP"),
    DDP("ddp", "DDP"),
    ZERO1("zero1", "ZeRO-1"),
    ZERO2("zero2", "ZeRO-2"),
    ZERO3("zero3", "ZeRO-3"),
    FSDP("fsdp", "FSDP full shard"),
    FSDP_GRAD_OP("fsdp_grad_op", "FSDP grad-op");

    private final String id;
    private final String label;

    Sharding(String id, String label) {
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
    public static java.util.Optional<Sharding> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
