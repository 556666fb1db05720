package org.finetuneplanner.core.scenario;

/** Storage of the frozen base weights. */
public enum WeightStorage implements Identified {
    NF4("nf4"),
    INT8("int8"),
    INT4("int4"),
    FP32("fp32"),
    FP16("fp16"),
    BF16("bf16"),
    FP8("fp8");

    private final String id;

    WeightStorage(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<WeightStorage> fromId(String id) {
        return Identified.lookup(values(), id);
    }

    /** Whether the weights are stored quantised (4 or 8 bits with scales): frozen base weights only. */
    public boolean isQuantized() {
        return this == NF4 || this == INT8 || this == INT4;
    }

    /**
     * The storage of weights trained in {@code precision}: the same precision, except FP8 training, which keeps
     * BF16 weights and casts them per matmul (torchao float8, Transformer Engine).
     */
    public static WeightStorage forCompute(Precision precision) {
        return switch (precision) {
            case FP32 -> FP32;
            case FP16 -> FP16;
            case BF16, FP8 -> BF16;
        };
    }
}
