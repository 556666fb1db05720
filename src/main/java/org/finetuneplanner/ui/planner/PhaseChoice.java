package org.finetuneplanner.ui.planner;

import org.finetuneplanner.core.memory.Phase;

/**
 * One phase of the training step in the memory card's selector.
 *
 * @param phase the phase
 * @param label its name, "loss (peak)" for the peak's
 * @param peak  whether the step's peak falls in it
 */
public record PhaseChoice(Phase phase, String label, boolean peak) {
}
