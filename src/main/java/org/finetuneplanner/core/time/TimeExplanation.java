package org.finetuneplanner.core.time;

import java.util.List;
import java.util.Objects;

import org.finetuneplanner.core.explain.Term;

/**
 * What explains a speed estimate: the parts of the step time and the utilisation assumed.
 *
 * @param terms       the parts of one optimizer step; their seconds add up to the estimate's step time
 * @param utilisation the matmul utilisation assumed (its value) and where it comes from
 */
public record TimeExplanation(List<TimeTerm> terms, Term utilisation) {

    public TimeExplanation {
        terms = List.copyOf(terms);
        Objects.requireNonNull(utilisation, "utilisation");
    }
}
