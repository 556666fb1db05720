package org.finetuneplanner.core.plan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.ProductLimits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * The option of a GPU on which nothing fits within the planner's limit: the scenario's own setup on one GPU (what
 * it would need), no speed, hours or cost, and the smallest changes that would make it fit. Every suggestion is a
 * change the search did not try (it tried every count up to the limit and every setting it may change): more GPUs
 * than the limit, a lighter method, a shorter sequence, a setting the scenario keeps. Suggestions ask only that the
 * estimate fit ({@code tight} or better).
 */
final class NoFit {

    private final GpuSearch search;
    private final Planner planner;
    private final Scenario base;
    private final int[] counts;

    NoFit(GpuSearch search) {
        this.search = search;
        this.planner = search.planner();
        this.base = search.base();
        this.counts = search.counts();
    }

    PlanOption option() {
        Scenario shown = base.withHardware(search.hardware(1, Sharding.NONE, Offload.NONE))
                .withTraining(search.figured(base.training()));
        Estimate e = PlanOption.unpriced(planner.estimate(shown));
        Ranges r = planner.confidence().of(e);
        Ranges ranges = new Ranges(FitStatus.NO, r.memoryBytes(), Optional.empty(), Optional.empty());
        List<PlanReason> reasons = new ArrayList<>(4);
        reasons.addAll(whyNot());
        reasons.addAll(suggestions());
        reasons.addAll(search.precisionReasons());
        return new PlanOption(search.gpu(), e, ranges, List.of(), reasons,
                Caveats.of(search.asAsked(shown), e.memory(), Optional.empty()), 0, 0, search.sequences(), false);
    }

    /** The leanest setup within the limit, and whether host memory is what stops it. */
    private List<PlanReason> whyNot() {
        int count = leanCount();
        GpuSearch.Profile lean = search.profiles(true).get(0);
        Scenario s = search.setup(count, count == 1 ? Sharding.NONE : search.most(count),
                count == 1 ? Offload.NONE : Offload.OPTIMIZER_AND_PARAMS, lean, search.leanBatch());
        MemoryEstimate m = planner.memory(s);
        List<PlanReason> reasons = new ArrayList<>(2);
        reasons.add(new PlanReason.DoesNotFit(search.spec().maxGpus(), s.hardware().sharding(),
                m.perGpu().totalBytes(), m.capacityBytes()));
        if (!m.hostFits() && m.perGpu().totalBytes() <= m.capacityBytes()) {
            reasons.add(new PlanReason.HostMemoryShort(m.hostBytes(), m.hostCapacityBytes().orElse(0)));
        }
        return reasons;
    }

    private List<PlanReason> suggestions() {
        List<PlanReason> found = new ArrayList<>(4);
        GpuSearch.Profile lean = search.profiles(true).get(0);
        for (Setting kept : search.spec().keep()) {
            PlanSpec released = new PlanSpec(without(search.spec(), kept), search.spec().maxGpus(),
                    search.spec().gpuIds());
            GpuSearch wider = new GpuSearch(planner, base, search.gpu(), released);
            GpuSearch.Profile widest = wider.profiles(true).get(0);
            int index = wider.smallestCountIndex(FitStatus.TIGHT, widest, counts.length);
            if (index >= 0) {
                found.add(new PlanReason.FitsIfNotKept(kept, counts[index]));
            }
        }
        beyondLimit(lean).ifPresent(found::add);
        lighterMethod().ifPresent(found::add);
        shorterSequence(lean).ifPresent(found::add);
        return found;
    }

    private static Set<Setting> without(PlanSpec spec, Setting setting) {
        Set<Setting> rest = EnumSet.noneOf(Setting.class);
        rest.addAll(spec.keep());
        rest.remove(setting);
        return rest;
    }

    /** The fewest GPUs beyond the limit at which the leanest setup fits, doubling then bisecting by whole nodes. */
    private Optional<PlanReason> beyondLimit(GpuSearch.Profile lean) {
        int max = search.spec().maxGpus();
        int unit = Math.max(8, search.gpu().facts().rentalUnit());
        int failed = max;
        int count = Math.max(unit, roundUp(max + 1, unit));
        while (count <= Limits.PLANNER_BEYOND_GPUS && !search.leanFits(FitStatus.TIGHT, lean, count)) {
            failed = count;
            count = roundUp(count * 2, unit);
        }
        if (count > Limits.PLANNER_BEYOND_GPUS) {
            return Optional.empty();
        }
        int lo = failed / unit;
        int hi = count / unit;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (search.leanFits(FitStatus.TIGHT, lean, mid * unit)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Optional.of(new PlanReason.FitsWithMoreGpus(search.rented(hi * unit), max));
    }

    /** The first lighter method (LoRA, then QLoRA) whose leanest setup fits within the limit, with its count. */
    private Optional<PlanReason> lighterMethod() {
        MethodSpec m = base.method();
        List<MethodSpec> lighter = new ArrayList<>(2);
        WeightStorage compute = WeightStorage.forCompute(base.training().precision());
        if (m.type() == FineTuneMethod.FULL) {
            lighter.add(MethodSpec.lora(16, compute));
            lighter.add(MethodSpec.qlora(16));
        } else if (m.baseWeights() != WeightStorage.NF4 && m.baseWeights() != WeightStorage.INT4) {
            lighter.add(m.withType(FineTuneMethod.QLORA).withBaseWeights(WeightStorage.NF4));
        }
        for (MethodSpec method : lighter) {
            if (ProductLimits.check(base.model(), method, base.training()).isPresent()) {
                continue;
            }
            GpuSearch other = new GpuSearch(planner, base.withMethod(method), search.gpu(), search.spec());
            GpuSearch.Profile leanest = other.profiles(true).get(0);
            int index = other.smallestCountIndex(FitStatus.TIGHT, leanest, other.counts().length);
            if (index >= 0) {
                return Optional.of(new PlanReason.FitsWithMethod(method.type(), other.counts()[index]));
            }
        }
        return Optional.empty();
    }

    /** The longest sequence the leanest setup holds on the most GPUs within the limit, if any. */
    private Optional<PlanReason> shorterSequence(GpuSearch.Profile lean) {
        int count = leanCount();
        Scenario s = search.setup(count, count == 1 ? Sharding.NONE : search.most(count),
                count == 1 ? Offload.NONE : Offload.OPTIMIZER_AND_PARAMS, lean, search.leanBatch());
        int wanted = base.training().sequenceLength();
        int lo = 0;
        int hi = wanted;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (planner.memory(s.withTraining(s.training().withSequenceLength(mid))).fits()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo >= 1 ? Optional.of(new PlanReason.FitsWithShorterSequence(lo, count)) : Optional.empty();
    }

    /** The most GPUs the search tried (the largest rentable count within the limit), or the limit itself. */
    private int leanCount() {
        return counts.length > 0 ? counts[counts.length - 1] : search.spec().maxGpus();
    }

    private static int roundUp(int value, int unit) {
        return (int) Math.min(((long) value + unit - 1) / unit * unit, Integer.MAX_VALUE);
    }
}
