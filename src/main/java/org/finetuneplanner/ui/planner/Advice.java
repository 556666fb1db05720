package org.finetuneplanner.ui.planner;

import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.range.FitStatus;

/**
 * The planner's advice in words: the option to run, what it changes in the user's settings, and how sure it is.
 *
 * @param gpuId      the GPU of the option advised; empty when no option can be advised
 * @param text       the advice: the option, its memory, time and cost with their ranges
 * @param changes    the settings it changes ("Changes: micro-batch 8 → 2, … — the same 32 sequences per optimizer
 *                   step."), "" when none
 * @param note       a caution the reader must not miss (only tight options exist), "" when none
 * @param applicable whether the option differs from the inputs, so that applying it changes something
 * @param status     the option's status, empty when no option can be advised
 */
public record Advice(Optional<String> gpuId, String text, String changes, String note, boolean applicable,
                     Optional<FitStatus> status) {

    public Advice {
        Objects.requireNonNull(gpuId, "gpuId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(status, "status");
    }

    /** Advice that names no option (nothing fits, or no results yet). */
    static Advice none(String text) {
        return new Advice(Optional.empty(), text, "", "", false, Optional.empty());
    }
}
