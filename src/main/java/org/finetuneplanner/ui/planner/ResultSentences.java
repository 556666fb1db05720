package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.memory.Phase;
import org.finetuneplanner.core.memory.PhaseMemory;
import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/** The results' sentences, rows, bars and curves in one language: pure functions of the results and the words. */
final class ResultSentences {
    private final Messages m;
    private final Formats f;
    private final AdviceSentences advice;

    ResultSentences(Messages messages) {
        this.m = messages;
        this.f = Formats.of(messages);
        this.advice = new AdviceSentences(messages, f);
    }

    /**
     * A GPU's name short enough for a legend or a table, yet telling every catalog GPU apart: without the vendor,
     * the product line and notes in brackets ("NVIDIA GB200 (per Blackwell GPU, NVL72)" → "GB200", "NVIDIA RTX 6000
     * Ada Generation 48GB" → "RTX 6000 Ada 48GB"; the memory stays: "Tesla V100 SXM2 16GB" is not the 32GB one).
     */
    static String shortName(GpuSpec g) {
        String n = g.name().replaceAll("\\s*\\([^)]*\\)", "").replace(" Generation", "").strip();
        if (!g.vendor().isEmpty() && n.startsWith(g.vendor() + " ")) {
            n = n.substring(g.vendor().length() + 1);
        }
        n = n.replaceFirst("^(GeForce|Instinct) ", "");
        return n.isEmpty() ? g.name() : n;
    }

    AdviceSentences advice() {
        return advice;
    }

    String optionLabel(int count, GpuSpec g) {
        return m.text("option.label", count, shortName(g));
    }

    /** "8 × H100 SXM", with its model-parallel layout when split: "8 × H100 SXM (TP 4 × PP 2 × CP 1)". */
    String hardwareLabel(HardwareSpec h) {
        Parallelism p = h.parallel();
        return p.modelParallel() == 1 ? optionLabel(h.gpuCount(), h.gpu())
                : m.text("option.label.layout", h.gpuCount(), shortName(h.gpu()), p.tensor(), p.pipeline(),
                        p.context());
    }

    /** The table's rows of {@code p}, planned for a scenario whose model-parallel layout is {@code asked}. */
    List<OptionRow> rows(Plan p, Parallelism asked) {
        List<OptionRow> rows = new ArrayList<>(p.options().size());
        for (PlanOption o : p.options()) {
            rows.add(OptionRow.of(o, p.cheapest().map(o.gpu().id()::equals).orElse(false),
                    p.fastest().map(o.gpu().id()::equals).orElse(false), asked, m, f));
        }
        return rows;
    }

    /**
     * The user's setup as a bar: at the peak with the range of its total, or at another phase of the step (its
     * parts then, no range: the range is about the peak).
     */
    MemoryBarData bar(Estimate e, Ranges ranges, Optional<Phase> phase) {
        GpuSpec g = e.scenario().hardware().gpu();
        Optional<MemoryBreakdown> at = phase.filter(p -> !e.memory().peakPhase().equals(Optional.of(p)))
                .flatMap(p -> e.memory().at(p));
        MemoryBreakdown parts = at.orElse(e.memory().perGpu());
        Optional<Range> range = at.isPresent() ? Optional.empty() : Optional.of(ranges.memoryBytes());
        return new MemoryBarData(g.id(), hardwareLabel(e.scenario().hardware()), parts,
                e.memory().capacityBytes(), value(parts.totalBytes(), range, e.memory().capacityBytes()), range,
                ranges.status());
    }

    /** "27.1–33.0 / 45.0": the range of the total (or the total) over the capacity, GiB. */
    private String value(long total, Optional<Range> range, long capacity) {
        String used = range.map(f::gibRangeNumber).orElse(f.gibNumber(total));
        return used + " / " + f.gibNumber(capacity);
    }

    List<MemoryBarData> bars(Plan p) {
        List<MemoryBarData> list = new ArrayList<>(p.options().size());
        for (PlanOption o : p.options()) {
            var e = o.estimate();
            Optional<Range> range = Optional.of(o.ranges().memoryBytes());
            list.add(new MemoryBarData(o.gpu().id(), hardwareLabel(e.scenario().hardware()), e.memory().perGpu(),
                    e.memory().capacityBytes(), value(e.memory().perGpu().totalBytes(), range,
                    e.memory().capacityBytes()), range, o.status()));
        }
        return list;
    }

    /**
     * At the peak: "1 × L40S 48GB: 27.1–33.0 GiB of 45.0 GiB (estimate 29.4 GiB) — fits, 12.0 GiB free even at
     * the high end", a range wholly above the estimate saying so in the report's words; at another phase what it
     * holds then and where the peak is.
     */
    String caption(MemoryBarData d, Estimate e, Optional<Phase> phase) {
        Phase peak = e.memory().peakPhase().orElse(Phase.LOSS);
        Phase shown = phase.orElse(peak);
        if (d.range().isEmpty() && shown != peak) {
            return m.text("results.memory.caption.phase", d.label(), m.label(shown), f.gib(d.parts().totalBytes()),
                    f.gib(d.capacityBytes()), f.gib(e.memory().perGpu().totalBytes()), m.label(peak));
        }
        Range r = d.range().orElse(new Range(d.parts().totalBytes(), d.parts().totalBytes()));
        String room = switch (d.status()) {
            case FITS -> m.text("results.memory.fits", f.gib(d.capacityBytes() - (long) Math.ceil(r.high())));
            case TIGHT -> m.text("results.memory.tight", f.gib((long) Math.ceil(r.high()) - d.capacityBytes()));
            case NO -> m.text("results.memory.over", f.gib(-d.headroomBytes()));
        };
        Optional<String> above = m.words().aboveEstimate(d.parts().totalBytes(), r);
        return m.text(above.isPresent() ? "results.memory.caption.above" : "results.memory.caption", d.label(),
                f.gibRange(r), f.gib(d.capacityBytes()), f.gib(d.parts().totalBytes()), above.orElse(""))
                + " \u2014 " + room;
    }

