package org.finetuneplanner.core;

import java.util.List;
import java.util.Objects;

import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.time.TimeTerm;

/**
 * What explains an {@link Estimate}, made only for what is shown (the selected option, the report): every memory
 * contribution, every part of the step time, and the utilisation assumed.
 *
 * @param memory      the memory terms, grouped by part; per part they add up to the estimate's part
 * @param time        the parts of one optimizer step; their seconds add up to the estimate's step time
 * @param utilisation the matmul utilisation assumed and where it comes from
 */
public record Explanation(List<MemoryTerm> memory, List<TimeTerm> time, Term utilisation) {

    public Explanation {
        memory = List.copyOf(memory);
        time = List.copyOf(time);
        Objects.requireNonNull(utilisation, "utilisation");
    }

    /** The memory terms of one part. */
    public List<MemoryTerm> memory(MemoryComponent component) {
        return memory.stream().filter(t -> t.component() == component).toList();
    }
}
