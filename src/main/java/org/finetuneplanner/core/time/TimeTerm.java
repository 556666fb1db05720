package org.finetuneplanner.core.time;

import java.util.Objects;

import org.finetuneplanner.core.Violation;

/**
 * One explained part of a training step's wall-clock time: the formula, the numbers put in, and the source.
 *
 * @param part           which part of the step it is
 * @param label          what it is ("forward + backward matmuls", "NF4 dequantisation")
 * @param secondsPerStep its share of one optimizer step, in seconds (after overlap with compute)
 * @param formula        the formula in symbols
 * @param inputs         the formula with the numbers put in
 * @param source         paper, framework code or measured table it comes from
 */
public record TimeTerm(Part part, String label, double secondsPerStep, String formula, String inputs,
                       String source) {

    public TimeTerm {
        Objects.requireNonNull(part, "part");
        label = label == null ? "" : label;
        formula = formula == null ? "" : formula;
        inputs = inputs == null ? "" : inputs;
        source = source == null ? "" : source;
        if (!(secondsPerStep >= 0) || Double.isInfinite(secondsPerStep)) {
            throw Violation.atLeast("seconds_per_step", 0, secondsPerStep).exception();
        }
    }

    /** The parts of a step's time, in the order they are drawn. */
    public enum Part {
        /** Matrix multiplications and attention at the assumed utilisation. */
        COMPUTE,
        /** Dequantising 4-/8-bit base weights before each matmul pass (memory-bound). */
        DEQUANTIZE,
        /** Optimizer update on the GPU (memory-bound) or on the CPU. */
        OPTIMIZER,
        /** Collective communication not hidden behind compute. */
        COMMUNICATION,
        /** PCIe traffic to and from host memory (offload) not hidden behind compute. */
        OFFLOAD
    }
}
