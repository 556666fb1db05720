package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.plan.Setting;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * The recommendation and the advice for the user's own GPU, in one language: the option named with its ranges
 * (memory, hours, cost; the point estimates second), the settings it changes and whether the sequences per
 * optimizer step stay, a caution when only tight options exist. Pure.
 */
final class AdviceSentences {
    private final Messages m;
    private final Formats f;

    AdviceSentences(Messages m, Formats f) {
        this.m = m;
        this.f = f;
    }

    /**
     * The recommendation: the plan's recommended option ({@link Plan#recommended()}, the report's too), with the
     * fastest beside it; when nothing fits, the changes that would make the user's own GPU fit.
     *
     * @param current the scenario on screen (the inputs), against which the option's changes are told
     */
    Advice recommend(Plan p, Scenario current) {
        Optional<PlanOption> pick = p.recommended();
        if (pick.isEmpty()) {
            String why = p.option(current.hardware().gpu().id()).map(this::suggestions).orElse("");
            return Advice.none((m.text("recommend.none", f.count(Limits.PLANNER_MAX_GPUS)) + " " + why).strip());
        }
        PlanOption o = pick.get();
        String text;
        if (o.cost().isEmpty()) {
            text = m.text("recommend.noCost", describe(o), memoryFigures(o));
        } else {
            text = m.text(o.status() == FitStatus.TIGHT ? "recommend.tight" : "recommend.fits", describe(o),
                    figures(o));
            Optional<PlanOption> fastest = p.fastest().filter(id -> !id.equals(o.gpu().id())).flatMap(p::option)
                    .filter(q -> q.ranges().hours().isPresent() && q.ranges().usd().isPresent());
            if (fastest.isPresent()) {
                PlanOption q = fastest.get();
                text += " " + m.text("recommend.fastest", describe(q), f.hoursRange(q.ranges().hours().get()),
                        f.usdRange(q.ranges().usd().get()));
            }
        }
        return advice(o, text, current);
    }

    /**
     * What the user's own GPU would take, when it is not the recommended one and the user's setup does not fit it
     * with margin ({@code ownStatus}); empty otherwise (the recommendation or the memory card already says it).
     */
    Optional<Advice> own(Plan p, Scenario current, FitStatus ownStatus, Optional<String> recommended) {
        String id = current.hardware().gpu().id();
        if (ownStatus == FitStatus.FITS || recommended.map(id::equals).orElse(false)) {
            return Optional.empty();
        }
        Optional<PlanOption> option = p.option(id);
        if (option.isEmpty()) {
            return Optional.empty();
        }
        PlanOption o = option.get();
        String name = ResultSentences.shortName(o.gpu());
        if (!o.fits()) {
            return Optional.of(new Advice(Optional.of(id), m.text("recommend.own.no", name,
                    f.count(Limits.PLANNER_MAX_GPUS), suggestions(o)), "", "", false, Optional.of(FitStatus.NO)));
        }
        String figures = o.cost().isPresent() ? figures(o) : memoryFigures(o);
        return Optional.of(advice(o, m.text("recommend.own", name, describe(o), figures), current));
    }

    private Advice advice(PlanOption o, String text, Scenario current) {
        boolean same = sameSetup(o.estimate().scenario(), current);
        String note = o.status() == FitStatus.TIGHT ? o.reasons(PlanReason.Tight.class).stream().findFirst()
                .map(t -> m.words().reason(t) + " " + m.text("recommend.tight.note")).orElse("") : "";
        return new Advice(Optional.of(o.gpu().id()), text, same ? m.text("recommend.current")
                : changes(o, current.hardware().parallel()), note,
                !same, Optional.of(o.status()));
    }

    /** "2 × NVIDIA H100 SXM5 80GB with FSDP grad-op, optimizer states offloaded to the CPU". */
    String describe(PlanOption o) {
        HardwareSpec hw = o.estimate().scenario().hardware();
        String count = f.count(hw.gpuCount());
        if (hw.gpuCount() == 1 && hw.offload() == Offload.NONE) {
            return m.text("recommend.option", count, o.gpu().name());
        }
        if (hw.offload() == Offload.NONE) {
            return m.text("recommend.option.sharded", count, o.gpu().name(), m.label(hw.sharding()));
        }
        return m.text("recommend.option.offload", count, o.gpu().name(), m.label(hw.sharding()),
                m.text("results.offload." + hw.offload().name()));
    }

