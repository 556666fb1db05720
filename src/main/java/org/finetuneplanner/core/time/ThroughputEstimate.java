package org.finetuneplanner.core.time;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.finetuneplanner.core.Note;

/**
 * Speed of one scenario: totals only (the terms that explain the step come from
 * {@link ThroughputEstimator#explain}, and only for what is shown).
 *
 * @param flopsPerToken      model FLOPs per trained token (forward, backward and recompute)
 * @param tokensPerSecond    tokens per second of the whole job (all GPUs)
 * @param stepSeconds        seconds per optimizer step (micro-batch × accumulation × GPUs tokens)
 * @param mfu                utilisation of the dense peak assumed for the matmuls
 * @param peakTflops         dense peak per GPU used for the precision
 * @param commSecondsPerStep communication time per step not hidden behind compute
 * @param partSeconds        seconds per step spent in each part; they add up to {@code stepSeconds}
 * @param notes              assumptions and warnings
 */
public record ThroughputEstimate(double flopsPerToken, double tokensPerSecond, double stepSeconds, double mfu,
                                 double peakTflops, double commSecondsPerStep, Map<TimeTerm.Part, Double> partSeconds,
                                 List<Note> notes) {

    public ThroughputEstimate {
        EnumMap<TimeTerm.Part, Double> copy = new EnumMap<>(TimeTerm.Part.class);
        copy.putAll(partSeconds);
        partSeconds = Collections.unmodifiableMap(copy);
        notes = List.copyOf(notes);
    }

    /** Seconds per optimizer step spent in one part (0 when the part does not occur). */
    public double seconds(TimeTerm.Part part) {
        return partSeconds.getOrDefault(part, 0.0);
    }

    /**
     * Model-FLOPs utilisation of the whole step, end to end: model FLOPs done per second over the dense peak of
     * {@code gpus} GPUs. Lower than {@link #mfu()}, the utilisation assumed for the matmuls alone, because the
     * memory-bound kernels, communication and optimizer step also take time (PaLM App. B defines MFU this way).
     */
    public double modelFlopsUtilisation(int gpus) {
        double peak = gpus * peakTflops * 1e12;
        return peak > 0 ? flopsPerToken * tokensPerSecond / peak : 0;
    }

    /** Hours to process {@code tokens} tokens at this speed. */
    public double hoursFor(double tokens) {
        return tokens / tokensPerSecond / 3600.0;
    }
}
