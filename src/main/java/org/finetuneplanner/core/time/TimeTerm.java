package org.finetuneplanner.core.time;

import java.util.Objects;

import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;

/**
 * One explained part of a training step's wall-clock time: the part of the step it belongs to and the term (its
 * id, its seconds per optimizer step after overlap with compute, the numbers put into its formula, its sources).
 *
 * @param part which part of the step it is
 * @param term the contribution, its value in seconds per optimizer step
 */
public record TimeTerm(Part part, Term term) {

    public TimeTerm {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(term, "term");
        double seconds = term.value();
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw Violation.atLeast("seconds_per_step", 0, seconds).exception();
        }
    }

    public TermId id() {
        return term.id();
    }

    /** Its share of one optimizer step, in seconds. */
    public double secondsPerStep() {
        return term.value();
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
        OFFLOAD,
        /** Pipeline stages idle while the pipeline fills and drains. */
        BUBBLE
    }
}
