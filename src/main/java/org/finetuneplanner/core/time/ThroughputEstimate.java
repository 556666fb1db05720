package org.finetuneplanner.core.time;

import java.util.List;

import org.finetuneplanner.core.Note;

/**
 * Speed of one scenario.
 *
 * @param flopsPerToken     model FLOPs per trained token (forward, backward and recompute)
 * @param tokensPerSecond   tokens per second of the whole job (all GPUs)
 * @param stepSeconds       seconds per optimizer step (micro-batch × accumulation × GPUs tokens)
 * @param mfu               model-FLOPs utilisation assumed
 * @param mfuSource         why that utilisation (default by method and GPU class, or the user's)
 * @param peakTflops        dense peak per GPU used for the precision
 * @param commSecondsPerStep communication time per step not hidden behind compute
 * @param terms             the parts of a step's time; their seconds add up to {@code stepSeconds}
 * @param notes             assumptions and warnings
 */
public record ThroughputEstimate(double flopsPerToken, double tokensPerSecond, double stepSeconds, double mfu,
                                 String mfuSource, double peakTflops, double commSecondsPerStep,
                                 List<TimeTerm> terms, List<Note> notes) {

    public ThroughputEstimate {
        terms = List.copyOf(terms);
        notes = List.copyOf(notes);
        mfuSource = mfuSource == null ? "" : mfuSource;
    }

    /** Seconds per optimizer step spent in one part (0 when the part does not occur). */
    public double seconds(TimeTerm.Part part) {
        double sum = 0;
        for (TimeTerm term : terms) {
            if (term.part() == part) {
                sum += term.secondsPerStep();
            }
        }
        return sum;
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
