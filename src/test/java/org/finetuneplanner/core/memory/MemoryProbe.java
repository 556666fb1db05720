package org.finetuneplanner.core.memory;

import org.finetuneplanner.core.scenario.Scenario;

/** Test access to the parts of one memory estimate that the public API shows only at their phase of the peak. */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    /** The loss's bytes on one GPU (logits and what the cross-entropy keeps), whatever phase the peak is in. */
    public static double lossBytes(Scenario s) {
        return new MemoryRun(s, false).lossBytes();
    }
}
