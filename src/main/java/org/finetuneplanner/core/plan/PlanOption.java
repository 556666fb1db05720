package org.finetuneplanner.core.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.range.Ranges;

/**
 * One GPU option of a plan: the cheapest setup found on that GPU, or — when nothing fits within the planner's
 * limit — the scenario's own setup on one GPU with what it would need.
 *
 * <p>An option whose status is {@link FitStatus#NO} carries no speed, hours or cost: {@link #tokensPerSecond()},
 * {@link #hours()} and {@link #cost()} are empty, and so are the estimate's hours and cost (its memory says what the
 * setup would need). Such an option is never cheapest or fastest and sorts last ({@link #BY_COST},
 * {@link #BY_HOURS}).
 *
 * @param gpu                   the card
 * @param estimate              the setup on that card: count, sharding, offload and adjusted settings chosen (totals,
 *                              no explanation)
 * @param ranges                fit status and ranges of memory, hours and cost
 * @param adjustments           settings changed from the scenario's, in {@link Setting} order (empty when none)
 * @param reasons               why this setup, what the figures assume, and for a {@code no} the smallest changes
 *                              that would make it fit (never empty)
 * @param caveats               what a buyer must know about this setup on this GPU
 * @param largestMicroBatch     the largest micro-batch that keeps this option's status (0 for {@code no})
 * @param largestSequenceLength the longest sequence that keeps this option's status (0 for {@code no})
 * @param sequencesPerStep      sequences per optimizer step: micro-batch × accumulation × data-parallel GPUs
 * @param ranked                whether it may be named cheapest or fastest (not for {@code no}, nor when the figures
 *                              assume another precision than the job's)
 */
public record PlanOption(GpuSpec gpu, Estimate estimate, Ranges ranges, List<Adjustment> adjustments,
                         List<PlanReason> reasons, List<Caveat> caveats, int largestMicroBatch,
                         int largestSequenceLength, int sequencesPerStep, boolean ranked) {

    /** Status first (fits, tight, no), then the cost when known (a priced option before an unpriced one). */
    public static final Comparator<PlanOption> BY_COST = Comparator.comparing(PlanOption::status)
            .thenComparingDouble(o -> o.cost().map(CostEstimate::usd).orElse(Double.MAX_VALUE));
    /** Status first (fits, tight, no), then the hours when known. */
    public static final Comparator<PlanOption> BY_HOURS = Comparator.comparing(PlanOption::status)
            .thenComparingDouble(o -> o.hours().orElse(Double.MAX_VALUE));

    public PlanOption {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(ranges, "ranges");
        adjustments = List.copyOf(adjustments);
        reasons = List.copyOf(reasons);
        caveats = List.copyOf(caveats);
    }

    /**
     * An option built by hand (fixtures, callers that assemble a plan themselves): status {@code fits} when the
     * estimate fits, else {@code no} (then its hours and cost are dropped); zero-wide ranges, no adjustments or
     * caveats, ranked when it fits.
     */
    public PlanOption(GpuSpec gpu, Estimate estimate, List<PlanReason> reasons) {
        this(gpu, estimate.fits() ? estimate : unpriced(estimate), zeroWide(estimate), List.of(), reasons, List.of(),
                0, 0, estimate.scenario().training().microBatchSize()
                        * estimate.scenario().training().gradientAccumulationSteps()
                        * estimate.scenario().hardware().gpuCount(), estimate.fits());
    }

    /** The estimate without hours and cost: what an option that does not fit carries. */
    static Estimate unpriced(Estimate e) {
        return new Estimate(e.scenario(), e.parameters(), e.memory(), e.throughput(), OptionalDouble.empty(),
                Optional.empty(), e.notes());
    }

    private static Ranges zeroWide(Estimate e) {
        long total = e.memory().perGpu().totalBytes();
        return new Ranges(e.fits() ? FitStatus.FITS : FitStatus.NO, new Range(total, total),
                e.fits() ? e.hours().stream().mapToObj(h -> new Range(h, h)).findFirst() : Optional.empty(),
                e.fits() ? e.cost().map(c -> new Range(c.usd(), c.usd())) : Optional.empty());
    }

    /** {@code fits}, {@code tight} or {@code no}. */
    public FitStatus status() {
        return ranges.status();
    }

    /** The spec's {@code fits}: true for {@code fits} and {@code tight}. */
    public boolean fits() {
        return status().fits();
    }

    public int gpuCount() {
        return estimate.scenario().hardware().gpuCount();
    }

    /** Tokens per second of the whole job; empty when the option does not fit. */
    public OptionalDouble tokensPerSecond() {
        return fits() ? OptionalDouble.of(estimate.throughput().tokensPerSecond()) : OptionalDouble.empty();
    }

    /** Training hours; empty when the option does not fit or the data size is unknown. */
    public OptionalDouble hours() {
        return estimate.hours();
    }

    /** The cost; empty when the option does not fit, the data size or a price is unknown. */
    public Optional<CostEstimate> cost() {
        return estimate.cost();
    }

    /** Host memory per node the setup needs for offloaded state, bytes (0 when nothing is offloaded). */
    public long hostBytes() {
        return estimate.memory().hostBytes();
    }

    /** Whether the planner assumed another precision's speed because the GPU has no FP8. */
    public boolean fp8Fallback() {
        return reasons.stream().anyMatch(PlanReason.Fp8Fallback.class::isInstance);
    }

    /** The reasons of one kind. */
    public <R extends PlanReason> List<R> reasons(Class<R> kind) {
        return reasons.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
