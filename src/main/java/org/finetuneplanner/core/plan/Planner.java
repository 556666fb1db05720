package org.finetuneplanner.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.Rental;
import org.finetuneplanner.core.cost.SellerOffer;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.ErrorBands;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.ProductLimits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.time.ThroughputEstimator;

/**
 * For each GPU, the cheapest way to run a scenario's job, with the settings changed that had to change; the
 * cheapest and fastest options overall. Pure; thread-safe.
 *
 * <h2>What may change</h2>
 * The model, method, precision, sequence length and data never change. Per GPU type the planner chooses the GPU
 * count, the sharding and the CPU offload (its own choices) and may change three training settings, unless
 * {@code plan.keep} ({@link PlanSpec}) keeps them:
 * <ul>
 *   <li>the micro-batch, with the accumulation following so that the sequences per optimizer step
 *       ({@code micro_batch × accumulation × data-parallel GPUs}) stay the scenario's — also when the count grows
 *       (more GPUs, less accumulation; a smaller micro-batch when the GPUs alone exceed the step). When the count
 *       does not divide the step, the nearest whole split is used and the option says so
 *       ({@link PlanReason.InexactSplit});</li>
 *   <li>activation checkpointing and the loss, up their ladders ({@code Checkpointing.memoryStep},
 *       {@code Loss.memoryStep}: none → full → offload; standard → chunked), never down.</li>
 * </ul>
 *
 * <h2>The search, per GPU</h2>
 * <ol>
 *   <li><b>Counts</b>: 1, 2, 4, 8, then whole nodes of 8, up to {@code plan.max_gpus} (and a price list's
 *       {@code max_gpus} for the GPU), each rounded up to what is rented ({@code core.cost.PriceRule}: an offer's
 *       instance size, a GB200 tray, a price list's {@code instance_gpus}), so every count tried is one that can be
 *       rented and paid for as a whole.</li>
 *   <li><b>Early exit</b>: the scenario's own settings on one GPU with status {@code fits} end the search — no change
 *       can make one GPU cheaper except by noise (a chunked loss saves a percent of time at most).</li>
 *   <li><b>Profiles</b>: every combination of checkpointing and loss the ladders allow, the scenario's first. For
 *       each, the fewest GPUs at which its leanest setup fits (micro-batch 1, most sharding, most offload) by
 *       bisection over the counts — memory falls as GPUs are added under sharding.</li>
 *   <li>At that count and the next, the least offload that fits; then along the sharding ladder (DDP, ZeRO-1/2/3
 *       or FSDP grad-op/full shard; least communication first) the largest micro-batch that fits, by bisection —
 *       memory rises with the micro-batch; the largest whole divisor of the step keeps it exact. A sharding is
 *       kept only when it lets a larger micro-batch fit than the one before (else it only adds communication), and
 *       the ladder stops at the scenario's micro-batch.</li>
 *   <li>Only these few candidates (a dozen or so) get a speed and a price. The cheapest per trained token wins:
 *       the rented GPUs × price per GPU-hour / tokens per second (GPU-seconds per token without a price). Within
 *       {@value #TOLERANCE_PERCENT} % of the cheapest, the candidate on the fewest GPUs wins, then the one with the
 *       fewest changed settings: differences that small are noise in the time model (its measured errors are
 *       ±30 %), so a setting changes only when that is needed to fit on fewer GPUs or makes the option cheaper —
 *       make it fit before buying more. The settings the planner changes do not change what is learned (the same
 *       sequences per step; recompute; a chunked loss), only memory and speed. Candidates that keep the
 *       sequences per step exactly come first: a nearest split (a larger global batch) only where no count keeps
 *       it.</li>
 *   <li><b>Fit</b> means status {@code fits}: the high end of the memory range within the usable memory
 *       ({@link Confidence}). Only when no setup fits with margin does the search run again for {@code tight}
 *       (the estimate itself fits), and the option says so ({@link PlanReason.Tight}).</li>
 *   <li>When nothing fits within the limit, the option shows the scenario's setup on one GPU (what it would need)
 *       with no speed, hours or cost, and the smallest changes that would make it fit, all outside what the search
 *       already tried: more GPUs than the limit, a lighter method, a shorter sequence, a setting the scenario
 *       keeps.</li>
 * </ol>
 * About 100–200 memory estimates (0.2 µs each) and a dozen full estimates per GPU when settings must change; one
 * memory estimate and one full estimate when the scenario fits one GPU as it is. {@code PlannerBenchmark} measures
 * the whole catalog.
 *
 * <h2>A seller's price list</h2>
 * With a price list in force (the {@link CostProjector}'s seller) only the GPUs it offers are tried, at its prices;
 * the scenario's own GPU is still shown when the list does not offer it, unpriced and unranked, saying so
 * ({@link PlanReason.NotOffered}).
 *
 * <h2>Ranking</h2>
 * The cheapest and fastest are named among the ranked options whose status is {@code fits}, or among the
 * {@code tight} ones only when none fits with margin. An option whose figures assume another precision than the
 * job's (a BF16 job on a GPU without BF16 tensor cores, {@link PlanReason.PrecisionEmulated}) is not ranked: naming
 * it would change the job's precision.
 */
