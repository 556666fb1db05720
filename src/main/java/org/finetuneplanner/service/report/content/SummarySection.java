package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Cell;

/** The summary: the recommendation and why, its key figures, its budget with a contingency, the main risk. */
final class SummarySection {
    private SummarySection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.summary")));
        Estimate base = data.baseline();
        if (data.recommended().isEmpty()) {
            out.add(Paragraph.body(w.text("summary.nothingFits", data.plan().options().size(),
                    Limits.PLANNER_MAX_GPUS)));
        } else {
            PlanOption rec = data.recommended().get();
            out.add(new Paragraph(w.text("summary.recommendation", rec.gpuCount(), Text.name(rec.gpu().name()),
                    w.sharding(base.scenario().hardware())), Paragraph.Style.LEAD, false));
            out.add(Paragraph.intro(w.text(whyKey(data, rec))));
        }
        out.add(facts(base, w));
        data.recommended().flatMap(r -> Budget.of(r.estimate(), data.accuracy())).ifPresent(b -> {
            out.add(Heading.sub(w.text("budget.title")));
            out.add(b.table(w));
        });
        out.addAll(QuoteBlock.blocks(w));
        data.plan().fastest().flatMap(data.plan()::option)
                .filter(o -> data.recommended().map(r -> !r.gpu().id().equals(o.gpu().id())).orElse(true))
                .ifPresent(o -> out.add(Paragraph.body(w.text("summary.fastest", o.gpuCount(),
                        Text.name(o.gpu().name()), w.f().hours(o.estimate().hours()), w.costOnly(o.estimate())))));
        out.add(Heading.sub(w.text("summary.risk")));
        out.add(Paragraph.body(risk(base, w)));
        Estimate own = data.estimate();
        HardwareSpec hw = own.scenario().hardware();
        out.add(Heading.sub(w.text("summary.own")));
        out.add(Paragraph.body(w.text(own.fits() ? "summary.ownFits" : "summary.ownDoesNotFit",
                hw.gpuCount(), Text.name(hw.gpu().name()), w.sharding(hw),
                w.f().gib(own.memory().perGpu().totalBytes()), w.f().gib(own.memory().capacityBytes()))));
        return out;
    }

    private static Table facts(Estimate base, Wording w) {
        HardwareSpec hw = base.scenario().hardware();
        List<Cell[]> rows = new ArrayList<>();
        rows.add(pair(w, "summary.gpu", Cell.name(hw.gpu().name())));
        rows.add(pair(w, "summary.count", Cell.words(hw.nodes() > 1
                ? w.plain("summary.countNodes", hw.gpuCount(), hw.nodes()) : String.valueOf(hw.gpuCount()))));
        rows.add(pair(w, "summary.sharding", Cell.words(w.sharding(hw))));
        // A job that does not fit has no time or cost to quote, as in the options table.
        rows.add(pair(w, "summary.time", Cell.words(!base.fits() ? w.plain("common.noFit")
                : base.hours().isPresent() ? w.f().duration(base.hours().getAsDouble()) : w.plain("common.noTokens"))));
        rows.add(pair(w, "summary.cost", base.fits() ? Cell.of(w.costText(base))
                : Cell.words(w.plain("common.noFit"))));
        rows.add(pair(w, "summary.memory", Cell.words(w.memoryText(base.memory()))));
        rows.add(pair(w, "summary.speed", Cell.words(w.plain("summary.speedValue",
                w.f().integer(base.throughput().tokensPerSecond()), w.f().percent(Wording.endToEndMfu(base))))));
        return Table.keyValue(rows, Table.Density.ROOMY);
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
    private static Text risk(Estimate base, Wording w) {
        MemoryEstimate m = base.memory();
        if (!m.fits()) {
            return w.text("risk.doesNotFit", w.f().gib(m.perGpu().totalBytes()), w.f().gib(m.capacityBytes()));
        }
        double headroomShare = (double) m.headroomBytes() / m.capacityBytes();
        if (headroomShare < 0.10) {
            return w.text("risk.thinHeadroom", w.f().gib(m.headroomBytes()), w.f().percent(headroomShare));
        }
        Optional<Note> warning = base.notes().stream().filter(n -> n.severity() == Note.Severity.WARNING)
                .findFirst();
        if (warning.isPresent()) {
            return w.text("risk.warning", w.words().note(warning.get()));
        }
        return w.text("risk.mfu", w.f().percent(Wording.endToEndMfu(base)));
    }
}
