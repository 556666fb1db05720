package org.finetuneplanner.core.memory;

import java.util.Objects;

import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;

/**
 * One explained contribution to a memory part: the part it belongs to and the term (its id, bytes on one GPU,
 * the numbers put into its formula and its sources).
 *
 * @param component the part it belongs to
 * @param term      the contribution, its value in bytes on one GPU
 */
public record MemoryTerm(MemoryComponent component, Term term) {

    public MemoryTerm {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(term, "term");
    }

    public TermId id() {
        return term.id();
    }

    /** Its size on one GPU, rounded to a whole byte. */
    public long bytes() {
        return term.value() <= 0 ? 0 : Math.round(term.value());
    }
}
