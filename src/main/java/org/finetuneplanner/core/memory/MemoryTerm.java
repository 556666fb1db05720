package org.finetuneplanner.core.memory;

import java.util.Objects;

/**
 * One explained contribution to a memory part: the formula, the numbers put in, and the source.
 *
 * @param component the part it belongs to
 * @param label     what it is ("NF4 base weights", "fp32 upcast of embeddings")
 * @param bytes     its size on one GPU
 * @param formula   the formula in symbols, e.g. "N_linear × 4.127 bit / 8"
 * @param inputs    the formula with the numbers put in
 * @param source    paper, framework code or measured table it comes from
 */
public record MemoryTerm(MemoryComponent component, String label, long bytes, String formula, String inputs,
                         String source) {

    public MemoryTerm {
        Objects.requireNonNull(component, "component");
        label = label == null ? "" : label;
        formula = formula == null ? "" : formula;
        inputs = inputs == null ? "" : inputs;
        source = source == null ? "" : source;
    }
}