public final class Planner {

    /** Within this many percent of the cheapest candidate, fewer changes and fewer GPUs win. */
    static final int TOLERANCE_PERCENT = 3;
    static final double TOLERANCE = TOLERANCE_PERCENT / 100.0;

    private final Function<Scenario, MemoryEstimate> memory;
    private final Function<Scenario, Estimate> estimator;
    private final CostProjector costs;
    private final Confidence confidence;

    /**
     * A planner without error bands (every range zero wide: {@code fits} or {@code no}).
     *
     * @param memory    per-GPU memory of a scenario (used for the search: must be fast)
     * @param estimator the full estimate of a scenario (memory, time, cost) for the candidates
     * @param costs     prices, for ranking candidates and options
     */
    public Planner(Function<Scenario, MemoryEstimate> memory, Function<Scenario, Estimate> estimator,
                   CostProjector costs) {
        this(memory, estimator, costs, Confidence.none());
    }

    /**
     * @param memory     per-GPU memory of a scenario (used for the search: must be fast)
     * @param estimator  the full estimate of a scenario (memory, time, cost) for the candidates
     * @param costs      prices, for ranking candidates and options
     * @param confidence the error bands behind ranges and fit status
     */
    public Planner(Function<Scenario, MemoryEstimate> memory, Function<Scenario, Estimate> estimator,
                   CostProjector costs, Confidence confidence) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.confidence = Objects.requireNonNull(confidence, "confidence");
    }

    /** The planner over the standard memory estimator, estimator and cost projector, without error bands. */
    public static Planner standard() {
        return standard(ErrorBands.none());
    }

    /** The planner over the standard memory estimator, estimator and cost projector, with {@code bands}. */
    public static Planner standard(ErrorBands bands) {
        MemoryEstimator memory = new MemoryEstimator();
        CostProjector costs = new CostProjector();
        Estimator estimator = new Estimator(memory, new ThroughputEstimator(), costs);
        return new Planner(memory::estimate, estimator::estimate, costs, new Confidence(bands));
    }

    public Confidence confidence() {
        return confidence;
    }

    /** {@link #plan(Scenario, List, PlanSpec)} with the default plan section. */
    public Plan plan(Scenario base, List<GpuSpec> gpus) {
        return plan(base, gpus, PlanSpec.defaults());
    }

    /**
     * Plans {@code base} on every GPU of {@code gpus}, and on the scenario's own GPU when it is not among them.
     *
     * @param base the scenario; its model, method, precision, sequence length and data are kept
     * @param gpus the GPUs to try, in the order the options are listed
     * @param spec what may not change and how far to search
     * @return one option per GPU, and the cheapest and fastest (see the class comment)
     */
    public Plan plan(Scenario base, List<GpuSpec> gpus, PlanSpec spec) {
        Optional<SellerPrices> seller = costs.seller();
        // With a price list in force only its offers are tried (the caller passes its GPUs: SellerPrices.gpus()).
        List<GpuSpec> offered = seller.isEmpty() ? gpus
                : gpus.stream().filter(g -> seller.get().offer(g.id()).isPresent()).toList();
        List<GpuSpec> tried = new ArrayList<>(offered.size() + 1);
        String own = base.hardware().gpu().id();
        if (offered.stream().noneMatch(g -> g.id().equals(own))) {
            tried.add(base.hardware().gpu());
        }
        tried.addAll(offered);
        List<PlanOption> options = new ArrayList<>(tried.size());
        for (GpuSpec gpu : tried) {
            PlanOption option = option(base, gpu, spec);
            if (seller.isPresent() && seller.get().offer(gpu.id()).isEmpty()) {
                option = notOffered(option, seller.get().seller());
            }
            options.add(option);
        }
        FitStatus level = options.stream().anyMatch(o -> o.ranked() && o.status() == FitStatus.FITS)
                ? FitStatus.FITS : FitStatus.TIGHT;
        PlanOption cheapest = null;
        PlanOption fastest = null;
        double cheapestKey = Double.POSITIVE_INFINITY;
        for (PlanOption o : options) {
            if (!o.ranked() || o.status() != level) {
                continue;
            }
            // The total (rental plus storage) when the data size is known, else the rental per trained token:
            // the data size is the same for every option, so every priced option uses the same key.
            OptionalDouble key = o.cost().isPresent() ? OptionalDouble.of(o.cost().get().usd())
                    : usdPerToken(o.estimate());
            if (key.isEmpty()) {
                continue;
            }
            if (key.getAsDouble() < cheapestKey) {
                cheapestKey = key.getAsDouble();
                cheapest = o;
            }
            if (fastest == null || o.tokensPerSecond().orElse(0) > fastest.tokensPerSecond().orElse(0)) {
                fastest = o;
            }
        }
        return new Plan(base.name(), options, Optional.ofNullable(cheapest).map(o -> o.gpu().id()),
                Optional.ofNullable(fastest).map(o -> o.gpu().id()));
    }

    /** The option of a GPU the seller does not offer: what it would need, unpriced, never ranked. */
    private static PlanOption notOffered(PlanOption o, String seller) {
        List<PlanReason> reasons = new ArrayList<>(o.reasons());
        reasons.add(new PlanReason.NotOffered(seller, o.gpu().name()));
        return new PlanOption(o.gpu(), o.estimate(), o.ranges(), o.adjustments(), reasons, o.caveats(),
                o.largestMicroBatch(), o.largestSequenceLength(), o.sequencesPerStep(), false);
    }

    /**
     * The plan section for one GPU: the seller's largest job for it when a price list in force allows fewer GPUs
     * than {@code plan.max_gpus}.
     */
    PlanSpec limited(PlanSpec spec, GpuSpec gpu) {
        int max = costs.seller().flatMap(p -> p.offer(gpu.id())).map(SellerOffer::maxGpus).orElse(spec.maxGpus());
        return max < spec.maxGpus() ? new PlanSpec(spec.keep(), max, spec.gpuIds()) : spec;
    }

    /** {@link #option(Scenario, GpuSpec, PlanSpec)} with the default plan section. */
    public PlanOption option(Scenario base, GpuSpec gpu) {
        return option(base, gpu, PlanSpec.defaults());
    }

    /** The option for one GPU: the cheapest setup that fits (see the class comment), or what it would need. */
    public PlanOption option(Scenario base, GpuSpec gpu, PlanSpec spec) {
        return new GpuSearch(this, base, gpu, spec).run();
    }

    /**
     * The largest micro-batch that fits in {@code s}'s hardware (bisection; memory grows with the batch).
     *
     * @return the largest fitting micro-batch size, or 0 when even one sequence does not fit
     */
    public int largestMicroBatch(Scenario s) {
        return largestMicroBatch(s, FitStatus.TIGHT);
    }

    /**
     * The largest sequence length that fits in {@code s}'s hardware, up to the model's context length when it is
     * known (bisection; memory grows with the sequence).
     *
     * @return the largest fitting sequence length, or 0 when even one token does not fit
     */
    public int largestSequenceLength(Scenario s) {
        return largestSequenceLength(s, FitStatus.TIGHT);
    }

    /** The largest micro-batch whose status is at least {@code level} ({@code fits} or {@code tight}). */
    int largestMicroBatch(Scenario s, FitStatus level) {
        return largest(s, level, Limits.PLANNER_MAX_MICRO_BATCH, s.training().microBatchSize(),
                TrainingSpec::withMicroBatchSize);
    }

    /** The longest sequence whose status is at least {@code level}, up to the model's context length. */
    int largestSequenceLength(Scenario s, FitStatus level) {
        int limit = s.model().architecture().maxPositionEmbeddings();
        // A context window beyond what a scenario may hold is searched only up to that limit; with context
        // parallelism only lengths it divides are valid, so the search runs over multiples of it.
        int step = s.hardware().parallel().context();
        int max = limit > 0 ? Math.min(limit, Limits.MAX_SEQUENCE_LENGTH) : Limits.PLANNER_MAX_SEQUENCE;
        return step * largest(s, level, max / step, s.training().sequenceLength() / step,
                (t, len) -> t.withSequenceLength(len * step));
    }

    /**
     * The largest value up to {@code limit} that fits (memory grows with it): doubling from {@code start} (a value
     * that fits when the setup does) until one does not, then bisection — a few estimates when the answer is near
     * the setup's own value, as it is for a planned option.
     */
    private int largest(Scenario s, FitStatus level, int limit, int start, Resize resize) {
        int lo = Math.min(Math.max(start, 1), limit);
        if (!fits(level, s, resize, lo)) {
            if (lo == 1 || !fits(level, s, resize, 1)) {
                return 0;
            }
            lo = 1;
        }
        int hi = lo;
        while (hi < limit) {
            hi = (int) Math.min((long) hi * 2, limit);
            if (!fits(level, s, resize, hi)) {
                break;
            }
            lo = hi;
        }
        if (lo == hi) {
            return lo;
        }
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (fits(level, s, resize, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Whether {@code s} resized to {@code value} has status {@code level} or better. A size beyond a product limit of
     * {@link ProductLimits} is no scenario at all and counts as not fitting (the limits grow with the size, so the
     * search stays a bisection). The scenario checks the limits as it is made: once per step of the search.
     */
    private boolean fits(FitStatus level, Scenario s, Resize resize, int value) {
        Scenario resized;
        try {
            resized = s.withTraining(resize.apply(s.training(), value));
        } catch (ProductLimits.Exceeded beyondTheLimits) {
            return false;
        }
        return fits(level, resized);
    }

    /** Whether {@code s}'s status is at least {@code level}: {@code fits} needs the margin, {@code tight} not. */
    boolean fits(FitStatus level, Scenario s) {
        MemoryEstimate m = memory.apply(s);
        if (level == FitStatus.TIGHT) {
            return m.fits();
        }
        return confidence.status(m, s.method().type(), s.hardware().gpuCount()) == FitStatus.FITS;
    }

    MemoryEstimate memory(Scenario s) {
        return memory.apply(s);
    }

    Estimate estimate(Scenario s) {
        return estimator.apply(s);
    }

    Optional<Rental> rental(Scenario s) {
        return costs.rental(s);
    }

    /** Dollars per trained token (the rented GPUs' price per hour / tokens per second), if a price is known. */
    private OptionalDouble usdPerToken(Estimate e) {
        OptionalDouble tokens = e.scenario().data().totalTokens();
        if (e.cost().isPresent() && tokens.isPresent()) {
            // The job's whole bill (GPU rental and checkpoint storage), as the options show it: ranking by the
            // rental alone let an option with a larger bill be "cheapest" (a near tie, or a price of 0).
            return OptionalDouble.of(e.cost().get().usd() / tokens.getAsDouble());
        }
        // Without a data size there is no cost (it needs hours): the rental's price per hour, less the discount as
        // CostProjector.project takes it, without projecting a whole cost (storage, energy, its series) to read it.
        Optional<Rental> rental = costs.rental(e.scenario());
        if (rental.isEmpty()) {
            return OptionalDouble.empty();
        }
        double usdPerGpuHour = rental.get().usdPerGpuHour() * (1 - costs.assumptions().discount());
        return OptionalDouble.of(rental.get().gpus() * usdPerGpuHour / 3600.0 / e.throughput().tokensPerSecond());
    }

    @FunctionalInterface
    private interface Resize {
        TrainingSpec apply(TrainingSpec t, int value);
    }
}
