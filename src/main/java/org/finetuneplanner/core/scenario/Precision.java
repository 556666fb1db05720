package org.finetuneplanner.core.scenario;

/** Compute precision of the matrix multiplications. */
public enum Precision implements Identified {
    FP32("fp32"),
    FP16("fp16"),
    BF16("bf16"),
    FP8("fp8");

    private final String id;

    Precision(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Precision> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
