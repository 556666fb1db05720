package org.finetuneplanner.core.scenario;

/** Framework profile: the memory habits of a training stack. */
public enum Framework implements Identified {
    GENERIC("generic", "Generic"),
    HF("hf", "Transformers / TRL / PEFT"),
    TORCHTUNE("torchtune", "torchtune"),
    UNSLOTH("unsloth", "Unsloth"),
    LITGPT("litgpt", "LitGPT"),
    DEEPSPEED("deepspeed", "DeepSpeed"),
    AXOLOTL("axolotl", "Axolotl");

    private final String id;
    private final String label;

    Framework(String id, String label) {
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
    public static java.util.Optional<Framework> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
