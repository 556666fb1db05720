package org.finetuneplanner.core.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.PriceRule;
import org.finetuneplanner.core.cost.Rental;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.range.ErrorBand;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;

/**
 * The search of one GPU type ({@link Planner}'s class comment says what it does and why). Lives for one call of
 * {@link Planner#option}; not thread-safe, not shared.
 */
final class GpuSearch {

    /** Sharding ladders past plain DDP, least communication first. */
    private static final Sharding[] ZERO = {Sharding.DDP, Sharding.ZERO1, Sharding.ZERO2, Sharding.ZERO3};
    private static final Sharding[] FSDP = {Sharding.DDP, Sharding.FSDP_GRAD_OP, Sharding.FSDP};
    private static final Sharding[] SINGLE = {Sharding.NONE};
    private static final Offload[] OFFLOADS = {Offload.NONE, Offload.OPTIMIZER, Offload.OPTIMIZER_AND_PARAMS};
    private static final Offload[] NO_OFFLOAD = {Offload.NONE};

    private final Planner planner;
    private final Scenario base;
    private final GpuSpec gpu;
    private final PlanSpec spec;
    private final TrainingSpec own;
    /** Sequences per optimizer step of the scenario: micro-batch × accumulation × data-parallel GPUs. */
    private final int sequences;
    private final boolean keepBatch;
    /** Rentable GPU counts up to the limit, ascending. */
    private final int[] counts;
    private final List<Profile> profiles;

    GpuSearch(Planner planner, Scenario base, GpuSpec gpu, PlanSpec spec) {
        this.planner = planner;
        this.base = base;
        this.gpu = gpu;
        this.spec = planner.limited(spec, gpu);
        this.own = base.training();
        this.sequences = stepOf(base);
        this.keepBatch = spec.keeps(Setting.MICRO_BATCH_SIZE);
        this.counts = rentableCounts();
        this.profiles = profiles();
    }

    /** One combination of the settings on the ladders, with how many of them differ from the scenario's. */
    record Profile(Checkpointing checkpointing, Loss loss, int changes) {
    }

    /** One setup that fits, with its full estimate and the key it is ranked by. */
    record Candidate(Scenario scenario, Estimate estimate, FitStatus status, double key, int changes,
                     Profile profile) {
    }

    PlanOption run() {
        Profile mine = profiles.get(0);
        if (counts.length > 0 && counts[0] == 1) {
            // The early exit: the scenario as it is on one GPU, with margin.
            int batch = batchCap(1);
            Scenario s = setup(1, Sharding.NONE, Offload.NONE, mine, batch);
            if (batch == own.microBatchSize() && planner.fits(FitStatus.FITS, s)) {
                return option(evaluate(s, mine), FitStatus.FITS);
            }
        }
        for (FitStatus level : new FitStatus[] {FitStatus.FITS, FitStatus.TIGHT}) {
            List<Candidate> found = new ArrayList<>();
            // A loss whose profile already runs as well as the GPU allows (fewest GPUs, no offload, least sharding,
            // the full micro-batch): more checkpointing with it only adds recompute, so it is not searched.
            Set<Loss> settled = EnumSet.noneOf(Loss.class);
            for (Profile p : profiles) {
                if (settled.contains(p.loss())) {
                    continue;
                }
                int before = found.size();
                search(level, p, found);
                for (Candidate c : found.subList(before, found.size())) {
                    if (ideal(c)) {
                        settled.add(p.loss());
                    }
                }
            }
            if (!found.isEmpty()) {
                return option(best(found), level);
            }
        }
        return new NoFit(this).option();
    }

    // ---- the search ----------------------------------------------------------------------------------------

    /**
     * For each offload, least first: the fewest GPUs at which {@code p} fits with it, and the next count, below the
     * fewest GPUs at which less offload fits (where less offload fits it is faster); at each of those counts, the
     * shardings that let a larger micro-batch fit.
     */
    private void search(FitStatus level, Profile p, List<Candidate> found) {
        int limit = counts.length;
        for (Offload offload : OFFLOADS) {
            int first = smallestCountIndex(level, p, offload, limit);
            if (first < 0) {
                continue;
            }
            for (int i = first; i < Math.min(first + 2, limit); i++) {
                // The next count is worth a look only when the fewest GPUs had to take a smaller micro-batch.
                if (candidatesAt(level, p, counts[i], offload, found) >= batchCap(counts[i])) {
                    break;
                }
            }
            limit = first;
            if (limit == 0) {
                return;
            }
        }
    }

