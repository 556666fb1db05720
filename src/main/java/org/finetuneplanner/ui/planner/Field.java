package org.finetuneplanner.ui.planner;

/** An input that can carry an inline error message. */
public enum Field {
    MODEL("model."),
    CONFIG("model.config"),
    PARAMETERS("model.parameters"),
    METHOD("method."),
    TARGETS("method.targets"),
    PRECISION("training.precision"),
    TRAINING("training."),
    GPU_COUNT("hardware.gpu_count"),
    TENSOR_PARALLEL("hardware.tensor_parallel"),
    PIPELINE_PARALLEL("hardware.pipeline_parallel"),
    VIRTUAL_STAGES("hardware.virtual_pipeline_stages"),
    CONTEXT_PARALLEL("hardware.context_parallel"),
    EXPERT_PARALLEL("hardware.expert_parallel"),
    HARDWARE("hardware."),
    TOKENS("data.tokens"),
    EPOCHS("data.epochs"),
    PRICE("cost.usd_per_gpu_hour"),
    GENERAL("");

    private final String key;

    Field(String key) {
        this.key = key;
    }

    /**
     * The field a violation is about, by its dotted scenario key: the field of that exact key
     * ({@code hardware.gpu_count} → {@link #GPU_COUNT}), else the section's field ({@code hardware.offload} →
     * {@link #HARDWARE}); {@link #GENERAL} for a key of no field.
     */
    static Field forKey(String key) {
        String k = key == null ? "" : key;
        for (Field f : values()) {
            if (f != GENERAL && !f.key.endsWith(".") && f.key.equals(k)) {
                return f;
            }
        }
        for (Field f : values()) {
            if (f != GENERAL && f.key.endsWith(".") && k.startsWith(f.key)) {
                return f;
            }
        }
        return GENERAL;
    }
}
