package org.finetuneplanner.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.ProductLimits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.time.ThroughputEstimator;

/**
 * For each GPU, the fewest GPUs and the cheapest sharding that fit a scenario, with their time and cost.
 *
 * <p>Search order: one GPU; then, for 2, 4, 8 GPUs and multiples of 8 up to {@value Limits#PLANNER_MAX_GPUS} (whole
 * nodes of 8), data parallelism with ever more sharding of model states (DeepSpeed: ZeRO-1, -2, -3; other frameworks:
 * FSDP grad-op, full shard). The fewest GPUs win; at equal count, the sharding that communicates least. CPU offload
 * (optimizer, then optimizer and parameters) is tried only when nothing fits without it, because it slows every step.
 * Memory per GPU falls as GPUs are added for sharded states, so the fewest GPUs are found by bisection over the count
 * list with the most sharded setup; the cheaper shardings are then tried at that count only (they need at least as much
 * memory). About six memory estimates per GPU. Pure; thread-safe.
 */
public final class Planner {

    /** GPU counts tried for multi-GPU jobs: 2, 4, 8, then whole nodes of 8. */
    static final int[] COUNTS = {2, 4, 8, 16, 24, 32, 40, 48, 56, 64};
    /**
     * Sharding ladders, least communication first. Plain DDP is not tried: it keeps a full replica per GPU, so it
     * fits only where one GPU already does.
     */
    private static final Sharding[] ZERO = {Sharding.ZERO1, Sharding.ZERO2, Sharding.ZERO3};
    private static final Sharding[] FSDP = {Sharding.FSDP_GRAD_OP, Sharding.FSDP};

    private final Function<Scenario, MemoryEstimate> memory;
    private final Function<Scenario, Estimate> estimator;
    private final CostProjector costs;