    /**
     * The candidates on {@code count} GPUs with {@code offload}: along the sharding ladder, each sharding that lets a
     * larger micro-batch fit than the one before, up to the cap.
     *
     * @return the largest micro-batch that fits with any sharding (0 when none does)
     */
    private int candidatesAt(FitStatus level, Profile p, int count, Offload offload, List<Candidate> found) {
        int previous = 0;
        for (Sharding sharding : ladder(count)) {
            if (offload != Offload.NONE && sharding == Sharding.DDP) {
                continue;
            }
            int batch = largestBatch(level, p, count, sharding, offload);
            if (batch > previous) {
                found.add(evaluate(setup(count, sharding, offload, p, chooseBatch(count, batch)), p));
                previous = batch;
            }
            if (batch >= batchCap(count)) {
                break;
            }
        }
        return previous;
    }

    /**
     * The index of the fewest GPUs among the first {@code limit} counts at which {@code p}'s most sharded setup with
     * {@code offload} and the leanest micro-batch has status {@code level}, or -1 (bisection: memory falls as GPUs
     * are added for sharded states). One GPU is tried without offload only.
     */
    private int smallestCountIndex(FitStatus level, Profile p, Offload offload, int limit) {
        int lo = offload == Offload.NONE || counts.length == 0 || counts[0] > 1 ? 0 : 1;
        return firstFitting(lo, limit, count -> leanFits(level, p, count, offload));
    }

    private boolean leanFits(FitStatus level, Profile p, int count, Offload offload) {
        return planner.fits(level, setup(count, most(count), count == 1 ? Offload.NONE : offload, p, leanBatch()));
    }

    /**
     * The index of the fewest GPUs among the first {@code limit} counts at which {@code p}'s leanest setup has
     * status {@code level}, or -1 (bisection: memory falls as GPUs are added for sharded states).
     */
    int smallestCountIndex(FitStatus level, Profile p, int limit) {
        return firstFitting(0, limit, count -> leanFits(level, p, count));
    }

