package org.finetuneplanner.ui.planner;

import java.util.Locale;

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
     * The field a core validation message is about, found by the scenario key it names
     * ("hardware.gpu_count must be 1 to …" → {@link #GPU_COUNT}); {@link #GENERAL} when it names none.
     */
    static Field of(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        for (Field f : values()) {
            if (f != GENERAL && f.key.contains(".") && !f.key.endsWith(".") && m.contains(f.key)) {
                return f;
            }
        }
        for (Field f : values()) {
            if (f != GENERAL && f.key.endsWith(".") && m.contains(f.key)) {
                return f;
            }
        }
        return GENERAL;
    }
}