    /** The phases of the step for the selector, the peak marked. */
    List<PhaseChoice> phases(Estimate e) {
        List<PhaseChoice> list = new ArrayList<>(e.memory().phases().size());
        for (PhaseMemory p : e.memory().phases()) {
            list.add(new PhaseChoice(p.phase(), p.peak() ? m.text("results.phase.peak", m.label(p.phase()))
                    : m.label(p.phase()), p.peak()));
        }
        return list;
    }

    String legend(MemoryComponent c, MemoryBarData d) {
        return m.label(c) + "  " + f.gib(d.parts().bytes(c));
    }

    String part(MemoryComponent c, MemoryBarData d) {
        return m.text("results.memory.part", m.label(c), f.gib(d.parts().bytes(c)));
    }

    /** Parameters, speed, and time and cost with their ranges (the estimate in brackets). */
    String summary(Estimate e, Ranges r) {
        String time = e.hours().isPresent() && r.hours().isPresent()
                ? m.text("results.summary.range", f.hoursRange(r.hours().get()), f.hours(e.hours().getAsDouble()))
                : m.text("results.summary.noTime");
        String cost = e.cost().isPresent() && r.usd().isPresent()
                ? m.text("results.summary.range", f.usdRange(r.usd().get()), f.usd(e.cost().get().usd()))
                : m.text("results.summary.noCost");
        return m.text("results.summary", f.shortCount(e.parameters().total()),
                f.shortCount(e.parameters().trainable()), f.tokensPerSecond(e.throughput().tokensPerSecond()),
                time, cost);
    }

    /**
     * The user's setup beyond its bar: the largest micro-batch and sequence its estimate fits, the host memory its
     * offload needs, and the price with who lists it and when.
     */
    String details(Estimate e, SetupFacts facts) {
        StringJoiner all = new StringJoiner(" \u00b7 ");
        all.add(facts.largestMicroBatch() > 0 ? m.text("results.details.largest", f.count(facts.largestMicroBatch()),
                f.count(facts.largestSequenceLength())) : m.text("results.details.largest.none"));
        all.add(e.memory().hostBytes() > 0 ? m.text("results.details.host", f.gib(e.memory().hostBytes()))
                : m.text("results.details.host.none"));
        e.cost().ifPresent(c -> all.add(price(c)));
        return all.toString();
    }

    /** "$0.79/GPU·h from RunPod, listed September 25, 2026", or the scenario's own price. */
    String price(CostEstimate c) {
        if (c.origin() == PriceOrigin.SCENARIO) {
            return m.text("results.details.price.own", f.usdPerGpuHour(c.usdPerGpuHour()));
        }
        String who = c.origin() == PriceOrigin.MARKETPLACE ? m.text("results.source.market", c.provider())
                : c.provider();
        return m.text(c.priceSeen().isEmpty() ? "results.details.price.undated" : "results.details.price",
                f.usdPerGpuHour(c.usdPerGpuHour()), who, f.seenDate(c.priceSeen()));
    }

    /** Each caveat in words, each once. */
    List<String> caveats(List<Caveat> caveats) {
        Set<String> seen = new LinkedHashSet<>();
        caveats.forEach(c -> seen.add(m.words().caveat(c)));
        return List.copyOf(seen);
    }

    List<NoteLine> notes(Estimate e) {
        List<NoteLine> lines = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Note n : e.notes()) {
            String text = m.note(n);
            if (seen.add(text)) {
                lines.add(new NoteLine(n.severity(), text));
            }
        }
        return lines;
    }

    /** "How Weights is computed", and at which phase when another than the peak is shown. */
    String explanationTitle(MemoryComponent c, Optional<Phase> peak, Optional<Phase> shown) {
        String title = m.text("results.explanation", m.label(c));
        return shown.isPresent() && !shown.equals(peak) ? m.text("results.explanation.atPeak", title,
                m.label(peak.orElse(Phase.LOSS))) : title;
    }

    List<ExplainedTerm> explain(Explanation x, MemoryComponent c) {
        List<ExplainedTerm> terms = new ArrayList<>();
        for (MemoryTerm t : x.memory(c)) {
            terms.add(new ExplainedTerm(m.title(t.term()) + " \u2014 " + f.gib(t.bytes()),
                    m.text("results.explanation.formula", m.formula(t.term())),
                    m.text("results.explanation.inputs", m.numbers(t.term())),
                    t.term().sources().isEmpty() ? "" : m.text("results.explanation.source", m.sources(t.term()))));
        }
        return terms;
    }

    /** The status in words: "fits", "tight", "does not fit". */
    String status(FitStatus s) {
        return m.text("results.status." + s.name());
    }
}
