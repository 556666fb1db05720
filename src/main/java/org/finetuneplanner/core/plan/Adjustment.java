package org.finetuneplanner.core.plan;

import java.util.Objects;

/**
 * One setting the planner changed for an option, from the scenario's value to the option's.
 *
 * @param setting what changed
 * @param from    the scenario's value: an {@link Integer} for counts, the enum constant for a choice
 *                ({@code Checkpointing}, {@code Loss})
 * @param to      the option's value, of the same type
 */
public record Adjustment(Setting setting, Object from, Object to) {

    public Adjustment {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The dotted scenario key ({@code training.micro_batch_size}). */
    public String key() {
        return setting.key();
    }
}
