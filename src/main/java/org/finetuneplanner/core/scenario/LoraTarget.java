package org.finetuneplanner.core.scenario;

/** Linear layers that can carry LoRA adapters (fused qkv counts as q, k, v). */
public enum LoraTarget implements Identified {
    Q("q", "Query"),
    K("k", "Key"),
    V("v", "Value"),
    O("o", "Output"),
    GATE("gate", "Gate"),
    UP("up", "Up"),
    DOWN("down", "Down"),
    LM_HEAD("lm_head", "LM head");

    private final String id;
    private final String label;

    LoraTarget(String id, String label) {
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
    public static java.util.Optional<LoraTarget> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