    /**
     * The index of the fewest GPUs among counts {@code [lo, limit)} for which {@code fits} holds, or -1 (bisection:
     * once a count fits, every larger one does).
     */
    private int firstFitting(int lo, int limit, IntPredicate fits) {
        if (lo >= limit || !fits.test(counts[limit - 1])) {
            return -1;
        }
        if (fits.test(counts[lo])) {
            return lo;
        }
        int hi = limit - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (fits.test(counts[mid])) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Whether {@code p}'s leanest setup on {@code count} GPUs fits: most sharding, offload, a micro-batch of 1. */
    boolean leanFits(FitStatus level, Profile p, int count) {
        if (count == 1 || base.hardware().hostMemoryGib().isPresent()) {
            // With a host memory to respect, more offload is not always leaner: try the ladder.
            return leastOffload(level, p, count) != null;
        }
        return planner.fits(level, setup(count, most(count), Offload.OPTIMIZER_AND_PARAMS, p, leanBatch()));
    }

    /** The least offload at which the most sharded setup fits with the leanest micro-batch, or null. */
    private Offload leastOffload(FitStatus level, Profile p, int count) {
        for (Offload offload : count == 1 ? NO_OFFLOAD : OFFLOADS) {
            if (leanFits(level, p, count, offload)) {
                return offload;
            }
        }
        return null;
    }

    /** The largest micro-batch up to {@link #batchCap} that fits, or 0 (bisection: memory grows with it). */
    private int largestBatch(FitStatus level, Profile p, int count, Sharding sharding, Offload offload) {
        int cap = batchCap(count);
        if (keepBatch) {
            return planner.fits(level, setup(count, sharding, offload, p, cap)) ? cap : 0;
        }
        if (!planner.fits(level, setup(count, sharding, offload, p, 1))) {
            return 0;
        }
        if (planner.fits(level, setup(count, sharding, offload, p, cap))) {
            return cap;
        }
        int lo = 1;
        int hi = cap;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (planner.fits(level, setup(count, sharding, offload, p, mid))) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Candidate evaluate(Scenario s, Profile p) {
        Estimate e = planner.estimate(s);
        FitStatus status = planner.confidence().status(e.memory(), s.method().type(), s.hardware().gpuCount());
        double perSecond = Math.max(e.throughput().tokensPerSecond(), 1e-9);
        Optional<Rental> rental = planner.rental(s);
        double perHour = rental.map(Rental::usdPerHour).orElse((double) s.hardware().gpuCount());
        boolean batchChanged = s.training().microBatchSize() != own.microBatchSize();
        return new Candidate(s, e, status, perHour / perSecond, p.changes() + (batchChanged ? 1 : 0), p);
    }

    /** Whether a candidate runs as well as this GPU allows for its profile (see {@link #run}). */
    private boolean ideal(Candidate c) {
        HardwareSpec hw = c.scenario().hardware();
        return hw.gpuCount() == counts[0] && hw.offload() == Offload.NONE && hw.sharding() == ladder(hw.gpuCount())[0]
                && c.scenario().training().microBatchSize() == batchCap(hw.gpuCount());
    }

    /**
     * The cheapest candidate among those that keep the sequences per step exactly (all of them when none does),
     * except that within {@link Planner#TOLERANCE} of it the one on the fewest GPUs, then with the fewest changed
     * settings, then the lowest key wins.
     */
    private Candidate best(List<Candidate> found) {
        // A setup that keeps the scenario's sequences per step beats one that cannot: changing the global batch
        // changes the training, so the nearest split is used only where no count keeps it.
        List<Candidate> exact = found.stream().filter(c -> stepOf(c.scenario()) == sequences).toList();
        List<Candidate> pool = exact.isEmpty() ? found : exact;
        double cheapest = pool.stream().mapToDouble(Candidate::key).min().orElseThrow();
        return pool.stream().filter(c -> c.key() <= cheapest * (1 + Planner.TOLERANCE))
                .min(Comparator.comparingInt((Candidate c) -> c.scenario().hardware().gpuCount())
                        .thenComparingInt(Candidate::changes)
                        .thenComparingDouble(Candidate::key))
                .orElseThrow();
    }

    // ---- the option ----------------------------------------------------------------------------------------

    private PlanOption option(Candidate c, FitStatus level) {
        Scenario s = c.scenario();
        Estimate e = c.estimate();
        HardwareSpec hw = s.hardware();
        Ranges ranges = planner.confidence().of(e);
        List<PlanReason> reasons = new ArrayList<>(4);
        if (hw.gpuCount() == 1) {
            reasons.add(new PlanReason.FitsOnOneGpu());
        } else {
            Scenario one = s.withHardware(hardware(1, Sharding.NONE, Offload.NONE))
                    .withTraining(s.training().withGradientAccumulationSteps(accumulation(1,
                            s.training().microBatchSize())));
            reasons.add(new PlanReason.NeedsGpus(hw.gpuCount(), hw.sharding(), hw.offload(),
                    planner.memory(one).perGpu().totalBytes(), e.memory().capacityBytes()));
        }
        int step = stepOf(s);
        if (step != sequences) {
            reasons.add(new PlanReason.InexactSplit(sequences, step));
        }
        if (c.status() == FitStatus.TIGHT) {
            ErrorBand band = planner.confidence().memoryBand(s.method().type(), hw.gpuCount());
            reasons.add(new PlanReason.Tight(Math.round(e.memory().perGpu().totalBytes() / (1 + band.e10())),
                    e.memory().capacityBytes()));
        }
        reasons.addAll(precisionReasons());
        boolean ranked = reasons.stream().noneMatch(PlanReason.PrecisionEmulated.class::isInstance);
        return new PlanOption(gpu, e, ranges, adjustments(s.training()), reasons,
                Caveats.of(asAsked(s), e.memory(), planner.rental(s)), planner.largestMicroBatch(s, level),
                planner.largestSequenceLength(s, level), step, ranked);
    }

    /** What the figures assume about a precision the GPU lacks. */
    List<PlanReason> precisionReasons() {
        Precision wanted = own.precision();
        if (wanted == Precision.FP8 && !gpu.fp8Supported()) {
            return List.of(new PlanReason.Fp8Fallback(gpu.name(), gpu.bf16Supported() ? Precision.BF16
                    : Precision.FP16));
        }
        if (emulatesBf16()) {
            return List.of(new PlanReason.PrecisionEmulated(gpu.name(), Precision.BF16, Precision.FP16));
        }
        return List.of();
    }

    /**
     * The precision the figures assume (PlanReason.PrecisionEmulated): FP16 with loss scaling on the tensor cores
     * for a BF16 job on a GPU without BF16 ones; the estimator alone times BF16 there at the FP32 rate.
     */
    TrainingSpec figured(TrainingSpec t) {
        return emulatesBf16() ? t.withPrecision(Precision.FP16) : t;
    }

    /** {@code s} in the job's own precision (what the GPU's caveats are about), whatever its figures assume. */
    Scenario asAsked(Scenario s) {
        return s.training().precision() == own.precision() ? s
                : s.withTraining(s.training().withPrecision(own.precision()));
    }

    /** A BF16 job on a GPU without BF16 tensor cores but with FP16 ones (V100, T4). */
    private boolean emulatesBf16() {
        return own.precision() == Precision.BF16 && !gpu.bf16Supported() && gpu.tflops().fp16() > 0;
    }

    /** The settings of {@code t} that differ from the scenario's, in {@link Setting} order. */
    List<Adjustment> adjustments(TrainingSpec t) {
        List<Adjustment> all = new ArrayList<>(4);
        if (t.microBatchSize() != own.microBatchSize()) {
            all.add(new Adjustment(Setting.MICRO_BATCH_SIZE, own.microBatchSize(), t.microBatchSize()));
        }
        if (t.gradientAccumulationSteps() != own.gradientAccumulationSteps()) {
            all.add(new Adjustment(Setting.GRADIENT_ACCUMULATION_STEPS, own.gradientAccumulationSteps(),
                    t.gradientAccumulationSteps()));
        }
        if (t.checkpointing() != own.checkpointing()) {
            all.add(new Adjustment(Setting.ACTIVATION_CHECKPOINTING, own.checkpointing(), t.checkpointing()));
        }
        if (t.loss() != own.loss()) {
            all.add(new Adjustment(Setting.LOSS, own.loss(), t.loss()));
        }
        return all;
    }

    // ---- setups --------------------------------------------------------------------------------------------

    /** The scenario on {@code count} GPUs with a sharding, an offload, a profile and a micro-batch. */
    Scenario setup(int count, Sharding sharding, Offload offload, Profile p, int batch) {
        TrainingSpec t = own.withMicroBatchSize(batch).withGradientAccumulationSteps(accumulation(count, batch))
                .withCheckpointing(p.checkpointing()).withLoss(p.loss());
        t = figured(t);
        // One scenario built, not two: each checks its product limits (a smaller micro-batch stays within them).
        return new Scenario(base.name(), base.model(), base.method(), t, hardware(count, sharding, offload),
                base.data(), base.cost());
    }

    /** Hardware on this GPU; the scenario's memory budget is kept only for the same card, its host memory always. */
    HardwareSpec hardware(int count, Sharding sharding, Offload offload) {
        HardwareSpec b = base.hardware();
        OptionalDouble budget = b.gpu().id().equals(gpu.id()) ? b.gpuMemoryGib() : OptionalDouble.empty();
        return new HardwareSpec(gpu, count, budget, Math.min(count, 8), sharding, offload, b.hostMemoryGib(),
                layout(count));
    }

    /**
     * The scenario's model-parallel layout (TP, PP, CP, EP) on {@code count} GPUs where it applies: a multiple of
     * TP·PP·CP GPUs, TP within a node, EP dividing the data- and context-parallel ranks of a stage
     * ({@code count / (TP·PP)}, as the scenario checks); else none (every GPU a data-parallel replica).
     */
    Parallelism layout(int count) {
        Parallelism p = base.hardware().parallel();
        boolean applies = count % p.modelParallel() == 0 && p.tensor() <= Math.min(count, 8)
                && count / (p.tensor() * p.pipeline()) % p.expert() == 0;
        return applies ? p : Parallelism.NONE;
    }

    /** Data-parallel replicas on {@code count} GPUs: the GPUs over the layout's TP·PP·CP. */
    int replicas(int count) {
        return (int) (count / layout(count).modelParallel());
    }

    /**
     * The accumulation that keeps the sequences per step with {@code batch} sequences per GPU on {@code count}
     * GPUs: exact when it divides, else the nearest whole number (at least 1).
     */
    int accumulation(int count, int batch) {
        long perStep = (long) replicas(count) * batch;
        long steps = sequences % perStep == 0 ? sequences / perStep
                : Math.max(1, Math.round((double) sequences / perStep));
        // A step larger than the scenario format allows is cut to the limit (and the option says how far off).
        return (int) Math.min(steps, Limits.MAX_ACCUMULATION);
    }

    /** The largest micro-batch worth trying on {@code count} GPUs: the scenario's, less when the GPUs fill a step. */
    int batchCap(int count) {
        if (keepBatch) {
            return own.microBatchSize();
        }
        return Math.max(1, Math.min(own.microBatchSize(), sequences / replicas(count)));
    }

    /** The micro-batch of the leanest setup: 1, or the scenario's when it is kept. */
    int leanBatch() {
        return keepBatch ? own.microBatchSize() : 1;
    }

    /** The micro-batch to use when {@code fitting} fits: the largest whole divisor of the per-GPU step below it. */
    int chooseBatch(int count, int fitting) {
        int replicas = replicas(count);
        if (keepBatch || sequences % replicas != 0) {
            return fitting;
        }
        int perGpu = sequences / replicas;
        for (int b = fitting; b > 1; b--) {
            if (perGpu % b == 0) {
                return b;
            }
        }
        return 1;
    }

    /** Sequences per optimizer step of {@code s}: micro-batch × accumulation × data-parallel GPUs. */
    static int stepOf(Scenario s) {
        long step = (long) s.training().microBatchSize() * s.training().gradientAccumulationSteps()
                * s.hardware().dataParallel();
        return (int) Math.min(step, Integer.MAX_VALUE);
    }

    /** Shardings tried on {@code count} GPUs, least communication first. */
    Sharding[] ladder(int count) {
        if (count == 1) {
            return SINGLE;
        }
        return base.training().framework() == Framework.DEEPSPEED ? ZERO : FSDP;
    }

    /** The most sharded setup on {@code count} GPUs. */
    Sharding most(int count) {
        Sharding[] ladder = ladder(count);
        return ladder[ladder.length - 1];
    }

    /** 1, 2, 4, 8, then whole nodes of 8 up to the limit, each rounded up to what can be rented; ascending. */
    private int[] rentableCounts() {
        int max = spec.maxGpus();
        List<Integer> wanted = new ArrayList<>();
        for (int c = 1; c <= Math.min(8, max); c *= 2) {
            wanted.add(c);
        }
        for (int c = 16; c <= max; c += 8) {
            wanted.add(c);
        }
        if (!wanted.contains(max)) {
            wanted.add(max);
        }
        return wanted.stream().mapToInt(this::rented).filter(c -> c <= max).distinct().sorted().toArray();
    }

    /** GPUs rented for a job of {@code count}: the price rule's instances, or the GPU's own rental unit. */
    int rented(int count) {
        Scenario s = base.withHardware(hardware(count, count == 1 ? Sharding.NONE : most(count), Offload.NONE));
        return planner.rental(s).map(Rental::gpus).orElse(PriceRule.roundUp(count, gpu.facts().rentalUnit()));
    }

    /**
     * Every combination of checkpointing and loss the ladders allow (the kept ones fixed), the scenario's first,
     * then by how many settings change and how far up the ladders they go.
     */
    private List<Profile> profiles() {
        List<Checkpointing> checkpointing = spec.keeps(Setting.ACTIVATION_CHECKPOINTING)
                ? List.of(own.checkpointing()) : up(Checkpointing.values(), own.checkpointing().memoryStep(),
                Checkpointing::memoryStep);
        List<Loss> losses = spec.keeps(Setting.LOSS) ? List.of(own.loss())
                : up(Loss.values(), own.loss().memoryStep(), Loss::memoryStep);
        List<Profile> all = new ArrayList<>();
        for (Checkpointing c : checkpointing) {
            for (Loss l : losses) {
                all.add(new Profile(c, l, (c != own.checkpointing() ? 1 : 0) + (l != own.loss() ? 1 : 0)));
            }
        }
        all.sort(Comparator.comparingInt(Profile::changes)
                .thenComparingInt(p -> p.checkpointing().memoryStep() + p.loss().memoryStep()));
        return all;
    }

    /** The constants at or above {@code from} on their ladder, lowest step first. */
    private static <E> List<E> up(E[] values, int from, ToIntFunction<E> step) {
        return Arrays.stream(values).filter(v -> step.applyAsInt(v) >= from).sorted(Comparator.comparingInt(step))
                .toList();
    }

    // ---- what NoFit reads ----------------------------------------------------------------------------------

    Planner planner() {
        return planner;
    }

    Scenario base() {
        return base;
    }

    GpuSpec gpu() {
        return gpu;
    }

    PlanSpec spec() {
        return spec;
    }

    int[] counts() {
        return counts;
    }

    int sequences() {
        return sequences;
    }

    List<Profile> profiles(boolean leanest) {
        return leanest ? List.of(profiles.get(profiles.size() - 1)) : profiles;
    }
}
