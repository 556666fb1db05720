package org.finetuneplanner.core.scenario;

/** Framework profile: the memory habits of a training stack. */
public enum Framework implements Identified {
    GENERIC("generic"),
    HF("hf"),
    TORCHTUNE("torchtune"),
    UNSLOTH("unsloth"),
    LITGPT("litgpt"),
    DEEPSPEED("deepspeed"),
    AXOLOTL("axolotl"),
    /** Megatron-core family (NeMo, Megatron-LM, Megatron-Bridge): Transformer Engine kernels, distributed optimizer. */
    MEGATRON("megatron");

    private final String id;

    Framework(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Framework> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
