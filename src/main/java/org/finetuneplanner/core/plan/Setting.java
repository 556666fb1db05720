package org.finetuneplanner.core.plan;

import java.util.Optional;

import org.finetuneplanner.core.scenario.Identified;

/**
 * A training setting the planner may change to make a job fit or run cheaper. The id is the name
 * {@code plan.keep} lists; {@link #key()} is the dotted scenario key an adjustment names.
 */
public enum Setting implements Identified {
    MICRO_BATCH_SIZE("micro_batch_size", true),
    /** Follows the micro-batch and the GPU count so that the sequences per step stay; never kept on its own. */
    GRADIENT_ACCUMULATION_STEPS("gradient_accumulation_steps", false),
    ACTIVATION_CHECKPOINTING("activation_checkpointing", true),
    LOSS("loss", true);

    private final String id;
    private final boolean keepable;

    Setting(String id, boolean keepable) {
        this.id = id;
        this.keepable = keepable;
    }

    @Override
    public String id() {
        return id;
    }

    /** The dotted scenario key ({@code training.micro_batch_size}): every setting is one of the training section. */
    public String key() {
        return "training." + id;
    }

    /** Whether {@code plan.keep} may name it. */
    public boolean keepable() {
        return keepable;
    }

    /** The setting {@code plan.keep} names {@code id}, or empty (unknown, or not keepable). */
    public static Optional<Setting> keepableFromId(String id) {
        return Identified.lookup(values(), id).filter(Setting::keepable);
    }
}
