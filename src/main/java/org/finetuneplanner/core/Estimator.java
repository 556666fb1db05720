package org.finetuneplanner.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.core.time.ThroughputEstimator;
import org.finetuneplanner.core.time.TimeExplanation;

/**
 * The whole answer for one scenario: parameters, per-GPU memory, speed, hours and cost. Composes
 * {@link MemoryEstimator}, {@link ThroughputEstimator} and {@link CostProjector}. Pure; thread-safe.
 */
public final class Estimator {

    private final MemoryEstimator memory;
    private final ThroughputEstimator throughput;
    private final CostProjector cost;

    public Estimator(MemoryEstimator memory, ThroughputEstimator throughput, CostProjector cost) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.throughput = Objects.requireNonNull(throughput, "throughput");
        this.cost = Objects.requireNonNull(cost, "cost");
    }

    /** The estimator with the documented defaults of every part. */
    public static Estimator standard() {
        return new Estimator(new MemoryEstimator(), new ThroughputEstimator(), new CostProjector());
    }

    /**
     * Estimates {@code s}.
     *
     * @return parameters, memory and speed always; hours when {@code data.tokens} is known and the time is at most
     *         {@link Limits#MAX_HOURS}; cost when hours and a price are known and the cost is at most
     *         {@link Limits#MAX_USD} (beyond either, a note says so). Notes: memory first, then speed, then cost.
     */
    public Estimate estimate(Scenario s) {
        ParameterCounts counts = ParameterCounter.count(s.model().architecture(), s.method());
        MemoryEstimate mem = memory.estimate(s);
        ThroughputEstimate speed = throughput.estimate(s, counts, mem);
        List<Note> notes = new ArrayList<>(mem.notes().size() + speed.notes().size() + 1);
        notes.addAll(mem.notes());
        notes.addAll(speed.notes());
        OptionalDouble total = s.data().totalTokens();
        OptionalDouble hours = OptionalDouble.empty();
        if (total.isPresent()) {
            double h = speed.hoursFor(total.getAsDouble());
            // Also false for NaN: a time that is not a number is no more reported than one beyond the limit.
            if (h <= Limits.MAX_HOURS) {
                hours = OptionalDouble.of(h);
            } else {
                notes.add(Note.of(NoteId.TIME_BEYOND_LIMIT, Limits.MAX_HOURS));
            }
        }
        Optional<CostEstimate> price = hours.isPresent() ? cost.project(s, hours.getAsDouble(), counts)
                : Optional.empty();
        if (price.isPresent() && !(price.get().usd() <= Limits.MAX_USD)) {
            price = Optional.empty();
            notes.add(Note.of(NoteId.COST_BEYOND_LIMIT, Limits.MAX_USD));
        }
        if (hours.isPresent()) {
            cost.whyNoCost(s).ifPresent(notes::add);
        }
        return new Estimate(s, counts, mem, speed, hours, price, notes);
    }

    /**
     * The terms that explain {@link #estimate} of {@code s}: memory by part, the step time's parts and the
     * utilisation assumed. Made only for what is shown (the selected option, the report), never on the planner's
     * search.
     */
    public Explanation explain(Scenario s) {
        ParameterCounts counts = ParameterCounter.count(s.model().architecture(), s.method());
        MemoryEstimate mem = memory.estimate(s);
        TimeExplanation time = throughput.explain(s, counts, mem);
        return new Explanation(memory.explain(s), time.terms(), time.utilisation());
    }
}
