package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/** The results' sentences, rows, bars and curves in one language: pure functions of the results and the words. */
final class ResultSentences {
    private final Messages m;
    private final Formats f;

    ResultSentences(Messages messages) {
        this.m = messages;
        this.f = Formats.of(messages);
    }

    /**
     * A GPU's name short enough for a legend: without the vendor and without notes in brackets
     * ("NVIDIA GB200 (per Blackwell GPU, NVL72)" → "GB200").
     */
    static String shortName(GpuSpec g) {
        String n = g.name().replaceAll("\\s*\\([^)]*\\)", "").strip();
        if (!g.vendor().isEmpty() && n.startsWith(g.vendor() + " ")) {
            n = n.substring(g.vendor().length() + 1);
        }
        n = n.replaceFirst("^(GeForce|Instinct) ", "");
        return n.isEmpty() ? g.name() : n;
    }

    private String optionLabel(int count, GpuSpec g) {
        return m.text("option.label", count, shortName(g));
    }

    List<OptionRow> rows(Plan p) {
        List<OptionRow> rows = new ArrayList<>(p.options().size());
        for (PlanOption o : p.options()) {
            rows.add(OptionRow.of(o, p.cheapest().map(o.gpu().id()::equals).orElse(false),
                    p.fastest().map(o.gpu().id()::equals).orElse(false), m, f));
        }
        return rows;
    }

    List<CostCurve> curves(Plan p) {
        List<CostCurve> list = new ArrayList<>();
        for (PlanOption o : p.options()) {
            if (o.fits() && o.estimate().cost().isPresent()) {
                list.add(new CostCurve(o.gpu().id(), optionLabel(o.gpuCount(), o.gpu()),
                        o.estimate().cost().get().seriesInCurrency()));
            }
        }
        return list;
    }

    MemoryBarData bar(Estimate e) {
        GpuSpec g = e.scenario().hardware().gpu();
        return new MemoryBarData(g.id(), optionLabel(e.scenario().hardware().gpuCount(), g), e.memory().perGpu(),
                e.memory().capacityBytes(), f.gibNumber(e.memory().perGpu().totalBytes()) + " / "
                + f.gibNumber(e.memory().capacityBytes()));
    }

    List<MemoryBarData> bars(Plan p) {
        List<MemoryBarData> list = new ArrayList<>(p.options().size());
        for (PlanOption o : p.options()) {
            list.add(bar(o.estimate()));
        }
        return list;
    }

    String caption(MemoryBarData d) {
        String room = d.fits() ? m.text("results.memory.headroom", f.gib(d.headroomBytes()))
                : m.text("results.memory.over", f.gib(-d.headroomBytes()));
        return m.text("results.memory.caption", d.label(), f.gib(d.parts().totalBytes()), f.gib(d.capacityBytes()))
                + " \u2014 " + room;
    }

    String legend(MemoryComponent c, MemoryBarData d) {
        return m.label(c) + "  " + f.gib(d.parts().bytes(c));
    }

    String part(MemoryComponent c, MemoryBarData d) {
        return m.text("results.memory.part", m.label(c), f.gib(d.parts().bytes(c)));
    }

    String summary(Estimate e) {
        String time = e.hours().isPresent() ? f.hours(e.hours().getAsDouble()) : m.text("results.summary.noTime");
        String cost = e.cost().isPresent() ? f.usd(e.cost().get().usd()) : m.text("results.summary.noCost");
        return m.text("results.summary", f.shortCount(e.parameters().total()),
                f.shortCount(e.parameters().trainable()), f.tokensPerSecond(e.throughput().tokensPerSecond()),
                time, cost);
    }

    String recommend(Plan p) {
        // The planner names the cheapest by price even without a data size; only a known cost gets the full sentence.
        Optional<PlanOption> pick = p.cheapest().flatMap(p::option).filter(PlanOption::fits)
                .or(() -> p.options().stream().filter(PlanOption::fits)
                        .min(Comparator.comparingInt(PlanOption::gpuCount)
                                .thenComparingDouble(o -> o.gpu().usableMemoryGib())));
        if (pick.isPresent() && pick.get().estimate().cost().isPresent() && pick.get().estimate().hours().isPresent()) {
            PlanOption o = pick.get();
            Estimate e = o.estimate();
            String base = m.text(o.gpuCount() == 1 ? "recommend.cheapest.single" : "recommend.cheapest", o.gpuCount(),
                    o.gpu().name(), m.label(e.scenario().hardware().sharding()), f.hours(e.hours().getAsDouble()),
                    f.usd(e.cost().get().usd()), f.gib(e.memory().headroomBytes()));
            Optional<PlanOption> fastest = p.fastest().filter(id -> !id.equals(o.gpu().id())).flatMap(p::option)
                    .filter(q -> q.estimate().cost().isPresent() && q.estimate().hours().isPresent());
            if (fastest.isPresent()) {
                PlanOption q = fastest.get();
                return m.text("recommend.withFastest", base, q.gpuCount(), q.gpu().name(),
                        f.hours(q.estimate().hours().getAsDouble()), f.usd(q.estimate().cost().get().usd()));
            }
            return m.text("recommend.end", base);
        }
        if (pick.isPresent()) {
            PlanOption o = pick.get();
            return m.text("recommend.fitsNoCost", o.gpuCount(), o.gpu().name(),
                    f.gib(o.estimate().memory().headroomBytes()));
        }
        return m.text("recommend.none", Limits.PLANNER_MAX_GPUS);
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

    String explanationTitle(MemoryComponent c) {
        return m.text("results.explanation", m.label(c));
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
}
