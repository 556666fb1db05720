package org.finetuneplanner.core.scenario;

/** Linear layers that can carry LoRA adapters (fused qkv counts as q, k, v). */
public enum LoraTarget implements Identified {
    Q("q"),
    K("k"),
    V("v"),
    O("o"),
    GATE("gate"),
    UP("up"),
    DOWN("down"),
    LM_HEAD("lm_head");

    private final String id;

    LoraTarget(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<LoraTarget> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