    /**
     * "27.1–33.0 GiB of 45.0 GiB per GPU": the figures of an option without a cost; a range wholly above the
     * estimate says so in the report's words ({@link org.finetuneplanner.service.text.Words#aboveEstimate}).
     */
    private String memoryFigures(PlanOption o) {
        String range = f.gibRange(o.ranges().memoryBytes());
        String capacity = f.gib(o.estimate().memory().capacityBytes());
        return aboveEstimate(o).map(why -> m.text("recommend.figures.memory.above", range, capacity, why))
                .orElseGet(() -> m.text("recommend.figures.memory", range, capacity));
    }

    /** "27.1–33.0 GiB of 45.0 GiB per GPU, 8.1–10.6 h and $7.30–$9.60 (estimate 9.0 h, $7.96)". */
    String figures(PlanOption o) {
        Optional<String> above = aboveEstimate(o);
        return m.text(above.isPresent() ? "recommend.figures.above" : "recommend.figures",
                f.gibRange(o.ranges().memoryBytes()), f.gib(o.estimate().memory().capacityBytes()),
                f.hoursRange(o.ranges().hours().orElseThrow()), f.usdRange(o.ranges().usd().orElseThrow()),
                f.hours(o.hours().orElseThrow()), f.usd(o.cost().orElseThrow().usd()), above.orElse(""));
    }

    private Optional<String> aboveEstimate(PlanOption o) {
        return m.words().aboveEstimate(o.estimate().memory().perGpu().totalBytes(), o.ranges().memoryBytes());
    }

    /**
     * The settings the option changes, from → to, and what happens to the sequences per optimizer step when the
     * micro-batch or the accumulation changes: the same, or the nearest whole split. First, when the option's GPU
     * count cannot take the scenario's model-parallel layout {@code asked}, that it runs without it. "" when nothing
     * changes.
     */
    String changes(PlanOption o, Parallelism asked) {
        List<Adjustment> all = o.adjustments();
        Parallelism used = o.estimate().scenario().hardware().parallel();
        boolean dropped = asked.isSplit() && !used.equals(asked);
        if (all.isEmpty() && !dropped) {
            return "";
        }
        StringJoiner list = new StringJoiner(", ");
        if (dropped) {
            list.add(m.text("results.change.layoutDropped", asked.tensor(), asked.pipeline(), asked.context(),
                    f.count(o.gpuCount())));
        }
        all.forEach(a -> list.add(m.words().adjustment(a)));
        Optional<PlanReason.InexactSplit> inexact = o.reasons(PlanReason.InexactSplit.class).stream().findFirst();
        if (inexact.isPresent()) {
            return m.text("recommend.changes.inexact", list.toString(), f.count(inexact.get().got()),
                    f.count(inexact.get().wanted()));
        }
        boolean batch = all.stream().anyMatch(a -> a.setting() == Setting.MICRO_BATCH_SIZE
                || a.setting() == Setting.GRADIENT_ACCUMULATION_STEPS);
        return batch ? m.text("recommend.changes.same", list.toString(), f.count(o.sequencesPerStep()))
                : m.text("recommend.changes", list.toString());
    }

    /** Why an option does not fit and the changes that would make it fit, in sentences. */
    private String suggestions(PlanOption o) {
        StringJoiner all = new StringJoiner(" ");
        for (PlanReason r : o.reasons()) {
            if (!(r instanceof PlanReason.DoesNotFit)) {
                all.add(m.words().reason(r));
            }
        }
        return all.toString();
    }

    /**
     * Whether two scenarios run the same setup: the same hardware the planner chooses (GPU, count, sharding,
     * offload, model-parallel layout) and the same settings it may change (micro-batch, accumulation,
     * checkpointing, loss).
     */
    static boolean sameSetup(Scenario a, Scenario b) {
        HardwareSpec x = a.hardware();
        HardwareSpec y = b.hardware();
        TrainingSpec s = a.training();
        TrainingSpec t = b.training();
        return x.gpu().id().equals(y.gpu().id()) && x.gpuCount() == y.gpuCount() && x.sharding() == y.sharding()
                && x.offload() == y.offload() && x.parallel().equals(y.parallel())
                && s.microBatchSize() == t.microBatchSize()
                && s.gradientAccumulationSteps() == t.gradientAccumulationSteps()
                && s.checkpointing() == t.checkpointing() && s.loss() == t.loss();
    }
}
