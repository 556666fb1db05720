package org.finetuneplanner.core.scenario;

/** Storage of the frozen base weights. */
public enum WeightStorage implements Identified {
    NF4("nf4", "NF4 (4-bit)"),
    INT8("int8", "int8"),
    INT4("int4", "int4 (GPTQ)"),
    FP32("fp32", "FP32"),
    FP16("fp16", "FP16"),
    BF16("bf16", "BF16"),
    FP8("fp8", "FP8");

    private final String id;
    private final String label;

    WeightStorage(String id, String label) {
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
    public static java.util.Optional<WeightStorage> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