    /**
     * @param memory    per-GPU memory of a scenario (used for the search: must be fast)
     * @param estimator the full estimate of a scenario (memory, time, cost) for the chosen options
     * @param costs     prices, for ranking options when the data size is unknown
     */
    public Planner(Function<Scenario, MemoryEstimate> memory, Function<Scenario, Estimate> estimator,
                   CostProjector costs) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.costs = Objects.requireNonNull(costs, "costs");
    }

    /** The planner over the standard memory estimator, estimator and cost projector. */
    public static Planner standard() {
        MemoryEstimator memory = new MemoryEstimator();
        CostProjector costs = new CostProjector();
        Estimator estimator = new Estimator(memory, new ThroughputEstimator(), costs);
        return new Planner(memory::estimate, estimator::estimate, costs);
    }

    /**
     * Plans {@code base} on every GPU of {@code gpus}.
     *
     * @param base the scenario; its model, method, training, data and cost are kept, its hardware is replaced
     * @param gpus the GPUs to try, in the order the options are listed
     * @return one option per GPU, and the cheapest and fastest among those that fit and have a price
     */
    public Plan plan(Scenario base, List<GpuSpec> gpus) {
        List<PlanOption> options = new ArrayList<>(gpus.size());
        for (GpuSpec gpu : gpus) {
            options.add(option(base, gpu));
        }
        PlanOption cheapest = null;
        PlanOption fastest = null;
        double cheapestKey = Double.POSITIVE_INFINITY;
        for (PlanOption o : options) {
            if (!o.fits()) {
                continue;
            }
            // The total (rental plus storage) when the data size is known, else the rental per trained token:
            // the data size is the same for every option, so every priced option uses the same key.
            OptionalDouble key = o.estimate().cost().isPresent()
                    ? OptionalDouble.of(o.estimate().cost().get().usd()) : usdPerToken(o.estimate());
            if (key.isEmpty()) {
                continue;
            }
            if (key.getAsDouble() < cheapestKey) {
                cheapestKey = key.getAsDouble();
                cheapest = o;
            }
            if (fastest == null || o.estimate().throughput().tokensPerSecond()
                    > fastest.estimate().throughput().tokensPerSecond()) {
                fastest = o;
            }
        }
        return new Plan(base.name(), options, Optional.ofNullable(cheapest).map(o -> o.gpu().id()),
                Optional.ofNullable(fastest).map(o -> o.gpu().id()));
    }

    /** The option for one GPU: the fewest GPUs and the cheapest sharding that fit, or the smallest estimate. */
    public PlanOption option(Scenario base, GpuSpec gpu) {
        Scenario single = base.withHardware(hardware(base, gpu, 1, Sharding.NONE, Offload.NONE));
        List<PlanReason> fp8 = base.training().precision() == Precision.FP8 && !gpu.fp8Supported()
                ? List.of(new PlanReason.Fp8Fallback(gpu.name(), Precision.BF16)) : List.of();
        MemoryEstimate one = memory.apply(single);
        if (one.fits()) {
            return new PlanOption(gpu, estimator.apply(single), with(new PlanReason.FitsOnOneGpu(), fp8));
        }
        Sharding[] ladder = base.training().framework() == Framework.DEEPSPEED ? ZERO : FSDP;
        Sharding most = ladder[ladder.length - 1];
        for (Offload offload : new Offload[] {Offload.NONE, Offload.OPTIMIZER, Offload.OPTIMIZER_AND_PARAMS}) {
            // The most sharded setup needs the fewest GPUs; a cheaper sharding can only tie with it.
            int count = smallestFittingCount(base, gpu, most, offload);
            if (count == Integer.MAX_VALUE) {
                continue;
            }
            Sharding chosen = most;
            for (Sharding sharding : ladder) {
                if (sharding == most || fits(base, gpu, count, sharding, offload)) {
                    chosen = sharding;
                    break;
                }
            }
            Scenario best = base.withHardware(hardware(base, gpu, count, chosen, offload));
            PlanReason why = new PlanReason.NeedsGpus(count, chosen, offload, one.perGpu().totalBytes(),
                    one.capacityBytes());
            return new PlanOption(gpu, estimator.apply(best), with(why, fp8));
        }
        Scenario smallest = base.withHardware(hardware(base, gpu, Limits.PLANNER_MAX_GPUS, most,
                Offload.OPTIMIZER_AND_PARAMS));
        Estimate e = estimator.apply(smallest);
        PlanReason why = new PlanReason.DoesNotFit(Limits.PLANNER_MAX_GPUS, most, e.memory().perGpu().totalBytes(),
                e.memory().capacityBytes());
        return new PlanOption(gpu, e, with(why, fp8));
    }

    private static List<PlanReason> with(PlanReason first, List<PlanReason> more) {
        List<PlanReason> all = new ArrayList<>(1 + more.size());
        all.add(first);
        all.addAll(more);
        return all;
    }

    /**
     * The largest micro-batch that fits in {@code s}'s hardware (bisection; memory grows with the batch).
     *
     * @return the largest fitting micro-batch size, or 0 when even one sequence does not fit
     */
    public int largestMicroBatch(Scenario s) {
        return largest(s, Limits.PLANNER_MAX_MICRO_BATCH, TrainingSpec::withMicroBatchSize);
    }

    /**
     * The largest sequence length that fits in {@code s}'s hardware, up to the model's context length when it is
     * known (bisection; memory grows with the sequence).
     *
     * @return the largest fitting sequence length, or 0 when even one token does not fit
     */
    public int largestSequenceLength(Scenario s) {
        int limit = s.model().architecture().maxPositionEmbeddings();
        // A context window beyond what a scenario may hold is searched only up to that limit; with context
        // parallelism only lengths it divides are valid, so the search runs over multiples of it.
        int step = s.hardware().parallel().context();
        int max = limit > 0 ? Math.min(limit, Limits.MAX_SEQUENCE_LENGTH) : Limits.PLANNER_MAX_SEQUENCE;
        return step * largest(s, max / step, (t, len) -> t.withSequenceLength(len * step));
    }

    private int largest(Scenario s, int limit, Resize resize) {
        if (!fits(s, resize, 1)) {
            return 0;
        }
        int lo = 1;
        int hi = limit;
        if (fits(s, resize, hi)) {
            return hi;
        }
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (fits(s, resize, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Whether {@code s} resized to {@code value} fits. A size beyond a product limit of {@link ProductLimits} is no
     * scenario at all and counts as not fitting (the limits grow with the size, so the search stays a bisection).
     */
    private boolean fits(Scenario s, Resize resize, int value) {
        TrainingSpec t = resize.apply(s.training(), value);
        return ProductLimits.check(s.model(), s.method(), t).isEmpty()
                && memory.apply(s.withTraining(t)).fits();
    }

    /** The smallest count of {@link #COUNTS} at which the setup fits, else MAX_VALUE (memory falls with count). */
    private int smallestFittingCount(Scenario base, GpuSpec gpu, Sharding sharding, Offload offload) {
        int hi = COUNTS.length - 1;
        if (!fits(base, gpu, COUNTS[hi], sharding, offload)) {
            return Integer.MAX_VALUE;
        }
        int lo = -1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (fits(base, gpu, COUNTS[mid], sharding, offload)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return COUNTS[hi];
    }

    private boolean fits(Scenario base, GpuSpec gpu, int count, Sharding sharding, Offload offload) {
        return memory.apply(base.withHardware(hardware(base, gpu, count, sharding, offload))).fits();
    }

    /** Hardware on {@code gpu}; the base's memory budget is kept only for the same card. */
    private static HardwareSpec hardware(Scenario base, GpuSpec gpu, int count, Sharding sharding,
                                         Offload offload) {
        HardwareSpec b = base.hardware();
        OptionalDouble budget = b.gpu().id().equals(gpu.id()) ? b.gpuMemoryGib() : OptionalDouble.empty();
        return new HardwareSpec(gpu, count, budget, Math.min(count, 8), sharding, offload);
    }

    /** Dollars per trained token (GPUs × price / tokens per second), if a price is known. */
    private OptionalDouble usdPerToken(Estimate e) {
        OptionalDouble tokens = e.scenario().data().totalTokens();
        if (e.cost().isPresent() && tokens.isPresent()) {
            // The job's whole bill (GPU rental and checkpoint storage), as the options show it: ranking by the
            // rental alone let an option with a larger bill be "cheapest" (a near tie, or a price of 0).
            return OptionalDouble.of(e.cost().get().usd() / tokens.getAsDouble());
        }
        Optional<CostEstimate> cost = e.cost().isPresent() ? e.cost() : costs.project(e.scenario(), 1.0);
        if (cost.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(e.scenario().hardware().gpuCount() * cost.get().usdPerGpuHour()
                / 3600.0 / e.throughput().tokensPerSecond());
    }

    @FunctionalInterface
    private interface Resize {
        TrainingSpec apply(TrainingSpec t, int value);
    }
}
