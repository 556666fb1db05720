package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * The summary: the advice an expert would sign. The recommended option (the cheapest that fits with margin, a
 * {@code tight} one only when nothing does, and then it says so), the settings it changes, its memory, hours and
 * cost with their ranges, its budget with a contingency from the cost range, what to know about it, the main risk,
 * and what becomes of the scenario's own configuration.
 */
final class SummarySection {
    /** Below this share of the card left at the high end of the memory range, the headroom is the main risk. */
    private static final double THIN_HEADROOM = 0.10;

    private SummarySection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.summary")));
        Estimate base = data.baseline();
        Ranges ranges = data.baselineRanges();
        if (data.recommended().isEmpty()) {
            out.add(Paragraph.body(w.text("summary.nothingFits", data.plan().options().size(),
                    Limits.PLANNER_MAX_GPUS)));
        } else {
            PlanOption rec = data.recommended().get();
            out.add(new Paragraph(w.text("summary.recommendation", rec.gpuCount(), Text.name(rec.gpu().name()),
                    w.sharding(base.scenario().hardware())), Paragraph.Style.LEAD, false));
            if (rec.status() == FitStatus.TIGHT) {
                out.add(Paragraph.body(w.text("summary.onlyTight", w.f().gib(Math.round(
                        rec.ranges().memoryBytes().high())), w.f().gib(base.memory().capacityBytes()))));
            }
            out.add(Paragraph.body(w.text(whyKey(data, rec))));
            out.add(Paragraph.intro(changes(rec, w)));
        }
        out.add(facts(base, ranges, data.recommended(), w));
        data.recommended().flatMap(r -> Budget.of(r, data.accuracy().confidence())).ifPresent(b -> {
            out.add(Heading.sub(w.text("budget.title")));
            out.add(b.table(w));
        });
        out.addAll(QuoteBlock.blocks(w));
        data.plan().fastest().flatMap(data.plan()::option)
                .filter(o -> data.recommended().map(r -> !r.gpu().id().equals(o.gpu().id())).orElse(true))
                .ifPresent(o -> out.add(Paragraph.body(w.text("summary.fastest", o.gpuCount(),
                        Text.name(o.gpu().name()), hoursWithRange(o.estimate(), o.ranges(), w),
                        w.costOnly(o.estimate())))));
        data.recommended().filter(r -> !r.caveats().isEmpty()).ifPresent(r -> {
            out.add(Heading.sub(w.text("summary.caveats")));
            out.add(new BulletList(r.caveats().stream().map(w::caveat).toList(), false));
        });
        out.add(Heading.sub(w.text("summary.risk")));
        out.add(Paragraph.body(risk(base, ranges, w)));
        out.add(Heading.sub(w.text("summary.own")));
        out.addAll(own(data, w));
        return out;
    }

    /** What the planner changed to get there, and what the training keeps: or that it keeps the settings as given. */
    private static Text changes(PlanOption rec, Wording w) {
        if (rec.adjustments().isEmpty()) {
            return w.text("summary.asGiven", w.f().integer(rec.sequencesPerStep()));
        }
        return w.text("summary.adjusted", w.adjustments(rec.adjustments()), w.sequencesPerStep(rec));
    }

    private static Table facts(Estimate base, Ranges ranges, Optional<PlanOption> rec, Wording w) {
        HardwareSpec hw = base.scenario().hardware();
        TrainingSpec t = base.scenario().training();
        MemoryEstimate m = base.memory();
        List<Cell[]> rows = new ArrayList<>();
        rows.add(pair(w, "summary.gpu", Cell.name(hw.gpu().name())));
        rows.add(pair(w, "summary.count", Cell.words(hw.nodes() > 1
                ? w.plain("summary.countNodes", hw.gpuCount(), hw.nodes()) : String.valueOf(hw.gpuCount()))));
        rows.add(pair(w, "summary.sharding", Cell.words(w.sharding(hw))));
        if (m.hostBytes() > 0) {
            rows.add(pair(w, "summary.host", Cell.words(w.plain("summary.hostValue", w.f().gib(m.hostBytes())))));
        }
        // The sequences per step are the option's own (the planner's split), the scenario's when none is chosen.
        long step = rec.map(r -> (long) r.sequencesPerStep())
                .orElse((long) t.microBatchSize() * t.gradientAccumulationSteps() * hw.gpuCount());
        rows.add(pair(w, "summary.batch", Cell.words(w.plain("scenario.batchValue", t.microBatchSize(),
                t.gradientAccumulationSteps(), hw.gpuCount(), step))));
        rows.add(pair(w, "summary.memory", memoryCell(m, ranges, w)));
        // A job that does not fit has no time or cost to quote, as in the options table.
        rows.add(pair(w, "summary.time", Cell.words(!base.fits() ? w.plain("common.noFit")
                : base.hours().isPresent() ? hoursWithRange(base, ranges, w) : w.plain("common.noTokens"))));
        rows.add(pair(w, "summary.cost", base.fits() ? Cell.of(costWithRange(base, ranges, w))
                : Cell.words(w.plain("common.noFit"))));
        rows.add(pair(w, "summary.speed", base.fits() ? Cell.words(w.plain("summary.speedValue",
                w.f().integer(base.throughput().tokensPerSecond()), w.f().percent(Wording.endToEndMfu(base))))
                : Cell.words(w.plain("common.noFit"))));
        // The largest that fit, when the planner searched them (an option assembled by hand has none).
        rec.filter(r -> r.fits() && r.largestMicroBatch() > 0).ifPresent(r -> rows.add(pair(w, "summary.largest",
                Cell.words(w.plain("summary.largestValue", r.largestMicroBatch(), w.f().integer(t.sequenceLength()),
                        w.f().integer(r.largestSequenceLength()), t.microBatchSize())))));
        return Table.keyValue(rows, Table.Density.ROOMY);
    }

    /** "31.5 GiB of 45.0 GiB (range 23.3–35.0 GiB): fits, 13.5 GiB headroom"; a tight fit in the warning tone. */
    private static Cell memoryCell(MemoryEstimate m, Ranges ranges, Wording w) {
        long total = m.perGpu().totalBytes();
        String key = switch (ranges.status()) {
            case FITS -> "summary.memoryFits";
            case TIGHT -> "summary.memoryTight";
            case NO -> "summary.memoryDoesNotFit";
        };
        Cell cell = Cell.words(w.plain(key, w.f().gib(total), w.f().gib(m.capacityBytes()),
                w.memoryRange(total, ranges.memoryBytes()), w.f().gib(Math.abs(m.headroomBytes()))));
        return ranges.status() == FitStatus.TIGHT ? cell.in(Cell.Tone.WARNING) : cell;
    }

    /** "3.4 h (range 2.4–5.0 h)", or the hours alone without a range. */
    static String hoursWithRange(Estimate e, Ranges ranges, Wording w) {
        if (e.hours().isEmpty()) {
            return w.plain("common.noTokens");
        }
        String hours = w.f().hours(e.hours().getAsDouble());
        return ranges.hours().filter(SummarySection::wide).map(r -> w.plain("common.withRange", hours,
                w.f().hoursRange(r))).orElse(hours);
    }

    /** "$2.65 (range $1.77–$3.64) at $0.79/GPU·h (RunPod, price of September 25, 2026)", or why there is none. */
    private static Text costWithRange(Estimate e, Ranges ranges, Wording w) {
        if (e.cost().isEmpty()) {
            return w.costText(e);
        }
        var c = e.cost().get();
        String usd = w.f().usd(c.usd());
        String cost = ranges.usd().filter(SummarySection::wide).map(r -> w.plain("common.withRange", usd,
                w.f().usdRange(r))).orElse(usd);
        return w.text("summary.costValue", cost, w.f().usdPerGpuHour(c.usdPerGpuHour()), w.provider(c),
                w.priceDate(c.priceSeen()));
    }

    /** A range worth showing: wider than its ends' rounding (no bands give a zero-wide one). */
    static boolean wide(Range r) {
        return r.high() > r.low() * 1.001;
    }

    static Cell[] pair(Wording w, String key, Cell value) {
        return new Cell[] {Cell.words(w.plain(key)), value};
    }

    private static String whyKey(ReportData data, PlanOption rec) {
        String id = rec.gpu().id();
        boolean cheapest = data.plan().cheapest().map(id::equals).orElse(false);
        boolean fastest = data.plan().fastest().map(id::equals).orElse(false);
        if (cheapest && fastest) {
            return "summary.whyCheapestFastest";
        }
        return cheapest ? "summary.whyCheapest" : fastest ? "summary.whyFastest" : "summary.whyFewest";
    }

    /** The main risk in one sentence, from the most pressing fact of the recommended configuration. */
    private static Text risk(Estimate base, Ranges ranges, Wording w) {
        MemoryEstimate m = base.memory();
        if (!m.fits()) {
            return w.text("risk.doesNotFit", w.f().gib(m.perGpu().totalBytes()), w.f().gib(m.capacityBytes()));
        }
        long high = Math.round(ranges.memoryBytes().high());
        if (ranges.status() == FitStatus.TIGHT) {
            return w.text("risk.tight", w.f().gib(high), w.f().gib(m.capacityBytes()));
        }
        long headroom = m.capacityBytes() - Math.max(high, m.perGpu().totalBytes());
        double headroomShare = (double) headroom / m.capacityBytes();
        if (headroomShare < THIN_HEADROOM) {
            return w.text("risk.thinHeadroom", w.f().gib(headroom), w.f().percent(headroomShare));
        }
        Optional<Note> warning = base.notes().stream().filter(n -> n.severity() == Note.Severity.WARNING)
                .findFirst();
        if (warning.isPresent()) {
            return w.text("risk.warning", w.words().note(warning.get()));
        }
        return w.text("risk.mfu", w.f().percent(Wording.endToEndMfu(base)));
    }

    /**
     * The scenario's own configuration: whether it fits as given (with its range), and — when the planner's option
     * on that GPU model is not the recommendation — what the planner would do there: the settings it changes, or
     * why it does not fit and the smallest change that would.
     */
    private static List<Block> own(ReportData data, Wording w) {
        Estimate own = data.estimate();
        Ranges ranges = data.ownRanges();
        HardwareSpec hw = own.scenario().hardware();
        String key = switch (ranges.status()) {
            case FITS -> "summary.ownFits";
            case TIGHT -> "summary.ownTight";
            case NO -> "summary.ownDoesNotFit";
        };
        List<Block> out = new ArrayList<>();
        long total = own.memory().perGpu().totalBytes();
        out.add(Paragraph.body(w.text(key, hw.gpuCount(), Text.name(hw.gpu().name()), w.sharding(hw),
                w.f().gib(total), w.f().gib(own.memory().capacityBytes()), ranges.status() == FitStatus.TIGHT
                        ? w.plain("common.range", w.f().gibRange(ranges.memoryBytes()))
                        : w.memoryRange(total, ranges.memoryBytes()))));
        String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
        data.ownGpuOption().filter(o -> !o.gpu().id().equals(recId)).ifPresent(o -> {
            out.add(Paragraph.body(ownGpuAdvice(o, w)));
            // What to know about the GPU the customer named, too (ROCm and bitsandbytes for QLoRA on an MI300X).
            if (!o.caveats().isEmpty()) {
                out.add(new BulletList(o.caveats().stream().map(w::caveat).toList(), false));
            }
        });
        return out;
    }

    private static Text ownGpuAdvice(PlanOption o, Wording w) {
        Text gpu = Text.name(o.gpu().name());
        if (!o.fits()) {
            return w.text("summary.ownGpuNo", gpu).then(" " + w.words().reasons(o.reasons()));
        }
        String how = w.sharding(o.estimate().scenario().hardware());
        String cost = o.cost().map(c -> w.f().usd(c.usd())).orElse(w.plain("options.unpriced"));
        Text advice = o.adjustments().isEmpty()
                ? w.text("summary.ownGpuAsGiven", gpu, o.gpuCount(), how, w.label(o.status()), cost)
                : w.text("summary.ownGpuAdjusted", gpu, o.gpuCount(), how, w.adjustments(o.adjustments()),
                        w.label(o.status()), cost);
        // Figures that assume another precision (BF16 emulated on a V100) say so, and why the option is not ranked.
        List<PlanReason> precision = OptionsSection.precision(o);
        return precision.isEmpty() ? advice : advice.then(" " + w.words().reasons(precision));
    }
}
